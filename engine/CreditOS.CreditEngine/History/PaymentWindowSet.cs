namespace CreditOS.CreditEngine.History;

/// <summary>
/// The payment windows of a <see cref="HistorySummary"/> (last 3, 6, 12 months, months 13-24 and everything older, by invoice date,
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
        Earlier = new PaymentWindowAccumulator(day.AddMonths(-MonthsOfPaymentEvidence), day.AddMonths(-24));
    }

    public PaymentWindowAccumulator Last3 { get; }

    public PaymentWindowAccumulator Last6 { get; }

    public PaymentWindowAccumulator Last12 { get; }

    public PaymentWindowAccumulator Prior12 { get; }

    /// <summary>
    /// How far back payment behaviour is read: five years. Older invoices would weigh little (see the recency weights)
    /// and the bound keeps the plugin's aggregate far below Dataverse's 50,000-row aggregate limit.
    /// </summary>
    public const int MonthsOfPaymentEvidence = 60;

    /// <summary>Invoices issued 25 to 60 months before the evaluation date.</summary>
    public PaymentWindowAccumulator Earlier { get; }

    /// <summary>The five windows in the order of the summary: last 3, 6, 12 months, months 13-24, older.</summary>
    public IReadOnlyList<PaymentWindowAccumulator> InOrder => [Last3, Last6, Last12, Prior12, Earlier];

    /// <summary>
    /// Adds invoices issued on one day sharing an outcome: <paramref name="daysVsDue"/> is settled date − due date when
    /// <paramref name="settled"/>, else evaluation date − due date; <paramref name="termsDays"/> is due date − invoice date.
    /// </summary>
    public void Add(DateTime invoiced, int invoices, decimal total, int daysVsDue, bool settled, bool disputed, int termsDays)
    {
        Last3.Add(invoiced, invoices, total, daysVsDue, settled, disputed, termsDays);
        Last6.Add(invoiced, invoices, total, daysVsDue, settled, disputed, termsDays);
        Last12.Add(invoiced, invoices, total, daysVsDue, settled, disputed, termsDays);
        Prior12.Add(invoiced, invoices, total, daysVsDue, settled, disputed, termsDays);
        Earlier.Add(invoiced, invoices, total, daysVsDue, settled, disputed, termsDays);
    }
}
