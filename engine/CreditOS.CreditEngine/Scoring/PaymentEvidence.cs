using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Scoring;

/// <summary>
/// A customer's payment behaviour over its whole history, recent invoices weighted more, thin evidence shrunk toward
/// the rule set's prior. Computed from the summary's disjoint age bands (last 3 months, 4-6, 7-12, 13-24, older), which
/// are differences of the aggregate windows, so the plugin path (FetchXML aggregates) and the raw-history path give the
/// same figures.
/// <para>
/// Laws: every figure is a weighted mean whose observations a payment can only lower (an open past-due item counts at
/// "evaluation date − due date", which a payment on or before that date never exceeds; an item not yet due counts at
/// the customer's own shrunk average of known outcomes but never below 0, plus its days close to due, which are never
/// negative and depend on that invoice alone: a payment at d ≤ 0 adds an observation no higher than that figure, so
/// the average, and with it every still-open item's figure, can only fall) and later payment can only raise.
/// Late shares count invoices whose outcome is known; days relative to due count every issued invoice.
/// </para>
/// </summary>
public sealed record PaymentEvidence(
    double KnownInvoices,
    double IssuedInvoices,
    double LateShare,
    double LateBeyond15DaysShare,
    double DaysVsDue,
    double AmountWeightedDaysVsDue)
{
    /// <summary>
    /// Average days relative to due of the invoices issued in the last 3 months, shrunk toward <see cref="DaysVsDue"/>
    /// (<see cref="ScoringFactor.RecentDaysVsDue3Months"/>): the customer's whole-history figure while it has few recent
    /// invoices, its recent habit once it has several. Counted as <see cref="DaysVsDue"/> is (known outcomes at their
    /// days, an item not yet due at the customer's own recent figure but never below 0), so the same two laws hold: a
    /// payment only lowers an observation and the shrinkage target, later payment only raises them.
    /// </summary>
    public double RecentDaysVsDue { get; init; }

    /// <summary>True when at least one invoice has a known outcome (settled, or open past due).</summary>
    public bool HasPaymentEvidence => KnownInvoices > 0;

    public static PaymentEvidence Of(HistorySummary summary, EvidenceSettings settings)
    {
        Require.NotNull(summary, "The history summary");
        Require.NotNull(settings, "The evidence settings");
        var bands = Bands(summary);
        var weights = settings.BandWeights;
        double known = 0, notYetDue = 0, late = 0, late15 = 0, days = 0, amount = 0, amountDays = 0, notYetDueAmount = 0, closeToDue = 0;
        for (var i = 0; i < bands.Length; i++)
        {
            var band = bands[i];
            var w = weights[i];
            known += w * band.Known;
            notYetDue += w * band.NotYetDue;
            late += w * band.Late;
            late15 += w * band.Late15;
            days += w * band.Days;
            amount += w * (double)band.Amount;
            amountDays += w * (double)band.AmountDays;
            notYetDueAmount += w * (double)band.NotYetDueAmount;
            closeToDue += w * band.CloseToDue;
        }

        // An invoice not yet due has no outcome, so it carries no evidence: it counts at the customer's own days
        // relative to due from its known outcomes (shrunk toward the prior; the prior alone while nothing is known),
        // which leaves a customer's average where its known payments put it. Never below the due date, so that paying
        // it early or on time can only lower the figure (session 22: at the prior, as until then, under 60-90-day terms
        // the newest invoices, all still open, pulled every late payer toward the segment's usual; engine/README).
        var k = settings.PriorStrength;
        var notYetDueDays = Math.Max(0, Shrink(days, known, settings.PriorDaysVsDue, k));
        // Session 32: an invoice still open as its due date comes near counts later by its days close to due (up to 10
        // on the due day): an early payer would have paid it by then (PaymentWindowStats.NotYetDueCloseDaysSum).
        var issued = known + notYetDue;
        days += (notYetDueDays * notYetDue) + closeToDue;
        amount += notYetDueAmount;
        amountDays += notYetDueDays * notYetDueAmount;

        var countMean = issued > 0 ? days / issued : settings.PriorDaysVsDue;
        var amountMean = amount > 0 ? amountDays / amount : countMean;
        var wholeHistoryDays = Shrink(days, issued, settings.PriorDaysVsDue, k);
        return new PaymentEvidence(
            known,
            issued,
            Shrink(late, known, settings.PriorLateShare, k),
            Shrink(late15, known, settings.PriorLateBeyond15DaysShare, k),
            wholeHistoryDays,
            Shrink(amountMean * issued, issued, settings.PriorDaysVsDue, k))
        {
            RecentDaysVsDue = Recent(bands[0], wholeHistoryDays, k),
        };
    }

    // The last 3 months' days, shrunk toward the whole-history figure with the rule set's prior strength; an item not yet
    // due counts at the shrunk figure of the recent known outcomes, never below the due date (as in Of, for the laws).
    private static double Recent(Band recent, double wholeHistoryDays, double k)
    {
        var notYetDueDays = Math.Max(0, Shrink(recent.Days, recent.Known, wholeHistoryDays, k));
        return Shrink(recent.Days + (notYetDueDays * recent.NotYetDue) + recent.CloseToDue, recent.Known + recent.NotYetDue, wholeHistoryDays, k);
    }

    private static double Shrink(double sum, double weight, double prior, double strength) =>
        weight + strength > 0 ? (sum + (strength * prior)) / (weight + strength) : prior;

    private static Band[] Bands(HistorySummary s) =>
    [
        Band.Of(s.Last3Months),
        Band.Of(s.Last6Months) - Band.Of(s.Last3Months),
        Band.Of(s.Last12Months) - Band.Of(s.Last6Months),
        Band.Of(s.Prior12Months),
        Band.Of(s.Earlier),
    ];

    private readonly record struct Band(int Known, int NotYetDue, int Late, int Late15, int Days, decimal Amount, decimal AmountDays, decimal NotYetDueAmount, int CloseToDue)
    {
        public static Band Of(PaymentWindowStats w) =>
            new(w.InvoiceCount, w.NotYetDueCount, w.LateCount, w.LateBeyond15DaysCount, w.DaysVsDueSum, w.Amount, w.AmountTimesDaysVsDue, w.NotYetDueAmount, w.NotYetDueCloseDaysSum);

        public static Band operator -(Band a, Band b) =>
            new(a.Known - b.Known, a.NotYetDue - b.NotYetDue, a.Late - b.Late, a.Late15 - b.Late15, a.Days - b.Days, a.Amount - b.Amount, a.AmountDays - b.AmountDays, a.NotYetDueAmount - b.NotYetDueAmount, a.CloseToDue - b.CloseToDue);
    }
}
