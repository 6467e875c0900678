using CreditOS.Cli.Commands;
using CreditOS.Cli.Ledger;
using CreditOS.CreditEngine.Backtesting;
using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Scoring;

namespace CreditOS.Cli.Tests;

/// <summary>
/// <c>creditos backtest FILE --candidate RULESET.json</c>: the candidate rule set scored on the same replay as the shipped
/// one, the paired AUC difference with a 95% interval from a bootstrap over customers, and a verdict; the last line
/// stays the shipped set's <c>auc=</c>.
/// </summary>
public sealed class BacktestCandidateTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("creditos-backtest-candidate-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void ACandidateEqualToTheShippedSet_DiffersByExactlyZero_AndTheIntervalContainsZero()
    {
        var candidate = WriteRuleSet("same.json", DefaultScoringRules.Create());

        var (exit, lines, error) = Backtest(SampleLedger(), candidate, resamples: 50, seed: 7);

        Assert.True(exit == 0, error);
        Assert.Contains("auc_difference=+0.0000 (candidate - shipped), 95% interval [+0.0000, +0.0000] from a paired bootstrap of the customers: 50 of 50 resamples, seed 7", lines);
        Assert.Contains("verdict: no difference shown at 95% (the interval contains 0)", lines);

        // The engine's figures, not only their text: every resample's difference is exactly 0.
        var invoices = ArHistoryFile.Read(new FileInfo(SampleLedger()), "backtest", TextWriter.Null);
        var shipped = Backtester.Run(invoices, DefaultCreditConfiguration.Create());
        var comparison = PairedBootstrap.Compare(shipped.Observations, Backtester.Run(invoices, DefaultCreditConfiguration.Create()).Observations, 50, 7);
        Assert.Equal(0.0, comparison.Difference);
        Assert.Equal(0.0, comparison.Lower);
        Assert.Equal(0.0, comparison.Upper);
        Assert.Equal(ComparisonVerdict.NoDifferenceShown, comparison.Verdict);
    }

    [Fact]
    public void ACandidateWithoutTheDaysLateFactor_RanksWorse_WithTheWholeIntervalBelowZero()
    {
        // The shipped set with its average-days-relative-to-due rule removed (a weight of 0 is refused: "remove the rule").
        var shipped = DefaultScoringRules.Create();
        var blind = shipped with { Version = shipped.Version + 1, Rules = [.. shipped.Rules.Where(r => r.Factor != ScoringFactor.AverageDaysVsDue)] };
        var candidate = WriteRuleSet("no-days-late.json", blind);

        var (exit, lines, error) = Backtest(SampleLedger(), candidate, resamples: 200, seed: 20260101);

        Assert.True(exit == 0, error);
        var difference = lines.Single(l => l.StartsWith("auc_difference=", StringComparison.Ordinal));
        var interval = System.Text.RegularExpressions.Regex.Match(difference, @"95% interval \[([-+]\d\.\d{4}), ([-+]\d\.\d{4})\]");
        Assert.True(interval.Success, difference);
        Assert.True(double.Parse(interval.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) < 0, difference);
        Assert.Contains("verdict: candidate ranks worse (the 95% interval lies below 0)", lines);
    }

    [Fact]
    public void TheOutputWithACandidate_IsTheOutputWithout_PlusTheComparisonBlock_AndEndsWithTheShippedAuc()
    {
        var v6 = Path.Combine(RepositoryFiles.Root, "cli", "samples", "candidate-ruleset-v6.json");
        using var plainOutput = new StringWriter();
        Assert.Equal(0, BacktestCommand.Run(new FileInfo(SampleLedger()), plainOutput, TextWriter.Null));
        var plain = plainOutput.ToString().TrimEnd('\n').Split('\n');

        var (exit, withCandidate, error) = Backtest(SampleLedger(), v6, resamples: 20, seed: 1);

        Assert.True(exit == 0, error);
        Assert.Equal(plain[^1], withCandidate[^1]);
        Assert.StartsWith("auc=0.", withCandidate[^1], StringComparison.Ordinal);
        Assert.Equal(plain[^3..], withCandidate[^3..]);
        var start = Array.FindIndex(withCandidate, l => l.StartsWith("candidate: rule set creditOS default v6, scored on the same ", StringComparison.Ordinal));
        Assert.True(start > 0, string.Join("\n", withCandidate));
        Assert.StartsWith("candidate_auc=0.", withCandidate[start + 1], StringComparison.Ordinal);
        Assert.Contains(" (shipped " + plain[^1]["auc=".Length..] + ")", withCandidate[start + 1], StringComparison.Ordinal);
        Assert.StartsWith("auc_difference=", withCandidate[start + 2], StringComparison.Ordinal);
        Assert.StartsWith("verdict: ", withCandidate[start + 3], StringComparison.Ordinal);
        Assert.Equal(string.Empty, withCandidate[start + 4]);
        Assert.Equal(plain, withCandidate[..start].Concat(withCandidate[(start + 5)..]).ToArray());

        // The same seed gives the same interval.
        Assert.Equal(withCandidate, Backtest(SampleLedger(), v6, resamples: 20, seed: 1).Lines);
    }

    [Fact]
    public void AnInvalidCandidate_IsRefusedNamingTheProblem()
    {
        var shipped = DefaultScoringRules.Create();
        var json = RuleSetVersionFile.ToJson(shipped with { Version = shipped.Version + 1 }, "weight zeroed");
        var zeroWeight = Path.Combine(folder, "zero-weight.json");
        File.WriteAllText(zeroWeight, json.Replace("\"cos_weight\": 49", "\"cos_weight\": 0", StringComparison.Ordinal));
        Assert.NotEqual(json, File.ReadAllText(zeroWeight));

        var (exit, lines, error) = Backtest(SampleLedger(), zeroWeight, resamples: 10, seed: 1);

        Assert.Equal(ExitCodes.MalformedInput, exit);
        Assert.DoesNotContain(lines, l => l.Length > 0);
        Assert.Contains("backtest: candidate zero-weight.json refused:", error, StringComparison.Ordinal);
        Assert.Contains("factor AverageDaysVsDue has weight 0; weights must be above zero", error, StringComparison.Ordinal);

        // A policy version file changes no score: refused, not compared as the shipped set under another name.
        var policies = Path.Combine(RepositoryFiles.Root, "cli", "samples", "candidate-policies.json");
        var (policyExit, _, policyError) = Backtest(SampleLedger(), policies, resamples: 10, seed: 1);
        Assert.Equal(ExitCodes.MalformedInput, policyExit);
        Assert.Contains("is not a rule-set version file (no cos_scoringruleset entry", policyError, StringComparison.Ordinal);
    }

    [Fact]
    public void PairedBootstrap_RefusesObservationsThatDoNotPair()
    {
        var a = new BacktestObservation("C1", "I1", new DateTime(2024, 1, 1), 10, CreditOS.CreditEngine.Tiers.RiskLevel.Low, false);
        var b = a with { InvoiceId = "I2" };

        var refused = Assert.Throws<CreditOS.CreditEngine.CreditInputException>(() => PairedBootstrap.Compare([a], [b], 10, 1));

        Assert.Contains("invoice 1 differs ('I1' against 'I2')", refused.Message, StringComparison.Ordinal);
    }

    private static (int Exit, string[] Lines, string Error) Backtest(string ledger, string candidate, int resamples, int seed)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = BacktestCommand.RunWithCandidate(new FileInfo(ledger), new FileInfo(candidate), resamples, seed, output, error);
        return (exit, output.ToString().TrimEnd('\n').Split('\n'), error.ToString());
    }

    private string WriteRuleSet(string name, ScoringRuleSet ruleSet)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, RuleSetVersionFile.ToJson(ruleSet, "test candidate"));
        return path;
    }

    private static string SampleLedger() => Path.Combine(RepositoryFiles.Root, "tests", "data", "ar-history-sample.csv");

}
