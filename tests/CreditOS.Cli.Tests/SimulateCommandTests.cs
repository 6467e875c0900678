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

        var page = File.ReadAllText(html.FullName);
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.Contains("<polyline", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", page, StringComparison.OrdinalIgnoreCase);
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

    private string Write(string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
