using CreditOS.Dataverse.Framework.Registration;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Fixtures;

/// <summary>Traces its depth, its parent context (its operation's pre-validation context) and the one above (the calling plug-in's).</summary>
[PluginStep("Create", "contact", PipelineStage.PreOperation, "7e000000-0000-4000-8000-000000000001")]
public sealed class NestedCallProbePlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var parent = context.ParentContext;
        var grandparent = parent?.ParentContext;
        ((ITracingService)serviceProvider.GetService(typeof(ITracingService))!).Trace(
            "depth={0} parent={1}/{2}/{3} grandparent={4}/{5}/{6} samecorrelation={7}",
            context.Depth,
            parent?.MessageName ?? "none",
            parent?.PrimaryEntityName ?? "none",
            parent?.Stage ?? 0,
            grandparent?.MessageName ?? "none",
            grandparent?.PrimaryEntityName ?? "none",
            grandparent?.Stage ?? 0,
            parent is not null && parent.CorrelationId == context.CorrelationId);
    }
}

/// <summary>Traces the message and the target's columns of whatever it is registered for.</summary>
public sealed class TargetTracingPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var columns = context.InputParameters.TryGetValue("Target", out var target) && target is Entity entity
            ? string.Join(",", entity.Attributes.Keys.OrderBy(k => k, StringComparer.Ordinal))
            : string.Empty;
        var pre = string.Join(";", context.PreEntityImages.Select(i => i.Key + ":" + i.Value.GetAttributeValue<string>("name")));
        ((ITracingService)serviceProvider.GetService(typeof(ITracingService))!).Trace("{0} stage {1} target {2} pre {3}", context.MessageName, context.Stage, columns, pre);
    }
}
