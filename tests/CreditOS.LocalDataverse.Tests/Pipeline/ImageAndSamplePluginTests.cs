using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Pipeline;
using CreditOS.LocalDataverse.Tests.Fixtures;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Pipeline;

/// <summary>The sample plug-in, registered from its attributes and run through Create and Update requests.</summary>
public sealed class ImageAndSamplePluginTests
{
    [Fact]
    public void SamplePlugin_OnCreate_ChangesTheTargetInPreOperation()
    {
        using var env = TestEnvironment.Builder().WithPlugin<SampleCreditLimitPlugin>().Build();

        var id = env.Service.Create(Rows.Account("Contoso", 1_000m));

        Assert.Equal(1, env.Service.Get("account", id, "cos_creditcheckcount").GetAttributeValue<int>("cos_creditcheckcount"));
    }

    [Fact]
    public void SamplePlugin_SeesPreAndPostImages_WithOnlyTheRegisteredColumns()
    {
        using var env = TestEnvironment.Builder().WithPlugin<SampleCreditLimitPlugin>().Build();
        var id = env.Service.Create(Rows.Account("Contoso", 1_000m));

        env.Service.Update(new Entity("account", id) { ["creditlimit"] = new Money(500m) });

        var run = env.Dataverse.PluginExecutions.Last(x => x.PluginType == typeof(SampleCreditLimitPlugin));
        Assert.Equal(40, run.Stage);
        Assert.Contains("limit 1000 -> 500", run.Trace, StringComparison.Ordinal);
        Assert.True(run.Succeeded);
    }

    [Fact]
    public void SamplePlugin_RefusingARaise_ReachesTheCallerWithItsMessageAndTrace_AndUndoesTheUpdate()
    {
        using var env = TestEnvironment.Builder().WithPlugin<SampleCreditLimitPlugin>().Build();
        var id = env.Service.Create(Rows.Account("Contoso", 1_000m));

        var fault = FaultAssert.Throws(DataverseErrorCodes.IsvAborted, () =>
            env.Service.Update(new Entity("account", id) { ["creditlimit"] = new Money(250_000m) }));

        Assert.Equal(SampleCreditLimitPlugin.RefusalMessage, fault.Message);
        Assert.Contains("limit 1000 -> 250000", fault.TraceText, StringComparison.Ordinal);
        Assert.Equal(1_000m, env.Service.Get("account", id, "creditlimit").GetAttributeValue<Money>("creditlimit").Value);
    }

    [Fact]
    public void PostImage_HasOnlyRegisteredColumns_AndPreImageIsTheRowBefore()
    {
        using var env = TestEnvironment.Create();
        var step = new PluginStepRegistration(
            typeof(ImageCapturingPlugin),
            Guid.NewGuid(),
            "Update",
            "account",
            PipelineStageNumber.PostOperation,
            IsAsynchronous: false,
            Rank: 1,
            FilteringAttributes: [],
            UnsecureConfiguration: null,
            SecureConfiguration: null,
            Images: [new PluginImageRegistration("pre", true, ["name"]), new PluginImageRegistration("post", false, ["name", "creditlimit"])]);
        env.Dataverse.RegisterStep(step);
        var id = env.Service.Create(Rows.Account("Before", 5m));

        env.Service.Update(new Entity("account", id) { ["name"] = "After" });

        var trace = env.Dataverse.PluginExecutions.Single().Trace;
        Assert.Contains("pre:accountid,name=Before", trace, StringComparison.Ordinal);
        Assert.Contains("post:accountid,creditlimit,name=After", trace, StringComparison.Ordinal);
    }

    [Fact]
    public void PreOperationStep_GetsItsPreImage_AndCannotBeRegisteredWithAPostImage()
    {
        using var env = TestEnvironment.Create();
        // "You can only have a Post Image for steps registered in the PostOperation stage" (register-plug-in): refused at
        // registration (PipelineRegistrationProbes); it used to be accepted and given no post-image.
        Assert.Throws<InvalidOperationException>(() => env.Dataverse.RegisterStep(new PluginStepRegistration(
            typeof(ImageCapturingPlugin), Guid.NewGuid(), "Update", "account", PipelineStageNumber.PreOperation, false, 1, [], null, null,
            [new PluginImageRegistration("pre", true, ["name"]), new PluginImageRegistration("post", false, ["name"])])));
        env.Dataverse.RegisterStep(new PluginStepRegistration(
            typeof(ImageCapturingPlugin), Guid.NewGuid(), "Update", "account", PipelineStageNumber.PreOperation, false, 1, [], null, null,
            [new PluginImageRegistration("pre", true, ["name"])]));
        var id = env.Service.Create(Rows.Account("Before"));

        env.Service.Update(new Entity("account", id) { ["name"] = "After" });

        var trace = env.Dataverse.PluginExecutions.Single().Trace;
        Assert.Contains("pre:accountid,name=Before", trace, StringComparison.Ordinal);
        Assert.DoesNotContain("post:", trace, StringComparison.Ordinal);
    }

    /// <summary>Traces the images it gets: alias, columns, name.</summary>
    public sealed class ImageCapturingPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            var trace = (ITracingService)serviceProvider.GetService(typeof(ITracingService))!;
            foreach (var (alias, image) in context.PreEntityImages.Concat(context.PostEntityImages))
            {
                trace.Trace("{0}:{1}={2}", alias, string.Join(",", image.Attributes.Keys.OrderBy(k => k, StringComparer.Ordinal)), image.GetAttributeValue<string>("name"));
            }
        }
    }
}
