using CreditOS.LocalDataverse.Tests.Fixtures;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;

namespace CreditOS.LocalDataverse.Tests.Pipeline;

public sealed class PipelineContextTests
{
    [Fact]
    public void Create_RunsStages10_20_40_InOrder_WithTheContextDataverseFills()
    {
        using var env = TestEnvironment.Builder().WithPlugin<ContextProbePlugin>().Build();

        var id = env.As(TestEnvironment.Operator).Create(Rows.Account("Contoso"));

        var runs = env.Dataverse.PluginExecutions.Where(x => x.PluginType == typeof(ContextProbePlugin)).ToList();
        Assert.Equal([10, 20, 40], runs.Select(r => r.Stage));
        Assert.All(runs, r => Assert.Contains("message=Create", r.Trace, StringComparison.Ordinal));
        Assert.All(runs, r => Assert.Contains("entity=account", r.Trace, StringComparison.Ordinal));
        Assert.All(runs, r => Assert.Contains("depth=1", r.Trace, StringComparison.Ordinal));
        Assert.All(runs, r => Assert.Contains($"user={TestEnvironment.Operator}", r.Trace, StringComparison.Ordinal));
        Assert.All(runs, r => Assert.Contains($"initiating={TestEnvironment.Operator}", r.Trace, StringComparison.Ordinal));
        Assert.All(runs, r => Assert.Contains("target=Entity", r.Trace, StringComparison.Ordinal));
        Assert.All(runs, r => Assert.Contains($"organization={env.Dataverse.OrganizationId}", r.Trace, StringComparison.Ordinal));
        Assert.All(runs, r => Assert.Contains("offline=False", r.Trace, StringComparison.Ordinal));
        Assert.Contains("intransaction=False", runs[0].Trace, StringComparison.Ordinal);
        Assert.Contains("intransaction=True", runs[1].Trace, StringComparison.Ordinal);
        Assert.Contains("intransaction=True", runs[2].Trace, StringComparison.Ordinal);
        Assert.Contains("outputid=none", runs[1].Trace, StringComparison.Ordinal);
        Assert.Contains($"outputid={id}", runs[2].Trace, StringComparison.Ordinal);
        Assert.Contains($"primaryid={id}", runs[2].Trace, StringComparison.Ordinal);
    }

    [Fact]
    public void SharedVariables_FlowFromPreOperationToPostOperation_AndFromPreValidationOnlyThroughTheParentContext()
    {
        using var env = TestEnvironment.Builder().WithPlugin<ContextProbePlugin>().Build();

        env.Service.Create(Rows.Account("Contoso"));

        // Create: stage 10's variables are in ParentContext.SharedVariables for stages 20 and 40 (SharedVariablesProbes).
        var runs = env.Dataverse.PluginExecutions.Where(x => x.PluginType == typeof(ContextProbePlugin)).ToList();
        Assert.Contains("shared=seen10\n", runs[0].Trace.Replace("\r", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("shared=seen20\n", runs[1].Trace.Replace("\r", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("shared=seen20,seen40\n", runs[2].Trace.Replace("\r", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void TargetChangedInPreValidation_IsWhatGetsSaved()
    {
        using var env = TestEnvironment.Builder().WithPlugin<NameNormalizingPlugin>().Build();
        var account = Rows.Account("contoso");

        var id = env.Service.Create(account);

        Assert.Equal("CONTOSO", env.Service.Get("account", id, "name").GetAttributeValue<string>("name"));
        Assert.Equal("contoso", account.GetAttributeValue<string>("name"));
    }

    [Fact]
    public void StepsOfOneStage_RunInRankOrder()
    {
        using var env = TestEnvironment.Builder().WithPlugin<AppendsAPlugin>().WithPlugin<AppendsBPlugin>().Build();
        var id = env.Service.Create(Rows.Account("Contoso"));

        env.Service.Update(new Microsoft.Xrm.Sdk.Entity("account", id) { ["cos_notes"] = ">" });

        Assert.Equal(">BA", env.Service.Get("account", id, "cos_notes").GetAttributeValue<string>("cos_notes"));
    }

    [Fact]
    public void UpdateStepWithFilteringAttributes_RunsOnlyWhenOneOfThemIsInTheTarget()
    {
        using var env = TestEnvironment.Builder().WithPlugin<LimitWatcherPlugin>().Build();
        var id = env.Service.Create(Rows.Account("Contoso"));

        env.Service.Update(new Microsoft.Xrm.Sdk.Entity("account", id) { ["name"] = "Renamed" });
        Assert.Empty(env.Dataverse.PluginExecutions);

        env.Service.Update(new Microsoft.Xrm.Sdk.Entity("account", id) { ["cos_riskscore"] = 40m });
        Assert.Single(env.Dataverse.PluginExecutions, x => x.PluginType == typeof(LimitWatcherPlugin));
    }

    [Fact]
    public void Plugin_ReceivesUnsecureAndSecureConfigurationThroughItsConstructor()
    {
        using var env = TestEnvironment.Builder().WithPlugin<ConfiguredPlugin>("secure-setting").Build();

        env.Service.Create(Rows.Contact("Smith"));

        var run = Assert.Single(env.Dataverse.PluginExecutions);
        Assert.Contains("unsecure=unsecure-setting secure=secure-setting", run.Trace, StringComparison.Ordinal);
    }

    [Fact]
    public void RegisterPluginAssembly_RegistersEveryDeclaredStepOfEveryPluginClass()
    {
        using var env = TestEnvironment.Create();

        env.Dataverse.RegisterPluginAssembly(typeof(ContextProbePlugin).Assembly);

        Assert.Equal(3, env.Dataverse.RegisteredSteps.Count(s => s.PluginType == typeof(ContextProbePlugin)));
        var update = Assert.Single(env.Dataverse.RegisteredSteps, s => s.StepId == Guid.Parse(SampleCreditLimitPlugin.UpdateStep));
        Assert.Equal(["creditlimit"], update.FilteringAttributes);
        Assert.Equal("100000", update.UnsecureConfiguration);
        Assert.Equal(["before", "after"], update.Images.Select(i => i.Alias));
        Assert.Equal(["creditlimit", "name"], update.Images.Single(i => !i.IsPreImage).Columns);
    }

    [Fact]
    public void RegisterPlugin_WithoutRegistrationAttributes_IsRefused()
    {
        using var env = TestEnvironment.Create();

        Assert.Throws<ArgumentException>(() => env.Dataverse.RegisterPlugin(typeof(Notes)));
    }
}
