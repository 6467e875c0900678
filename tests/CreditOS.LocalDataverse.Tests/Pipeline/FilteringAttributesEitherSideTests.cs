using CreditOS.LocalDataverse.Pipeline;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Pipeline;

/// <summary>
/// Session 33: an Update step's filtering attributes are matched by walking the shorter side, the target's columns against
/// the registration's set when the target is the shorter, the registration's list against the target otherwise (a cost
/// change: the payment's lock claim of three columns met a step filtering on forty). Either way a step runs exactly when the
/// target holds one of its filtering attributes.
/// </summary>
public sealed class FilteringAttributesEitherSideTests
{
    private static readonly string[] ManyColumns = ["creditlimit", "cos_riskscore", "cos_creditcheckcount", "cos_onhold", "accountnumber"];

    [Theory]
    // The target shorter than the registration's list: its columns are looked up in the registration's set.
    [InlineData(new[] { "cos_riskscore" }, true)]
    [InlineData(new[] { "name" }, false)]
    [InlineData(new[] { "name", "accountnumber" }, true)]
    // The target as long as the registration's list or longer: the list is looked up in the target.
    [InlineData(new[] { "name", "numberofemployees", "cos_notes", "cos_reviewdate", "industrycode", "cos_onhold" }, true)]
    [InlineData(new[] { "name", "numberofemployees", "cos_notes", "cos_reviewdate", "industrycode" }, false)]
    public void AStepFilteringOnManyColumns_RunsExactlyWhenTheTargetHoldsOneOfThem(string[] written, bool runs)
    {
        using var env = TestEnvironment.Create();
        env.Dataverse.RegisterStep(Step(ManyColumns));
        var id = env.Service.Create(Rows.Account("Contoso", 1_000m));
        env.Dataverse.ClearPluginExecutions();

        var target = new Entity("account", id);
        foreach (var column in written)
        {
            target[column] = Value(column);
        }

        env.Service.Update(target);

        Assert.Equal(runs ? 1 : 0, env.Dataverse.PluginExecutions.Count(x => x.PluginType == typeof(CountedPlugin)));
    }

    [Fact]
    public void AStepFilteringOnOneColumn_RunsForAWideTargetHoldingIt_AndNotForOneWithout()
    {
        using var env = TestEnvironment.Create();
        env.Dataverse.RegisterStep(Step(["cos_riskscore"]));
        var id = env.Service.Create(Rows.Account("Contoso", 1_000m));
        env.Dataverse.ClearPluginExecutions();

        env.Service.Update(new Entity("account", id) { ["name"] = "Contoso Ltd", ["cos_notes"] = "1", ["cos_riskscore"] = 40m });
        env.Service.Update(new Entity("account", id) { ["name"] = "Contoso plc", ["cos_notes"] = "2" });

        Assert.Single(env.Dataverse.PluginExecutions, x => x.PluginType == typeof(CountedPlugin));
    }

    private static object Value(string column) => column switch
    {
        "creditlimit" => new Money(5m),
        "cos_riskscore" => 40m,
        "cos_creditcheckcount" or "numberofemployees" => 3,
        "cos_onhold" => true,
        "cos_reviewdate" => new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc),
        "industrycode" => new OptionSetValue(1),
        _ => "x",
    };

    private static PluginStepRegistration Step(string[] filteringAttributes) => new(
        typeof(CountedPlugin),
        Guid.NewGuid(),
        "Update",
        "account",
        PipelineStageNumber.PreOperation,
        IsAsynchronous: false,
        Rank: 1,
        FilteringAttributes: filteringAttributes,
        UnsecureConfiguration: null,
        SecureConfiguration: null,
        Images: []);

    /// <summary>Does nothing; its executions are counted.</summary>
    public sealed class CountedPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
        }
    }
}
