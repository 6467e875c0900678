using System.Globalization;
using CreditOS.Dataverse.Framework.Registration;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Fixtures;

/// <summary>Traces what its execution context holds in each stage of an account Create, and passes a shared variable along.</summary>
[PluginStep("Create", "account", PipelineStage.PreValidation, "7a000000-0000-4000-8000-000000000010")]
[PluginStep("Create", "account", PipelineStage.PreOperation, "7a000000-0000-4000-8000-000000000020")]
[PluginStep("Create", "account", PipelineStage.PostOperation, "7a000000-0000-4000-8000-000000000040")]
public sealed class ContextProbePlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var trace = (ITracingService)serviceProvider.GetService(typeof(ITracingService))!;
        context.SharedVariables["seen" + context.Stage.ToString(CultureInfo.InvariantCulture)] = true;
        trace.Trace("stage={0}", context.Stage);
        trace.Trace("depth={0}", context.Depth);
        trace.Trace("message={0}", context.MessageName);
        trace.Trace("entity={0}", context.PrimaryEntityName);
        trace.Trace("user={0}", context.UserId);
        trace.Trace("initiating={0}", context.InitiatingUserId);
        trace.Trace("intransaction={0}", context.IsInTransaction);
        trace.Trace("target={0}", context.InputParameters["Target"].GetType().Name);
        trace.Trace("outputid={0}", context.OutputParameters.Contains("id") ? context.OutputParameters["id"] : "none");
        trace.Trace("primaryid={0}", context.PrimaryEntityId);
        trace.Trace("shared={0}", string.Join(",", context.SharedVariables.Keys.OrderBy(k => k, StringComparer.Ordinal)));
        trace.Trace("organization={0}", context.OrganizationId);
        trace.Trace("offline={0}", context.IsExecutingOffline);
    }
}

/// <summary>Upper-cases the name in stage 10: a target change before the operation is what gets saved.</summary>
[PluginStep("Create", "account", PipelineStage.PreValidation, "7a000000-0000-4000-8000-000000000101")]
public sealed class NameNormalizingPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var target = (Entity)context.InputParameters["Target"];
        target["name"] = target.GetAttributeValue<string>("name")?.ToUpperInvariant();
    }
}

/// <summary>Appends "A" to the notes in stage 20, rank 2.</summary>
[PluginStep("Update", "account", PipelineStage.PreOperation, "7a000000-0000-4000-8000-000000000201", Rank = 2)]
public sealed class AppendsAPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider) => Notes.Append(serviceProvider, "A");
}

/// <summary>Appends "B" to the notes in stage 20, rank 1: runs before <see cref="AppendsAPlugin"/>.</summary>
[PluginStep("Update", "account", PipelineStage.PreOperation, "7a000000-0000-4000-8000-000000000202", Rank = 1)]
public sealed class AppendsBPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider) => Notes.Append(serviceProvider, "B");
}

/// <summary>Runs only when an account update touches creditlimit.</summary>
[PluginStep("Update", "account", PipelineStage.PostOperation, "7a000000-0000-4000-8000-000000000301", FilteringAttributes = "creditlimit, cos_riskscore")]
public sealed class LimitWatcherPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider) =>
        ((ITracingService)serviceProvider.GetService(typeof(ITracingService))!).Trace("limit or risk changed");
}

/// <summary>Traces the configuration strings its constructor received.</summary>
[PluginStep("Create", "contact", PipelineStage.PreOperation, "7a000000-0000-4000-8000-000000000401", UnsecureConfiguration = "unsecure-setting")]
public sealed class ConfiguredPlugin(string? unsecureConfiguration, string? secureConfiguration) : IPlugin
{
    public void Execute(IServiceProvider serviceProvider) =>
        ((ITracingService)serviceProvider.GetService(typeof(ITracingService))!).Trace("unsecure={0} secure={1}", unsecureConfiguration ?? "null", secureConfiguration ?? "null");
}

/// <summary>Reads the parent account of a new contact through the service (one call, one row).</summary>
[PluginStep("Create", "contact", PipelineStage.PostOperation, "7a000000-0000-4000-8000-000000000501")]
public sealed class ParentReadingPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!;
        var target = (Entity)context.InputParameters["Target"];
        if (target.GetAttributeValue<EntityReference>("parentcustomerid") is { } parent)
        {
            var service = factory.CreateOrganizationService(context.UserId);
            var account = service.Retrieve(parent.LogicalName, parent.Id, new Microsoft.Xrm.Sdk.Query.ColumnSet("name"));
            ((ITracingService)serviceProvider.GetService(typeof(ITracingService))!).Trace("parent={0}", account.GetAttributeValue<string>("name"));
        }
    }
}

internal static class Notes
{
    public static void Append(IServiceProvider serviceProvider, string mark)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var target = (Entity)context.InputParameters["Target"];
        target["cos_notes"] = target.GetAttributeValue<string>("cos_notes") + mark;
    }
}
