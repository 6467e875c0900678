namespace CreditOS.CreditEngine.Collections;

/// <summary>
/// What a customer's earlier invoices say about how it pays, as of one date, in sums and counts only (so a plugin fills
/// it from aggregate rows and the backtest from raw invoices, to the same figures). An outcome is known for an invoice
/// settled on or before the date (signed days relative to due: early negative) and for an invoice still open past its
/// due date (late by the days it has been overdue so far). Open invoices not yet due say nothing yet.
/// </summary>
public sealed class PaymentBehaviour
{
    public int UndisputedOutcomes { get; private set; }

    public double UndisputedDaysVsDue { get; private set; }

    public int DisputedOutcomes { get; private set; }

    public double DisputedDaysVsDue { get; private set; }

    public int LateOutcomes { get; private set; }

    public double DaysLateOfLateOutcomes { get; private set; }

    /// <summary>Invoices open past their due date on the evaluation date.</summary>
    public int OpenOverdue { get; private set; }

    public int Invoices { get; private set; }

    public decimal InvoicedAmount { get; private set; }

    public int Outcomes => UndisputedOutcomes + DisputedOutcomes;

    /// <summary>The customer's usual (mean) invoice amount, or null without earlier invoices.</summary>
    public decimal? UsualAmount => Invoices > 0 ? InvoicedAmount / Invoices : null;

    /// <summary>Adds <paramref name="count"/> earlier invoices settled <paramref name="daysVsDue"/> days after due (early negative).</summary>
    public PaymentBehaviour AddSettled(int daysVsDue, bool disputed, int count, decimal amount)
    {
        AddOutcome(daysVsDue, disputed, count);
        AddInvoiced(count, amount);
        return this;
    }

    /// <summary>Adds <paramref name="count"/> earlier invoices still open <paramref name="daysPastDue"/> days after due (negative: not yet due).</summary>
    public PaymentBehaviour AddOpen(int daysPastDue, bool disputed, int count, decimal amount)
    {
        if (daysPastDue > 0)
        {
            AddOutcome(daysPastDue, disputed, count);
            OpenOverdue += count;
        }

        AddInvoiced(count, amount);
        return this;
    }

    /// <summary>
    /// A behaviour with these figures as they stand (session 28: the settled part the nightly scoring call hands its collections
    /// call sealed, instead of the rows it summed them from).
    /// </summary>
    public static PaymentBehaviour Of(int undisputedOutcomes, double undisputedDaysVsDue, int disputedOutcomes, double disputedDaysVsDue, int lateOutcomes, double daysLateOfLateOutcomes, int openOverdue, int invoices, decimal invoicedAmount) => new()
    {
        UndisputedOutcomes = undisputedOutcomes,
        UndisputedDaysVsDue = undisputedDaysVsDue,
        DisputedOutcomes = disputedOutcomes,
        DisputedDaysVsDue = disputedDaysVsDue,
        LateOutcomes = lateOutcomes,
        DaysLateOfLateOutcomes = daysLateOfLateOutcomes,
        OpenOverdue = openOverdue,
        Invoices = invoices,
        InvoicedAmount = invoicedAmount,
    };

    /// <summary>A copy to add to (the figures are sums, so a copy of the settled part plus the open invoices equals adding them all to one).</summary>
    public PaymentBehaviour Copy() =>
        Of(UndisputedOutcomes, UndisputedDaysVsDue, DisputedOutcomes, DisputedDaysVsDue, LateOutcomes, DaysLateOfLateOutcomes, OpenOverdue, Invoices, InvoicedAmount);

    /// <summary>
    /// The behaviour from raw invoices issued before <paramref name="asOf"/>: a settlement after the date is treated as
    /// not yet made (no look-ahead).
    /// </summary>
    public static PaymentBehaviour From(IEnumerable<History.InvoiceRecord> invoices, DateTime asOf)
    {
        Require.NotNull(invoices, "The invoices");
        var day = asOf.Date;
        var behaviour = new PaymentBehaviour();
        foreach (var invoice in invoices)
        {
            if (invoice.InvoiceDate.Date >= day)
            {
                continue;
            }

            if (invoice.SettledDate is { } settled && settled.Date <= day)
            {
                behaviour.AddSettled((settled.Date - invoice.DueDate.Date).Days, invoice.Disputed, 1, invoice.Amount);
            }
            else
            {
                behaviour.AddOpen((day - invoice.DueDate.Date).Days, invoice.Disputed, 1, invoice.Amount);
            }
        }

        return behaviour;
    }

    private void AddOutcome(int daysVsDue, bool disputed, int count)
    {
        if (count <= 0)
        {
            return;
        }

        if (disputed)
        {
            DisputedOutcomes += count;
            DisputedDaysVsDue += (double)daysVsDue * count;
        }
        else
        {
            UndisputedOutcomes += count;
            UndisputedDaysVsDue += (double)daysVsDue * count;
        }

        if (daysVsDue > 0)
        {
            LateOutcomes += count;
            DaysLateOfLateOutcomes += (double)daysVsDue * count;
        }
    }

    private void AddInvoiced(int count, decimal amount)
    {
        if (count > 0)
        {
            Invoices += count;
            InvoicedAmount += amount;
        }
    }
}
