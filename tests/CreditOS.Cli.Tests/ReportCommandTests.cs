using System.Text.RegularExpressions;

namespace CreditOS.Cli.Tests;

/// <summary><c>creditos report payments</c>: one account's 24-month payment history from the demo portfolio on the local Dataverse, as self-contained HTML.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private static readonly CreditOS.Cli.Demo.DemoOptions SmallPortfolio = new() { Customers = 25, Seed = 11 };

    private readonly string folder = Directory.CreateTempSubdirectory("creditos-report-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void ReportPayments_WritesA24MonthSelfContainedPageWithCharts_AndPrintsThePeriodsFigures()
    {
        var account = CreditOS.Cli.Demo.Loading.CompanyNames.For(1);
        var html = new FileInfo(Path.Combine(folder, "payments.html"));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = CreditOS.Cli.Commands.ReportCommand.Payments(account, html, SmallPortfolio, output, error);

        Assert.True(exitCode == 0, error.ToString());
        var page = File.ReadAllText(html.FullName);
        Assert.Contains("Historical payment report: " + account, page, StringComparison.Ordinal);
        Assert.Equal(24, Regex.Matches(page, "<tr><td>\\d{4}-\\d{2}</td>").Count);
        Assert.Equal(4, Regex.Matches(page, "<svg ").Count);
        Assert.Contains("Paid on time", page, StringComparison.Ordinal);
        Assert.Contains("Days-beyond-terms trend", page, StringComparison.Ordinal);
        Assert.Contains("Early-payment discounts taken", page, StringComparison.Ordinal);
        Assert.Matches("Early-payment discounts missed</th><td>\\d+ invoice\\(s\\), ", page);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", page.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        var printed = Regex.Match(output.ToString(), "(\\d+) invoices \\(").Groups[1].Value;
        var issuedInTable = Regex.Matches(page, "<tr><td>\\d{4}-\\d{2}</td><td>(\\d+)</td>").Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(int.Parse(printed, System.Globalization.CultureInfo.InvariantCulture), issuedInTable);
        Assert.True(issuedInTable > 0, "the account has no invoices in the period");
    }

    [Fact]
    public void ReportPayments_ForAnUnknownAccount_SaysSoAndWritesNothing()
    {
        var html = new FileInfo(Path.Combine(folder, "none.html"));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = CreditOS.Cli.Commands.ReportCommand.Payments("No Such Customer", html, SmallPortfolio, output, error);

        Assert.Equal(CreditOS.Cli.Commands.ReportCommand.AccountNotFound, exitCode);
        Assert.Contains("no account is named 'No Such Customer'", error.ToString(), StringComparison.Ordinal);
        Assert.False(html.Exists);
    }
}
