extern alias plugins;

using System.CommandLine;
using CreditOS.Cli.Demo;
using CreditOS.Cli.Reports;
using CreditOS.CreditEngine.Samples;

namespace CreditOS.Cli.Commands;

/// <summary>
/// <c>creditos report payments --account NAME --html FILE [--customers N] [--seed S]</c>: the historical payment report
/// (24 months: invoices and payments, days to pay against terms, on-time share, days-beyond-terms trend, disputes,
/// limit, utilization and score history) of one account of the demo portfolio on the local Dataverse, written as a
/// self-contained HTML page with inline SVG charts; the period's figures are printed too.
/// </summary>
public static class ReportCommand
{
    public const int AccountNotFound = 5;

    public static Command Create()
    {
        var account = new Option<string>("--account") { Description = "The account's name (exact).", Required = true };
        var html = new Option<FileInfo>("--html") { Description = "Write the report to this HTML file.", Required = true };
        var customers = new Option<int>("--customers") { Description = "Customers in the demo portfolio.", DefaultValueFactory = _ => DemoOptions.DefaultCustomers };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the demo portfolio.", DefaultValueFactory = _ => new SamplePortfolioOptions().Seed };
        var payments = new Command("payments", "The historical payment report of one account (24 months) for term negotiation.") { account, html, customers, seed };
        payments.SetAction(parseResult => Payments(
            parseResult.GetValue(account)!,
            parseResult.GetValue(html)!,
            new DemoOptions { Customers = parseResult.GetValue(customers), Seed = parseResult.GetValue(seed) },
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return new Command("report", "Reports over the demo portfolio on the local Dataverse.") { payments };
    }

    internal static int Payments(string accountName, FileInfo html, DemoOptions options, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        using var environment = DemoPortfolioEnvironment.Prepare(options);
        var service = environment.Dataverse.GetOrganizationService();
        var account = PaymentHistoryReader.FindAccount(service, accountName);
        if (account is null)
        {
            error.WriteLine("report payments: no account is named '" + accountName + "' in the demo portfolio (seed " + options.Seed + ", " + options.Customers + " customers).");
            return AccountNotFound;
        }

        var report = plugins::CreditOS.CreditEngine.Reports.PaymentHistoryReportBuilder.Build(plugins::CreditOS.Dataverse.Credit.Reports.PaymentHistoryRecords.Read(service, account.Id, environment.Clock.Today));
        OutputFile.WriteText(html.FullName, PaymentHistoryHtml.Render(report));
        output.WriteLine("Payment history of " + report.CustomerName + ", " + report.Months.Count + " months to " + report.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ":");
        output.WriteLine("  " + report.InvoicesIssued + " invoices (" + report.Money(report.AmountInvoiced) + "), " + report.InvoicesSettled + " settled, paid on time "
            + (report.OnTimeShare is { } share ? plugins::CreditOS.CreditEngine.MoneyText.Percent(share) : "–") + ", average days beyond terms "
            + (report.AverageDaysBeyondTerms?.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) ?? "–") + " (" + report.TrendText + "), "
            + report.DisputedInvoices + " disputed.");
        output.WriteLine("Written to " + html.FullName);
        return ExitCodes.Succeeded;
    }
}
