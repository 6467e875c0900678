using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Scoring;

namespace CreditOS.Cli.Tests;

/// <summary><c>creditos simulate</c>: the side-by-side replay in the console and a self-contained HTML report.</summary>
public sealed class SimulateCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("creditos-simulate-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Simulate_PrintsBothConfigurationsSideBySide_AndWritesASelfContainedHtmlReport()
    {
        var candidate = Write("candidate.json", """{ "name": "Looser Standard", "policies": [ { "code": "STANDARD", "limitHeadroom": 2.5 } ] }""");
        var html = new FileInfo(Path.Combine(folder, "report.html"));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = CreditOS.Cli.Commands.SimulateCommand.Run(new FileInfo(candidate), html, new CreditOS.Cli.Demo.DemoOptions { Customers = 25, Seed = 11 }, output, error);

        Assert.Equal(0, exitCode);
        var text = output.ToString();
        Assert.Contains("active 'shipped default' against candidate 'Looser Standard'", text, StringComparison.Ordinal);
        foreach (var line in new[] { "orders approved / held / refused", "Finance approvals per day", "average utilization", "peak utilization", "late-paid exposure caught", "By segment", "By tier", "Customers who change tier" })
        {
            Assert.Contains(line, text, StringComparison.Ordinal);
        }

        // Per segment and tier as well (session 26): Finance approvals per day and utilization, each configuration on its own line.
        Assert.Matches(@"\n    active     \d+ / \d+ / \d+ / \d+; \d+\.\d a day; (\d+\.\d%|no limit) / (\d+\.\d%|no limit); [\d,]+", text);

        var page = File.ReadAllText(html.FullName);
        Assert.Contains("<th>Finance approvals per day</th><th>average / peak utilization</th>", page, StringComparison.Ordinal);
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.Contains("<polyline", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Simulate_WritesItsHtmlReportIntoAFolderThatDoesNotExistYet_AsTheReadmesCommandDoesOnACleanCheckout()
    {
        // The README's command writes out/simulation.html; a clean checkout has no out/ (it stopped with DirectoryNotFoundException).
        var candidate = Write("candidate.json", """{ "name": "Looser Standard", "policies": [ { "code": "STANDARD", "limitHeadroom": 2.5 } ] }""");
        var html = new FileInfo(Path.Combine(folder, "out", "nested", "simulation.html"));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = CreditOS.Cli.Commands.SimulateCommand.Run(new FileInfo(candidate), html, new CreditOS.Cli.Demo.DemoOptions { Customers = 20, Seed = 11 }, output, error);

        Assert.Equal(0, exitCode);
        Assert.Contains("<svg", File.ReadAllText(html.FullName), StringComparison.Ordinal);
        Assert.Contains("HTML report: " + html.FullName, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_WithAnUnknownPolicy_IsRefusedWithTheCodesItKnows()
    {
        var candidate = Write("bad.json", """{ "policies": [ { "code": "GOLD", "limitHeadroom": 2 } ] }""");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = CreditOS.Cli.Commands.SimulateCommand.Run(new FileInfo(candidate), null, new CreditOS.Cli.Demo.DemoOptions { Customers = 20 }, output, error);

        Assert.Equal(CreditOS.Cli.Commands.ExitCodes.MalformedInput, exitCode);
        Assert.Contains("policy 'GOLD'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("STANDARD", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CandidateFile_ChangesOnlyWhatItNames_AndRefusesUnknownPoliciesAndFields()
    {
        var active = CreditOS.CreditEngine.Configuration.DefaultCreditConfiguration.Create();
        var (name, candidate) = CreditOS.Cli.Simulation.CandidateConfigurationFile.Apply(
            """{ "name": "v2", "policies": [ { "code": "STANDARD", "limitHeadroom": 1.6, "graceDays": 7 } ], "starterTerms": { "requireBoth": false } }""", active);

        Assert.Equal("v2", name);
        Assert.Equal(1.6m, candidate.Policy("STANDARD").LimitHeadroom);
        Assert.Equal(7, candidate.Policy("STANDARD").GraceDays);
        Assert.Equal(active.Policy("WATCH"), candidate.Policy("WATCH"));
        Assert.False(candidate.StarterTerms.RequireBoth);
        Assert.Throws<CreditOS.CreditEngine.CreditInputException>(() => CreditOS.Cli.Simulation.CandidateConfigurationFile.Apply("""{ "policies": [ { "code": "GOLD" } ] }""", active));
        Assert.Throws<CreditOS.CreditEngine.CreditInputException>(() => CreditOS.Cli.Simulation.CandidateConfigurationFile.Apply("""{ "policies": [ { "code": "STANDARD", "headroom": 2 } ] }""", active));
    }

    [Fact]
    public void CandidateFile_SetsThePolicysOverdueTolerance_AndTheShippedSampleTurnsItOff()
    {
        var active = CreditOS.CreditEngine.Configuration.DefaultCreditConfiguration.Create();
        var (_, candidate) = CreditOS.Cli.Simulation.CandidateConfigurationFile.Apply(
            """{ "policies": [ { "code": "STANDARD", "overdueToleranceAmount": 750, "overdueTolerancePercent": 3, "overdueToleranceDays": 20 } ] }""", active);
        var (_, none) = CreditOS.Cli.Simulation.CandidateConfigurationFile.Apply(
            File.ReadAllText(Path.Combine(RepositoryFiles.Root, "cli", "samples", "candidate-no-overdue-tolerance.json")), active);

        Assert.Equal(new CreditOS.CreditEngine.Decisions.OverdueTolerance(750m, 0.03m, 20), candidate.Policy("STANDARD").OverdueTolerance);
        Assert.False(active.Policy("STANDARD").OverdueTolerance.IsNone);
        Assert.All(none.Policies, policy => Assert.True(policy.OverdueTolerance.IsNone, policy.Code));
        // A negative tolerance is refused as the policy guard refuses it.
        Assert.Throws<CreditOS.CreditEngine.CreditInputException>(() => CreditOS.Cli.Simulation.CandidateConfigurationFile.Apply(
            """{ "policies": [ { "code": "STANDARD", "overdueToleranceAmount": -1 } ] }""", active));
    }

    /// <summary>
    /// <c>cli/samples/candidate-ruleset-v6.json</c>: session 30's candidate for the next default rule set, kept as a rule-set
    /// version file so <c>creditos simulate --candidate</c> replays it against the shipped one (engine/README "Session 30").
    /// It must stay what the README says it is: the shipped set with 8 of the days factor's points moved to the recent days
    /// relative to due (5) and the overdue balance in months of sales (3, v4's bands), everything else unchanged.
    /// </summary>
    [Fact]
    public void CandidateV6Sample_IsTheShippedSet_WithRecentDaysAndOverdueBalanceTakenFromTheDaysFactor_AndValidates()
    {
        var json = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "cli", "samples", "candidate-ruleset-v6.json"));
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


    [Fact]
    public void Simulate_ARuleSetVersionFileAsTheCandidate_OnACsvExportOfReceivablesAndOrders()
    {
        // A calibrated rule set that weighs lateness more: the same file calibrate writes.
        var shipped = CreditOS.CreditEngine.Configuration.DefaultScoringRules.Create();
        var stricter = shipped with
        {
            Version = shipped.Version + 1,
            Evidence = shipped.Evidence with { PriorLateShare = 0.6 },
            Rules = shipped.Rules.Select(r => r.Factor == CreditOS.CreditEngine.Scoring.ScoringFactor.LateShare ? r with { Weight = r.Weight * 4 } : r).ToList(),
        };
        var candidate = Write("ruleset-v4.json", CreditOS.Cli.Ledger.RuleSetVersionFile.ToJson(stricter, "test"));
        var receivables = Write("ar.csv", string.Join("\n",
            [
                "customer_id,invoice_id,invoice_date,due_date,amount,settled_date,disputed",
                .. Enumerable.Range(0, 18).Select(m => "GOOD,G" + m + "," + Day(m) + "," + Day(m, 30) + ",10000.00," + Day(m, 28) + ",false"),
                .. Enumerable.Range(0, 18).Select(m => "SLOW,S" + m + "," + Day(m) + "," + Day(m, 30) + ",10000.00," + Day(m, 30 + 25) + ",false"),
            ]));
        var orders = Write("orders.csv", string.Join("\n",
            [
                "customer_id,order_id,order_date,amount,status,channel",
                .. Enumerable.Range(0, 18).Select(m => "GOOD,OG" + m + "," + Day(m, -3) + ",10000.00,fulfilled,Sales"),
                .. Enumerable.Range(0, 18).Select(m => "SLOW,OS" + m + "," + Day(m, -3) + ",10000.00,fulfilled,EDI"),
            ]));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = CreditOS.Cli.Commands.SimulateCommand.Run(new FileInfo(candidate), null, new CreditOS.Cli.Demo.DemoOptions(), output, error, new FileInfo(receivables), new FileInfo(orders));

        Assert.True(exitCode == 0, error.ToString());
        var text = output.ToString();
        Assert.Contains("Replay of the last 12 months of 2 customers (ar.csv and orders.csv)", text, StringComparison.Ordinal);
        Assert.Contains("candidate 'rule set creditOS default v" + stricter.Version + "'", text, StringComparison.Ordinal);
        Assert.Matches(@"orders approved / held / refused\s+\d+ / \d+ / \d+\s+\d+ / \d+ / \d+", text);
    }

    [Fact]
    public void Simulate_SaysWhyOrdersWereStopped_InTheConsoleAndTheHtmlReport()
    {
        // OLD pays every invoice two days early but left its first one (1,000, due 2024-07-01) unpaid: each of its 12
        // invoices in the 12 months replayed (each standing for its order) is held, overdue beyond grace and for nothing else,
        // and the invoice after each order is paid on time (not borne out). PROMPT pays on time and has no reason counted.
        var candidate = Write("candidate.json", """{ "name": "Looser Standard", "policies": [ { "code": "STANDARD", "limitHeadroom": 2.5 } ] }""");
        var receivables = Write("ar.csv", string.Join("\n",
            [
                "customer_id,invoice_id,invoice_date,due_date,amount,settled_date,disputed",
                "OLD,OLD-UNPAID," + Day(0) + "," + Day(0, 30) + ",1000.00,,false",
                .. Enumerable.Range(0, 18).Select(m => "OLD,O" + m + "," + Day(m) + "," + Day(m, 30) + ",10000.00," + Day(m, 28) + ",false"),
                .. Enumerable.Range(0, 18).Select(m => "PROMPT,P" + m + "," + Day(m) + "," + Day(m, 30) + ",10000.00," + Day(m, 28) + ",false"),
            ]));
        var html = new FileInfo(Path.Combine(folder, "reasons.html"));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = CreditOS.Cli.Commands.SimulateCommand.Run(new FileInfo(candidate), html, new CreditOS.Cli.Demo.DemoOptions(), output, error, new FileInfo(receivables), null);

        Assert.True(exitCode == 0, error.ToString());
        var text = output.ToString();
        Assert.Contains("Why orders were not approved at once (orders it stopped / stopped alone / customer then paid late", text, StringComparison.Ordinal);
        Assert.Matches(@"\n  overdue beyond grace +12 / 12 / 0 +12 / 12 / 0\r?\n", text);
        Assert.Matches(@"orders approved / held / refused +12 / 12 / 0 +12 / 12 / 0", text);
        Assert.Contains("Why orders were not approved at once, by tier:", text, StringComparison.Ordinal);
        Assert.Matches(@"\n    active     overdue beyond grace 12 / 12 / 0\r?\n", text);

        var page = File.ReadAllText(html.FullName);
        Assert.Contains("<h2>Why orders were not approved at once</h2>", page, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Orders stopped per reason\"", page, StringComparison.Ordinal);
        Assert.Contains("<td>Unassigned</td><td>overdue beyond grace</td><td>12 / 12 / 0</td><td>12 / 12 / 0</td>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Simulate_ARuleSetFileInPercent_IsRefusedNamingTheFactorAndItsUnit()
    {
        var shipped = CreditOS.CreditEngine.Configuration.DefaultScoringRules.Create();
        var inPercent = shipped with
        {
            Version = shipped.Version + 1,
            Rules = shipped.Rules.Select(r => r.Factor == CreditOS.CreditEngine.Scoring.ScoringFactor.RevenueVsSegment
                ? r with { Bands = r.Bands.Select(b => new CreditOS.CreditEngine.Scoring.ScoreBand(b.LowerBound * 100, b.UpperBound * 100, b.Points)).ToList() }
                : r).ToList(),
        };
        var candidate = Write("percent.json", CreditOS.Cli.Ledger.RuleSetVersionFile.ToJson(inPercent, "test"));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = CreditOS.Cli.Commands.SimulateCommand.Run(new FileInfo(candidate), null, new CreditOS.Cli.Demo.DemoOptions { Customers = 10 }, output, error);

        Assert.Equal(CreditOS.Cli.Commands.ExitCodes.MalformedInput, exitCode);
        Assert.Contains("factor RevenueVsSegment: band edge(s) 100, 200 lie outside 0 to 50", error.ToString(), StringComparison.Ordinal);
    }

    private static string Day(int month, int plusDays = 0) =>
        new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(month).AddDays(plusDays).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private string Write(string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
