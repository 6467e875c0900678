using CreditOS.Dataverse.Framework.Registration;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Fixtures;

/// <summary>Refuses, in stage 20, an account named "refuse".</summary>
[PluginStep("Create", "account", PipelineStage.PreOperation, "7b000000-0000-4000-8000-000000000001")]
public sealed class RefusingPreOperationPlugin : IPlugin
{
    public const string Message = "Accounts named refuse are refused.";

    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        ((ITracingService)serviceProvider.GetService(typeof(ITracingService))!).Trace("checking {0}", ((Entity)context.InputParameters["Target"]).GetAttributeValue<string>("name"));
        if (((Entity)context.InputParameters["Target"]).GetAttributeValue<string>("name") == "refuse")
        {
            throw new InvalidPluginExecutionException(Message);
        }
    }
}

/// <summary>Creates a contact in stage 10, outside the account's transaction.</summary>
[PluginStep("Create", "account", PipelineStage.PreValidation, "7b000000-0000-4000-8000-000000000002")]
public sealed class PreValidationWriterPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var service = ((IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!).CreateOrganizationService(context.UserId);
        service.Create(new Entity("contact") { ["lastname"] = "written in stage 10", ["cos_code"] = "PV" });
    }
}

/// <summary>Creates a contact in stage 40, then refuses an account named "undo": both writes must roll back.</summary>
[PluginStep("Create", "account", PipelineStage.PostOperation, "7b000000-0000-4000-8000-000000000003")]
public sealed class WriteThenFailPlugin : IPlugin
{
    public const string Message = "Undone after writing.";

    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var service = ((IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!).CreateOrganizationService(context.UserId);
        service.Create(new Entity("contact") { ["lastname"] = "written in stage 40", ["cos_code"] = "PO" });
        if (((Entity)context.InputParameters["Target"]).GetAttributeValue<string>("name") == "undo")
        {
            throw new InvalidPluginExecutionException(Message);
        }
    }
}

/// <summary>Throws an ordinary exception for an account named "crash", after tracing.</summary>
[PluginStep("Create", "account", PipelineStage.PreOperation, "7b000000-0000-4000-8000-000000000004")]
public sealed class CrashingPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        ((ITracingService)serviceProvider.GetService(typeof(ITracingService))!).Trace("about to look at the target");
        if (((Entity)context.InputParameters["Target"]).GetAttributeValue<string>("name") == "crash")
        {
            throw new InvalidOperationException("Something unexpected.");
        }
    }
}

/// <summary>Updates the account it was triggered by, which triggers it again: an infinite loop.</summary>
[PluginStep("Update", "account", PipelineStage.PostOperation, "7b000000-0000-4000-8000-000000000005", FilteringAttributes = "cos_creditcheckcount")]
public sealed class LoopingPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var service = ((IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!).CreateOrganizationService(null);
        var count = ((Entity)context.InputParameters["Target"]).GetAttributeValue<int>("cos_creditcheckcount");
        service.Update(new Entity("account", context.PrimaryEntityId) { ["cos_creditcheckcount"] = count + 1 });
    }
}

/// <summary>Catches the failure of a nested call and carries on, which Dataverse does not allow inside a transaction.</summary>
[PluginStep("Create", "account", PipelineStage.PostOperation, "7b000000-0000-4000-8000-000000000006")]
public sealed class SwallowingPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var service = ((IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!).CreateOrganizationService(null);
        try
        {
            service.Retrieve("account", Guid.NewGuid(), new Microsoft.Xrm.Sdk.Query.ColumnSet("name"));
        }
        catch (System.ServiceModel.FaultException<OrganizationServiceFault>)
        {
            // Deliberately swallowed: the test shows the transaction is lost anyway.
        }
    }
}
