using CreditOS.Dataverse.Framework.Registration;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Fixtures;

/// <summary>
/// Traces "message table stage mode" for each of its steps, so a test sees which custom logic a bypass skipped. Its synchronous
/// account Create step creates a contact named "spawned" when the account is named "spawn": a plug-in's own call, which the
/// client's bypass does not reach.
/// </summary>
[PluginStep("Create", "account", PipelineStage.PreValidation, PreValidationStep)]
[PluginStep("Create", "account", PipelineStage.PreOperation, SyncCreateStep)]
[PluginStep("Create", "account", PipelineStage.PostOperation, AsyncCreateStep, Mode = ExecutionMode.Asynchronous)]
[PluginStep("Update", "account", PipelineStage.PreOperation, SyncUpdateStep)]
[PluginStep("Create", "contact", PipelineStage.PreOperation, SyncContactStep)]
[PluginStep("Create", "contact", PipelineStage.PostOperation, AsyncContactStep, Mode = ExecutionMode.Asynchronous)]
public sealed class BypassWitnessPlugin : IPlugin
{
    public const string PreValidationStep = "7a000000-0000-4000-8000-000000000b01";
    public const string SyncCreateStep = "7a000000-0000-4000-8000-000000000b02";
    public const string AsyncCreateStep = "7a000000-0000-4000-8000-000000000b03";
    public const string SyncUpdateStep = "7a000000-0000-4000-8000-000000000b04";
    public const string SyncContactStep = "7a000000-0000-4000-8000-000000000b05";
    public const string AsyncContactStep = "7a000000-0000-4000-8000-000000000b06";

    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var trace = (ITracingService)serviceProvider.GetService(typeof(ITracingService))!;
        trace.Trace("{0} {1} {2} {3}", context.MessageName, context.PrimaryEntityName, context.Stage, context.Mode == 1 ? "async" : "sync");
        if (context.Stage == 20 && context.PrimaryEntityName == "account" && context.InputParameters["Target"] is Entity { } target
            && target.GetAttributeValue<string>("name") == "spawn")
        {
            var factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!;
            factory.CreateOrganizationService(context.UserId).Create(new Entity("contact") { ["lastname"] = "spawned", ["cos_code"] = "C1" });
        }
    }
}
