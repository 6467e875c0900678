using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Pipeline;

/// <summary>The IServiceProvider a plug-in's Execute receives: context, tracing and the service factory.</summary>
internal sealed class PluginServiceProvider(
    IPluginExecutionContext context,
    ITracingService tracing,
    IOrganizationServiceFactory factory) : IServiceProvider
{
    public object? GetService(Type serviceType)
    {
        if (serviceType == typeof(IPluginExecutionContext) || serviceType == typeof(IExecutionContext))
        {
            return context;
        }

        if (serviceType == typeof(ITracingService))
        {
            return tracing;
        }

        if (serviceType == typeof(IOrganizationServiceFactory))
        {
            return factory;
        }

        // Dataverse answers null for services it does not offer; so does the local one.
        return null;
    }
}
