using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Scoring;

namespace CreditOS.Cli.Tests;

/// <summary>
/// <c>cli/samples/candidate-ruleset-v6.json</c>: session 30's candidate for the next default rule set, kept as a rule-set
/// version file so <c>creditos simulate --candidate</c> replays it against the shipped one (engine/README "Session 30").
/// It must stay what the README says it is: the shipped set with 8 of the days factor's points moved to the recent days
/// relative to due (5) and the overdue balance in months of sales (3, v4's bands), everything else unchanged.
/// </summary>
public sealed class CandidateRuleSetSampleTests
{
    [Fact]
    public void CandidateV6Sample_IsTheShippedSet_WithRecentDaysAndOverdueBalanceTakenFromTheDaysFactor_AndValidates()
    {
        var json = File.ReadAllText(Path.Combine(RepositoryRoot(), "cli", "samples", "candidate-ruleset-v6.json"));
        var candidate = CreditOS.Cli.Ledger.RuleSetVersionFile.FromJson(json);
        var shipped = DefaultScoringRules.Create();

        Assert.Equal(shipped.Name, candidate.Name);
        Assert.Equal(shipped.Version + 1, candidate.Version);
        Assert.Equal(shipped.Evidence, candidate.Evidence);
        Assert.Equal(
            Weights(shipped).Where(w => w.Key != ScoringFactor.AverageDaysVsDue)
                .Append(new(ScoringFactor.AverageDaysVsDue, 41))
                .Append(new(ScoringFactor.RecentDaysVsDue3Months, 5))
                .Append(new(ScoringFactor.OverdueMonthsOfSales, 3))
                .OrderBy(w => w.Key),
            Weights(candidate).OrderBy(w => w.Key));
        Assert.Equal(100, candidate.Rules.Where(r => r.Factor.KindOf() == ScoreKind.Risk).Sum(r => r.Weight));
        foreach (var rule in shipped.Rules)
        {
            Assert.Equal(rule.Bands, candidate.Rules.Single(r => r.Factor == rule.Factor).Bands);
        }

        Assert.Equal(DefaultScoringRules.RecentDaysVsDue.Bands, candidate.Rules.Single(r => r.Factor == ScoringFactor.RecentDaysVsDue3Months).Bands);
        Assert.Equal(
            [new ScoreBand(null, 0.1, 0), new ScoreBand(0.1, 0.5, 30), new ScoreBand(0.5, 1, 60), new ScoreBand(1, 2, 80), new ScoreBand(2, null, 100)],
            candidate.Rules.Single(r => r.Factor == ScoringFactor.OverdueMonthsOfSales).Bands);

        // What simulate does with it: the active configuration with this rule set in place of the default one, validated.
        var (_, configuration) = CreditOS.Cli.Simulation.CandidateConfigurationFile.Apply(json, DefaultCreditConfiguration.Create());
        Assert.Contains(configuration.RuleSets, r => r.Version == candidate.Version && r.IsDefault);
    }

    private static IEnumerable<KeyValuePair<ScoringFactor, double>> Weights(ScoringRuleSet ruleSet) =>
        ruleSet.Rules.Select(r => new KeyValuePair<ScoringFactor, double>(r.Factor, r.Weight));

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CreditOS.Crm.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root was not found above " + AppContext.BaseDirectory);
    }
}
