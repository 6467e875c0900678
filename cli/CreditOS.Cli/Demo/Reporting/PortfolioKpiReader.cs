using CreditOS.CreditEngine.Portfolio;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Cli.Demo.Reporting;

/// <summary>
/// Portfolio KPIs from what Dataverse holds: each account's limit, exposure and starter terms, its open receivables
/// aged as of today, and what it was invoiced over the DSO period (the engine's ledger); the engine's calculator does the arithmetic.
/// </summary>
internal static class PortfolioKpiReader
{
    public static PortfolioKpis Read(IOrganizationService service, string currency, DateTime today, IReadOnlyList<OrderCheckRecord> orderChecks)
    {
        var ledger = new PortfolioLedger(today);
        var receivables = Scoring.PagedReader.Query(Receivable.EntityLogicalName, Receivable.Fields.AccountId, Receivable.Fields.DueDate, Receivable.Fields.InvoiceDate, Receivable.Fields.Amount, Receivable.Fields.OpenAmount);
        foreach (var row in Scoring.PagedReader.All(service, receivables))
        {
            if (row.GetAttributeValue<EntityReference>(Receivable.Fields.AccountId) is { } account)
            {
                ledger.Add(
                    account.Id.ToString(),
                    row.GetAttributeValue<DateTime>(Receivable.Fields.DueDate),
                    row.GetAttributeValue<DateTime>(Receivable.Fields.InvoiceDate),
                    row.GetAttributeValue<Money>(Receivable.Fields.Amount)?.Value ?? 0m,
                    row.GetAttributeValue<Money>(Receivable.Fields.OpenAmount)?.Value ?? 0m);
            }
        }

        var accounts = AccountSnapshot.ReadAll(service).Select(a => new PortfolioAccount(
            a.AccountId.ToString(),
            a.Segment,
            currency,
            Math.Max(0m, a.Limit),
            Math.Max(0m, a.Exposure),
            ledger.AgingOf(a.AccountId.ToString()),
            ledger.SalesOf(a.AccountId.ToString()),
            a.IsStarterTerms)).ToList();
        return PortfolioKpiCalculator.Calculate(accounts, orderChecks);
    }
}
