using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Portfolio;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Cli.Demo.Reporting;

/// <summary>
/// Portfolio KPIs from what Dataverse holds: each account's limit, exposure and starter terms, its open receivables
/// aged as of today, and what it was invoiced over the DSO period; the engine's calculator does the arithmetic.
/// </summary>
internal static class PortfolioKpiReader
{
    public static PortfolioKpis Read(IOrganizationService service, string currency, DateTime today, IReadOnlyList<OrderCheckRecord> orderChecks)
    {
        var periodStart = today.AddDays(-PortfolioKpiCalculator.DefaultDsoPeriodDays);
        var aging = new Dictionary<Guid, AgingBalance>();
        var sales = new Dictionary<Guid, decimal>();
        var receivables = Scoring.PagedReader.Query(Receivable.EntityLogicalName, Receivable.Fields.AccountId, Receivable.Fields.DueDate, Receivable.Fields.InvoiceDate, Receivable.Fields.Amount, Receivable.Fields.OpenAmount);
        foreach (var row in Scoring.PagedReader.All(service, receivables))
        {
            if (row.GetAttributeValue<EntityReference>(Receivable.Fields.AccountId) is not { } account)
            {
                continue;
            }

            var open = row.GetAttributeValue<Money>(Receivable.Fields.OpenAmount)?.Value ?? 0m;
            if (open > 0)
            {
                var daysPastDue = (today - row.GetAttributeValue<DateTime>(Receivable.Fields.DueDate).Date).Days;
                aging[account.Id] = aging.GetValueOrDefault(account.Id, AgingBalance.Empty).AddItem(open, daysPastDue);
            }

            var invoiced = row.GetAttributeValue<DateTime>(Receivable.Fields.InvoiceDate);
            if (invoiced >= periodStart && invoiced < today)
            {
                sales[account.Id] = sales.GetValueOrDefault(account.Id) + (row.GetAttributeValue<Money>(Receivable.Fields.Amount)?.Value ?? 0m);
            }
        }

        var accounts = AccountSnapshot.ReadAll(service).Select(a => new PortfolioAccount(
            a.AccountId.ToString(),
            a.Segment,
            currency,
            Math.Max(0m, a.Limit),
            Math.Max(0m, a.Exposure),
            aging.GetValueOrDefault(a.AccountId, AgingBalance.Empty),
            sales.GetValueOrDefault(a.AccountId),
            a.IsStarterTerms)).ToList();
        return PortfolioKpiCalculator.Calculate(accounts, orderChecks);
    }
}
