using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Portfolio;

/// <summary>
/// Turns receivable rows into each account's inputs for the portfolio KPIs: its open balance aged as of
/// <see cref="Today"/> and what it was invoiced over the DSO period (the <see cref="PortfolioKpiCalculator.DefaultDsoPeriodDays"/>
/// days before today). The demo's report and the daily KPI snapshot both read receivables through it.
/// </summary>
public sealed class PortfolioLedger(DateTime today, int dsoPeriodDays = PortfolioKpiCalculator.DefaultDsoPeriodDays)
{
    private readonly Dictionary<string, AgingBalance> _aging = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _sales = new(StringComparer.Ordinal);

    public DateTime Today { get; } = today.Date;

    public int DsoPeriodDays { get; } = dsoPeriodDays > 0 ? dsoPeriodDays : throw new CreditInputException("The DSO period must be at least one day (got " + dsoPeriodDays + ").");

    public DateTime PeriodStart => Today.AddDays(-DsoPeriodDays);

    /// <summary>One receivable of the account: its open amount is aged by its due date, its amount counts as a sale when invoiced in the period.</summary>
    public void Add(string accountKey, DateTime dueDate, DateTime invoiceDate, decimal amount, decimal openAmount)
    {
        if (accountKey is null)
        {
            throw new ArgumentNullException(nameof(accountKey));
        }

        if (openAmount > 0)
        {
            var daysPastDue = (Today - dueDate.Date).Days;
            _aging[accountKey] = AgingOf(accountKey).AddItem(openAmount, daysPastDue);
        }

        if (invoiceDate >= PeriodStart && invoiceDate < Today)
        {
            _sales[accountKey] = SalesOf(accountKey) + amount;
        }
    }

    public AgingBalance AgingOf(string accountKey) => _aging.TryGetValue(accountKey, out var aging) ? aging : AgingBalance.Empty;

    public decimal SalesOf(string accountKey) => _sales.TryGetValue(accountKey, out var sales) ? sales : 0m;
}
