using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Fixtures;

/// <summary>
/// Traces "{message} reached stage {stage}" and does nothing else; each witness subclass declares the steps it watches,
/// so its runs in <c>PluginExecutions</c> show which stages an operation reached.
/// </summary>
public abstract class StageTracingPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var trace = (ITracingService)serviceProvider.GetService(typeof(ITracingService))!;
        trace.Trace("{0} reached stage {1}", context.MessageName, context.Stage);
    }
}
