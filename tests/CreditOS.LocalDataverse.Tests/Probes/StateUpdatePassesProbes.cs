using CreditOS.LocalDataverse.Pipeline;
using CreditOS.LocalDataverse.Tests.Fixtures;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// "When update requests are processed that include both state/status fields plus other standard fields, plug-ins registered for
/// the Update message in PreOperation and/or PostOperation stages execute once for all non-state/status fields, and then once for
/// the state/status fields" (Behavior of specialized update operations,
/// learn.microsoft.com/power-apps/developer/data-platform/special-update-operation-behavior). The local Dataverse ran stages 20
/// and 40 once with every column, so a step filtering on statecode saw the other columns in its Target and a post-image of the
/// whole change. Stage 10 still runs once with the whole Target (the page names PreOperation and PostOperation only).
/// </summary>
public sealed class StateUpdatePassesProbes
{
    [Fact]
    public void AnUpdateOfStateAndOtherColumns_RunsStages20And40OncePerPart_OtherColumnsFirst()
    {
        using var env = TestEnvironment.Create();
        foreach (var stage in new[] { PipelineStageNumber.PreValidation, PipelineStageNumber.PreOperation, PipelineStageNumber.PostOperation })
        {
            env.Dataverse.RegisterStep(Step(stage, filtering: []));
        }

        var id = env.Service.Create(Rows.Account("Contoso"));

        env.Service.Update(new Entity("account", id) { ["name"] = "Renamed", ["statecode"] = new OptionSetValue(1) });

        Assert.Equal(
            [
                "Update stage 10 target name,statecode pre",
                "Update stage 20 target name pre",
                "Update stage 40 target name pre",
                "Update stage 20 target statecode pre",
                "Update stage 40 target statecode pre",
            ],
            Traces(env));
        var row = env.Service.Retrieve("account", id, new ColumnSet("name", "statecode", "statuscode"));
        Assert.Equal("Renamed", row.GetAttributeValue<string>("name"));
        Assert.Equal(1, row.GetAttributeValue<OptionSetValue>("statecode").Value);
        Assert.Equal(2, row.GetAttributeValue<OptionSetValue>("statuscode").Value);
    }

    [Fact]
    public void AStepFilteringOnStatecode_RunsOnce_OnTheStatePart_WithThePreImageOfTheRowAfterTheOtherPart()
    {
        using var env = TestEnvironment.Create();
        env.Dataverse.RegisterStep(Step(PipelineStageNumber.PostOperation, filtering: ["statecode"], new PluginImageRegistration("pre", true, ["name"])));
        var id = env.Service.Create(Rows.Account("Contoso"));

        env.Service.Update(new Entity("account", id) { ["name"] = "Renamed", ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });

        Assert.Equal(["Update stage 40 target statecode,statuscode pre pre:Renamed"], Traces(env));
    }

    [Theory]
    [InlineData("name")]
    [InlineData("statecode")]
    public void AnUpdateOfOneKindOfColumn_RunsOnePass(string column)
    {
        using var env = TestEnvironment.Create();
        env.Dataverse.RegisterStep(Step(PipelineStageNumber.PostOperation, filtering: []));
        var id = env.Service.Create(Rows.Account("Contoso"));

        env.Service.Update(new Entity("account", id) { [column] = column == "name" ? "Renamed" : new OptionSetValue(1) });

        Assert.Equal([$"Update stage 40 target {column} pre"], Traces(env));
    }

    [Fact]
    public void AConcurrencyCheckedUpdate_PassesOnceForBothParts()
    {
        using var env = TestEnvironment.Create();
        env.Dataverse.RegisterStep(Step(PipelineStageNumber.PostOperation, filtering: []));
        var id = env.Service.Create(Rows.Account("Contoso"));
        var current = env.Service.Retrieve("account", id, new ColumnSet("name"));
        var target = new Entity("account", id) { ["name"] = "Renamed", ["statecode"] = new OptionSetValue(1), RowVersion = current.RowVersion };

        env.Service.Execute(new UpdateRequest { Target = target, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches });

        Assert.Equal(2, Traces(env).Length);
        Assert.Equal(1, env.Service.Retrieve("account", id, new ColumnSet("statecode")).GetAttributeValue<OptionSetValue>("statecode").Value);
    }

    private static PluginStepRegistration Step(PipelineStageNumber stage, string[] filtering, params PluginImageRegistration[] images) =>
        new(typeof(TargetTracingPlugin), Guid.NewGuid(), "Update", "account", stage, false, 1, filtering, null, null, images);

    private static string[] Traces(Testing.DataverseTestContext env) =>
        [.. env.Dataverse.PluginExecutions.Where(run => run.PluginType == typeof(TargetTracingPlugin)).Select(run => run.Trace.Trim())];
}
