using System.Reflection;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Pipeline;

/// <summary>A step with its plug-in instance. Dataverse caches and reuses plug-in instances, so plug-ins must be stateless.</summary>
internal sealed class RegisteredStep(PluginStepRegistration registration, int order)
{
    private readonly Lazy<IPlugin> _plugin = new(() => Instantiate(registration.PluginType, registration.UnsecureConfiguration, registration.SecureConfiguration));

    public PluginStepRegistration Registration { get; } = registration;

    /// <summary>Registration order, which breaks ties between equal ranks.</summary>
    public int Order { get; } = order;

    public IPlugin Plugin => _plugin.Value;

    public static IPlugin Instantiate(Type pluginType, string? unsecure, string? secure)
    {
        var configured = pluginType.GetConstructor([typeof(string), typeof(string)]);
        try
        {
            var instance = configured is not null
                ? configured.Invoke([unsecure, secure])
                : Activator.CreateInstance(pluginType)
                    ?? throw new InvalidOperationException($"Could not create {pluginType.FullName}.");
            return (IPlugin)instance;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            throw new InvalidOperationException($"The constructor of {pluginType.FullName} failed: {exception.InnerException.Message}", exception.InnerException);
        }
    }
}
