using System.CommandLine;
using CreditOS.Cli.Commands;

namespace CreditOS.Cli.Tests;

/// <summary>The creditos command line: verbs, help and error handling.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Help_ListsEveryVerb()
    {
        var (exitCode, output, _) = await Invoke("--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("demo", output, StringComparison.Ordinal);
        Assert.Contains("backtest", output, StringComparison.Ordinal);
        Assert.Contains("calibrate", output, StringComparison.Ordinal);
        Assert.Contains("pack", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_WithAMissingFile_FailsWithAClearError()
    {
        var missing = Path.Combine(Path.GetTempPath(), "creditos-no-such-history-" + Guid.NewGuid().ToString("N") + ".csv");

        var (exitCode, _, error) = await Invoke("backtest", missing);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("file not found", error, StringComparison.Ordinal);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_PrintsBothBaselinesJustBeforeTheAucLine()
    {
        var (exitCode, output, _) = await Invoke("backtest", SampleCsv());
        var lines = output.TrimEnd('\n').Split('\n');

        Assert.Equal(0, exitCode);
        Assert.Matches(@"^baseline_late_share_auc=0\.\d{3}$", lines[^3]);
        Assert.Matches(@"^baseline_avg_days_late_auc=0\.\d{3}$", lines[^2]);
        Assert.Matches(@"^auc=0\.\d{3}$", lines[^1]);
    }

    [Fact]
    public async Task BacktestInvoices_ScoresEachInvoiceAsOfItsDate_AndEndsWithTheAuc()
    {
        var (exitCode, output, error) = await Invoke("backtest", "--invoices", SampleCsv());
        var lines = output.TrimEnd('\n').Split('\n');

        Assert.True(exitCode == 0, error);
        Assert.Contains("invoices scored: 3188", output, StringComparison.Ordinal);
        Assert.Matches(@"^auc=0\.\d{3}$", lines[^1]);
        Assert.True(double.Parse(lines[^1]["auc=".Length..], System.Globalization.CultureInfo.InvariantCulture) > 0.75, lines[^1]);
    }

    [Fact]
    public async Task BacktestInvoices_WithFit_PrintsTheFittedSetAndItsWalkForwardAuc_BeforeTheAuc()
    {
        var (exitCode, output, error) = await Invoke("backtest", "--invoices", SampleCsv(), "--fit");
        var lines = output.TrimEnd('\n').Split('\n');

        Assert.True(exitCode == 0, error);
        Assert.StartsWith("fitted on this ledger: intercept=", lines[^3], StringComparison.Ordinal);
        Assert.Matches(@"^fitted_walk_forward_auc=0\.\d{3} ", lines[^2]);
        Assert.Matches(@"^auc=0\.\d{3}$", lines[^1]);
    }

    [Fact]
    public async Task BacktestInvoices_WithANegativeCoefficient_IsRefusedByName()
    {
        var (exitCode, _, error) = await Invoke("backtest", "--invoices", SampleCsv(), "--model", "disputed=-1");

        Assert.Equal(ExitCodes.MalformedInput, exitCode);
        Assert.Contains("'disputed' must be zero or above", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calibrate_WritesANewRuleSetVersionFileAndEndsWithTheWalkForwardAuc()
    {
        var target = Path.Combine(Path.GetTempPath(), "creditos-ruleset-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            var (exitCode, output, error) = await Invoke("calibrate", SampleCsv(), "--output", target);

            Assert.True(exitCode == 0, error);
            Assert.Matches(@"^walk_forward_auc=0\.\d{3}$", output.TrimEnd('\n').Split('\n')[^1]);
            var ruleSet = CreditOS.Cli.Ledger.RuleSetVersionFile.FromJson(File.ReadAllText(target));
            Assert.Equal(CreditOS.CreditEngine.Configuration.DefaultScoringRules.Version + 1, ruleSet.Version);
            var configuration = CreditOS.CreditEngine.Configuration.DefaultCreditConfiguration.Create();
            Assert.Empty(CreditOS.CreditEngine.Configuration.CreditConfigurationValidator.Validate(configuration with { RuleSets = [.. configuration.RuleSets, ruleSet] }));
        }
        finally
        {
            File.Delete(target);
        }
    }

    [Fact]
    public async Task Calibrate_WithTooFewOutcomesToFit_WritesNoFile_AndSaysTheShippedRuleSetStands()
    {
        var tiny = Path.Combine(Path.GetTempPath(), "creditos-tiny-" + Guid.NewGuid().ToString("N") + ".csv");
        var target = Path.ChangeExtension(tiny, ".json");
        File.WriteAllText(tiny, "customer_id,invoice_id,invoice_date,due_date,amount,settled_date,disputed\nC1,I1,2026-01-01,2026-01-31,100,2026-01-20,false\nC2,I2,2026-01-01,2026-01-31,100,2026-03-20,false\n");
        try
        {
            var (exitCode, output, error) = await Invoke("calibrate", tiny, "--output", target);

            Assert.True(exitCode == 0, error);
            Assert.False(File.Exists(target));
            Assert.Contains("no rule set written: too few outcomes to fit (2 known; a fit needs at least 200", output, StringComparison.Ordinal);
            Assert.Contains("the shipped rule set v" + CreditOS.CreditEngine.Configuration.DefaultScoringRules.Version + " stands", output, StringComparison.Ordinal);
            Assert.StartsWith("walk_forward_auc=", output.TrimEnd('\n').Split('\n')[^1], StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(tiny);
            File.Delete(target);
        }
    }

    [Fact]
    public async Task Calibrate_WithAMalformedFile_NamesTheLine()
    {
        var bad = Path.Combine(Path.GetTempPath(), "creditos-bad-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(bad, "customer_id,invoice_id,invoice_date,due_date,amount,settled_date,disputed\nC1,I1,2026-01-01,2026-01-31,abc,,false\n");
        try
        {
            var (exitCode, _, error) = await Invoke("calibrate", bad);

            Assert.Equal(CreditOS.Cli.Commands.ExitCodes.MalformedInput, exitCode);
            Assert.Contains("Line 2: amount 'abc' is not a number", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(bad);
        }
    }

    [Fact]
    public async Task Demo_WithTooFewCustomers_IsRefusedBeforeAnythingRuns()
    {
        var (exitCode, output, error) = await Invoke("demo", "--customers", "3");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--customers must be between", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Portfolio", output, StringComparison.Ordinal);
    }

    private static string SampleCsv()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CreditOS.Crm.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory!.FullName, "tests", "data", "ar-history-sample.csv");
    }

    private static async Task<(int ExitCode, string Output, string Error)> Invoke(params string[] args)
    {
        var root = new RootCommand("creditos");
        foreach (var command in CliCommands.All())
        {
            root.Subcommands.Add(command);
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
