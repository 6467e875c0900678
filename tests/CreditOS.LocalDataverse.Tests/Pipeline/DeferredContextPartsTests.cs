using CreditOS.Dataverse.Framework.Registration;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Pipeline;

/// <summary>
/// What session 29 made later or cheaper shows what it showed before: the pre-validation parent context, made when first read,
/// names the row as stage 10 saw it (a Create's id is set later, by the core operation) and is one context for stages 20 and
/// 40; a step without images gets image collections that keep what it puts in them; the operation's ids are random
/// version-4 Guids, one set per operation.
/// </summary>
public sealed class DeferredContextPartsTests
{
    [Fact]
    public void TheParentContext_NamesTheRowAsStage10SawIt_AndIsOneContextForStages20And40()
    {
        using var env = TestEnvironment.Builder().WithPlugin<DeferredPartsPreProbe>().WithPlugin<DeferredPartsPostProbe>().Build();

        var id = env.Service.Create(Rows.Account("Contoso"));

        var pre = Trace<DeferredPartsPreProbe>(env);
        var post = Trace<DeferredPartsPostProbe>(env);
        Assert.Contains($"parent id={Guid.Empty} parent entity=account parent stage=10", pre, StringComparison.Ordinal);
        Assert.Contains($"parent id={Guid.Empty} parent entity=account parent stage=10", post, StringComparison.Ordinal);
        Assert.Contains($"own id={id}", post, StringComparison.Ordinal);
        // The same context object for both steps, not one made per step.
        Assert.Contains("same parent=True", post, StringComparison.Ordinal);
        Assert.Equal(Value(pre, "parent operation="), Value(post, "parent operation="));
    }

    [Fact]
    public void TheParentContext_FirstReadAfterTheCoreOperation_StillNamesNoRowForACreate()
    {
        // Only a stage 40 step: the parent is made when it reads it, after the Create's core operation set the new row's id.
        using var env = TestEnvironment.Builder().WithPlugin<DeferredPartsPostProbe>().Build();

        var id = env.Service.Create(Rows.Account("Contoso"));

        var post = Trace<DeferredPartsPostProbe>(env);
        Assert.Contains($"parent id={Guid.Empty} parent entity=account parent stage=10", post, StringComparison.Ordinal);
        Assert.Contains($"own id={id}", post, StringComparison.Ordinal);
    }

    [Fact]
    public void AStepWithoutImages_GetsImageCollectionsThatKeepWhatIsPutInThem()
    {
        using var env = TestEnvironment.Builder().WithPlugin<DeferredPartsPostProbe>().Build();

        env.Service.Create(Rows.Account("Contoso"));

        var post = Trace<DeferredPartsPostProbe>(env);
        Assert.Contains("own pre images=0 own post images=0", post, StringComparison.Ordinal);
        Assert.Contains("own pre kept=True own post kept=True", post, StringComparison.Ordinal);
    }

    [Fact]
    public void OperationIds_AreVersion4Guids_OneSetPerOperation()
    {
        using var env = TestEnvironment.Builder().WithPlugin<DeferredPartsPostProbe>().Build();

        env.Service.Create(Rows.Account("Contoso"));
        env.Service.Create(Rows.Account("Fabrikam"));

        var traces = env.Dataverse.PluginExecutions.Where(x => x.PluginType == typeof(DeferredPartsPostProbe)).Select(x => x.Trace).ToList();
        Assert.Equal(2, traces.Count);
        var ids = traces.SelectMany(trace => new[] { Value(trace, "operation="), Value(trace, "request="), Value(trace, "correlation=") }).Select(Guid.Parse).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, guid =>
        {
            var text = guid.ToString("D");
            Assert.Equal('4', text[14]);
            Assert.Contains(text[19], "89ab");
        });
    }

    private static string Trace<TPlugin>(DataverseTestContext env) =>
        env.Dataverse.PluginExecutions.Single(x => x.PluginType == typeof(TPlugin)).Trace;

    private static string Value(string trace, string name)
    {
        var start = trace.IndexOf(" " + name, StringComparison.Ordinal) + name.Length + 1;
        var end = trace.IndexOfAny([' ', '\r', '\n'], start);
        return trace[start..(end < 0 ? trace.Length : end)];
    }
}

/// <summary>Stage 20 of an account Create: reads its parent context and keeps it for stage 40 to compare.</summary>
[PluginStep("Create", "account", PipelineStage.PreOperation, "7a000000-0000-4000-8000-000000002901")]
public sealed class DeferredPartsPreProbe : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var (context, trace, parent) = Read(serviceProvider);
        Parents[context.CorrelationId] = parent;
    }

    /// <summary>The step's context, tracing and parent context, with the parent's row, stage and operation id traced.</summary>
    public static (IPluginExecutionContext Context, ITracingService Trace, IPluginExecutionContext Parent) Read(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var trace = (ITracingService)serviceProvider.GetService(typeof(ITracingService))!;
        var parent = context.ParentContext;
        trace.Trace(" parent id={0} parent entity={1} parent stage={2}", parent.PrimaryEntityId, parent.PrimaryEntityName, parent.Stage);
        trace.Trace(" parent operation={0}", parent.OperationId);
        return (context, trace, parent);
    }

    /// <summary>The parent context each operation's stage 20 saw, by correlation id, for its stage 40 to compare.</summary>
    public static System.Collections.Concurrent.ConcurrentDictionary<Guid, IPluginExecutionContext> Parents { get; } = new();
}

/// <summary>Stage 40 of an account Create: its parent context, its own row id and ids, and its image collections.</summary>
[PluginStep("Create", "account", PipelineStage.PostOperation, "7a000000-0000-4000-8000-000000002902")]
public sealed class DeferredPartsPostProbe : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var (context, trace, parent) = DeferredPartsPreProbe.Read(serviceProvider);
        trace.Trace(" same parent={0}", DeferredPartsPreProbe.Parents.TryGetValue(context.CorrelationId, out var seen) && ReferenceEquals(seen, parent));
        trace.Trace(" own id={0}", context.PrimaryEntityId);
        trace.Trace(" own operation={0} own request={1} own correlation={2}", context.OperationId, context.RequestId, context.CorrelationId);
        trace.Trace(" own pre images={0} own post images={1}", context.PreEntityImages.Count, context.PostEntityImages.Count);
        context.PreEntityImages["probe"] = new Entity("account");
        context.PostEntityImages["probe"] = new Entity("account");
        trace.Trace(" own pre kept={0} own post kept={1}", context.PreEntityImages.Contains("probe"), context.PostEntityImages.Contains("probe"));
    }
}
