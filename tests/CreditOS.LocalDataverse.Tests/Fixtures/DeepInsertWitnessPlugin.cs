using CreditOS.Dataverse.Framework.Registration;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Fixtures;

/// <summary>
/// Traces each contact Create it sees (its last name and the account its parentcustomerid names) and refuses one named "Refused", so a
/// probe can show that a deep insert runs the pipeline once per row and that one row's refusal rolls back the others.
/// </summary>
[PluginStep("Create", "contact", PipelineStage.PreOperation, "7a000000-0000-4000-8000-000000000d16")]
public sealed class DeepInsertWitnessPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var trace = (ITracingService)serviceProvider.GetService(typeof(ITracingService))!;
        var target = (Entity)context.InputParameters["Target"];
        var lastName = target.GetAttributeValue<string>("lastname");
        if (lastName == "Refused")
        {
            throw new InvalidPluginExecutionException("cos_ The contact 'Refused' is refused by the witness plug-in.");
        }

        trace.Trace("{0} parent={1}", lastName, target.GetAttributeValue<EntityReference>("parentcustomerid")?.Id.ToString() ?? "none");
    }
}
