using CreditOS.Dataverse.Framework.Registration;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Fixtures;

/// <summary>Traces the shared variable "tag" of an account Create, as Microsoft's example reads it ("Use optional parameters").</summary>
[PluginStep("Create", "account", PipelineStage.PreOperation, "7a000000-0000-4000-8000-000000000901")]
public sealed class TagWitnessPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var trace = (ITracingService)serviceProvider.GetService(typeof(ITracingService))!;
        trace.Trace("tag={0}", context.SharedVariables.ContainsKey("tag") ? context.SharedVariables["tag"] : "none");
    }
}
