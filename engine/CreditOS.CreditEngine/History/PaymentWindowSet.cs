namespace CreditOS.CreditEngine.History;

/// <summary>
/// The four payment windows of a <see cref="HistorySummary"/> (last 3, 6, 12 months and months 13-24, by invoice date,
/// counted back from the evaluation date). Fed one invoice at a time (the summarizer) or by groups of invoices sharing
/// invoice day, outcome and dispute flag (aggregate rows read from Dataverse), with the same result.
/// </summary>
public sealed class PaymentWindowSet
{
    public PaymentWindowSet(DateTime asOf)
    {
        var day = asOf.Date;
        Last3 = new PaymentWindowAccumulator(day.AddMonths(-3), day);
        Last6 = new PaymentWindowAccumulator(day.AddMonths(-6), day);
        Last12 = new PaymentWindowAccumulator(day.AddMonths(-12), day);
        Prior12 = new PaymentWindowAccumulator(day.AddMonths(-24), day.AddMonths(-12));
    }

    public PaymentWindowAccumulator Last3 { get; }

    public PaymentWindowAccumulator Last6 { get; }

    public PaymentWindowAccumulator Last12 { get; }

    public PaymentWindowAccumulator Prior12 { get; }

    /// <summary>Adds invoices issued on one day; <paramref name="outcomeDaysLate"/> is null while their outcome is unknown.</summary>
    public void Add(DateTime invoiced, int invoices, decimal total, int? outcomeDaysLate, bool disputed)
    {
        Last3.Add(invoiced, invoices, total, outcomeDaysLate, disputed);
        Last6.Add(invoiced, invoices, total, outcomeDaysLate, disputed);
        Last12.Add(invoiced, invoices, total, outcomeDaysLate, disputed);
        Prior12.Add(invoiced, invoices, total, outcomeDaysLate, disputed);
    }
}
