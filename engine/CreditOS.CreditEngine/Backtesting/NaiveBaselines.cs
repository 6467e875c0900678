namespace CreditOS.CreditEngine.Backtesting;

/// <summary>
/// The two one-line predictors a score must beat, computed for an invoice from what was known on its date: among the
/// customer's earlier invoices settled on or before that date, the share paid after the due date, and the average
/// days paid relative to the due date (early negative). A customer with no such invoice gets the portfolio's figure
/// over every customer's invoices settled by that date (0 when there is none), so no invoice is left out.
/// </summary>
public sealed class NaiveBaselines
{
    private readonly List<Settled> portfolio;

    private NaiveBaselines(List<Settled> portfolio) => this.portfolio = portfolio;

    public static NaiveBaselines For(IReadOnlyList<BacktestInvoice> invoices)
    {
        Require.NotNull(invoices, "The invoices");
        var settled = invoices
            .Where(i => i.SettledDate is not null)
            .Select(i => new Settled(i.InvoiceDate, i.SettledDate!.Value, (i.SettledDate!.Value - i.DueDate).Days))
            .OrderBy(s => s.SettledOn)
            .ToList();
        return new NaiveBaselines(settled);
    }

    /// <summary>Late share and average signed days for an invoice of a customer, from the customer's earlier invoices.</summary>
    public BaselineFigures For(IReadOnlyList<BacktestInvoice> customerInvoices, DateTime invoiceDate)
    {
        Require.NotNull(customerInvoices, "The customer's invoices");
        var tally = Tally(customerInvoices
            .Where(i => i.InvoiceDate < invoiceDate && i.SettledDate is { } s && s <= invoiceDate)
            .Select(i => (i.SettledDate!.Value - i.DueDate).Days));
        if (tally.Count == 0)
        {
            tally = Tally(portfolio.TakeWhile(s => s.SettledOn <= invoiceDate).Where(s => s.InvoicedOn < invoiceDate).Select(s => s.DaysVsDue));
        }

        return tally.Count == 0 ? new BaselineFigures(0, 0) : new BaselineFigures((double)tally.Late / tally.Count, (double)tally.Days / tally.Count);
    }

    private static Tallied Tally(IEnumerable<int> daysVsDue)
    {
        int count = 0, late = 0;
        long days = 0;
        foreach (var d in daysVsDue)
        {
            count++;
            late += d > 0 ? 1 : 0;
            days += d;
        }

        return new Tallied(count, late, days);
    }

    private readonly record struct Tallied(int Count, int Late, long Days);

    private readonly record struct Settled(DateTime InvoicedOn, DateTime SettledOn, int DaysVsDue);
}

/// <summary>The two baselines for one invoice: late share and average signed days of the earlier settled invoices.</summary>
public readonly record struct BaselineFigures(double LateShare, double AverageDaysVsDue);
