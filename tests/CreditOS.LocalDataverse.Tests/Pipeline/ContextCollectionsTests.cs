using CreditOS.Dataverse.Framework.Registration;
using CreditOS.LocalDataverse.Tests.Fixtures;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Pipeline;

/// <summary>
/// A context's collections exist whether or not the pipeline filled them, and each is one collection: what a plug-in puts in
/// one is there when it reads it again (session 23 made the unfilled ones on first read instead of on every context).
/// </summary>
public sealed class ContextCollectionsTests
{
    [Fact]
    public void ThePreValidationParentContext_HasEmptyImageCollections_ThatKeepWhatIsPutInThem()
    {
        using var env = TestEnvironment.Builder().WithPlugin<ParentCollectionsProbePlugin>().Build();

        env.Service.Create(Rows.Account("Contoso"));

        var trace = env.Dataverse.PluginExecutions.Single(x => x.PluginType == typeof(ParentCollectionsProbePlugin)).Trace;
        Assert.Contains("parent stage=10", trace, StringComparison.Ordinal);
        Assert.Contains("pre images=0 post images=0 output=0", trace, StringComparison.Ordinal);
        Assert.Contains("pre kept=True post kept=True output kept=True", trace, StringComparison.Ordinal);
        Assert.Contains("own pre images=0 own post images=0", trace, StringComparison.Ordinal);
    }
}

/// <summary>Stage 20 of an account Create: reads its parent (pre-validation) context's collections, writes to them and reads again.</summary>
[PluginStep("Create", "account", PipelineStage.PreOperation, "7a000000-0000-4000-8000-000000000923")]
public sealed class ParentCollectionsProbePlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var trace = (ITracingService)serviceProvider.GetService(typeof(ITracingService))!;
        var parent = context.ParentContext;
        trace.Trace("parent stage={0}", parent.Stage);
        trace.Trace("pre images={0} post images={1} output={2}", parent.PreEntityImages.Count, parent.PostEntityImages.Count, parent.OutputParameters.Count);
        parent.PreEntityImages["probe"] = new Entity("account");
        parent.PostEntityImages["probe"] = new Entity("account");
        parent.OutputParameters["probe"] = 1;
        trace.Trace(
            "pre kept={0} post kept={1} output kept={2}",
            parent.PreEntityImages.Contains("probe"),
            parent.PostEntityImages.Contains("probe"),
            parent.OutputParameters.Contains("probe"));
        trace.Trace("own pre images={0} own post images={1}", context.PreEntityImages.Count, context.PostEntityImages.Count);
    }
}
