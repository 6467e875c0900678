using CreditOS.Dataverse.Framework.Registration;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Fixtures;

/// <summary>Asynchronously writes an audit contact for each new account; fails for an account named "async-fail".</summary>
[PluginStep("Create", "account", PipelineStage.PostOperation, "7c000000-0000-4000-8000-000000000001", Mode = ExecutionMode.Asynchronous)]
public sealed class AsyncAuditPlugin : IPlugin
{
    public const string Failure = "The audit store is unavailable.";

    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var service = ((IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!).CreateOrganizationService(context.UserId);
        var name = ((Entity)context.InputParameters["Target"]).GetAttributeValue<string>("name");
        ((ITracingService)serviceProvider.GetService(typeof(ITracingService))!).Trace("mode={0} intransaction={1} id={2}", context.Mode, context.IsInTransaction, context.OutputParameters["id"]);
        service.Create(new Entity("contact") { ["lastname"] = "audit:" + name, ["cos_code"] = "AU" });
        if (name == "async-fail")
        {
            throw new InvalidPluginExecutionException(Failure);
        }
    }
}
