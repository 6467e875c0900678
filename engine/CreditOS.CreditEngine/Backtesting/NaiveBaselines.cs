namespace CreditOS.CreditEngine.Backtesting;

/// <summary>
/// The two one-line predictors a score must beat (issue 11's definition), computed for an invoice from what was known
/// before its date: among the customer's invoices settled strictly before the invoice date, the share paid after the
/// due date, and the average days paid relative to the due date (early negative, not clipped). A customer with no such
/// invoice yet gets the neutral "nothing known" figures, <see cref="LateShareWithoutHistory"/> (even odds) and
/// <see cref="DaysVsDueWithoutHistory"/> (paid on the due date), so no invoice is left out and nothing from the future
/// (not even the ledger's overall late share) leaks into the baseline.
/// </summary>
public static class NaiveBaselines
{
    /// <summary>Late share given to an invoice whose customer has no earlier settled invoice: even odds.</summary>
    public const double LateShareWithoutHistory = 0.5;

    /// <summary>Average days relative to due given to an invoice whose customer has no earlier settled invoice: the due date.</summary>
    public const double DaysVsDueWithoutHistory = 0;

    /// <summary>One sentence the backtest report prints so every reader knows what the baselines are.</summary>
    public const string Definition =
        "baselines: the customer's invoices settled strictly before the invoice date, share paid late and average signed days vs due; "
        + "no such invoice yet = 50% and 0 days";

    /// <summary>Late share and average signed days for an invoice of a customer, from the customer's invoices settled before its date.</summary>
    public static BaselineFigures For(IReadOnlyList<BacktestInvoice> customerInvoices, DateTime invoiceDate)
    {
        Require.NotNull(customerInvoices, "The customer's invoices");
        var tally = new NaiveBaselineTally();
        foreach (var invoice in customerInvoices)
        {
            if (invoice.SettledDate is { } settled && settled.Date < invoiceDate.Date)
            {
                tally.Add(invoice);
            }
        }

        return tally.Figures;
    }
}

/// <summary>
/// The counts behind the baselines: invoices settled, of which late, and their signed days relative to due. The replay
/// adds each settled invoice once, in settlement order, instead of re-reading the customer's invoices per date.
/// </summary>
public sealed class NaiveBaselineTally
{
    private int count, late;
    private long days;

    /// <summary>Counts a settled invoice (one without a settlement date is not counted).</summary>
    public void Add(BacktestInvoice invoice)
    {
        Require.NotNull(invoice, "The invoice");
        if (invoice.SettledDate is not { } settled)
        {
            return;
        }

        var daysVsDue = (settled.Date - invoice.DueDate.Date).Days;
        count++;
        late += daysVsDue > 0 ? 1 : 0;
        days += daysVsDue;
    }

    /// <summary>Late share and average signed days of the invoices counted; the "nothing known" figures when none.</summary>
    public BaselineFigures Figures => count == 0
        ? new BaselineFigures(NaiveBaselines.LateShareWithoutHistory, NaiveBaselines.DaysVsDueWithoutHistory)
        : new BaselineFigures((double)late / count, (double)days / count);
}

/// <summary>The two baselines for one invoice: late share and average signed days of the earlier settled invoices.</summary>
public readonly record struct BaselineFigures(double LateShare, double AverageDaysVsDue);
