namespace CreditOS.CreditEngine.History;

/// <summary>
/// An invoice's outcome as a <see cref="RunningHistorySummarizer"/> last applied it: settled (on its settlement date,
/// or on its invoice date for a zero amount) with its days relative to due, or open in one of the
/// <see cref="Phase"/>s between which none of the summary's figures changes other than by one day a day.
/// <see cref="RecordDay"/> is the day the open days were counted on (day numbers from the customer's first invoice).
/// </summary>
internal readonly struct RunningOutcome
{
    /// <summary>Phase of a settled invoice.</summary>
    public const int SettledPhase = 8;

    // Days past due from which an open invoice's phase starts after close to due: late; beyond 15 and 30 days (the late
    // counts and the aging's 31-60 bucket); 61-90 and over 90 (aging); beyond the 120-day cap of the clipped days. The
    // close-to-due phase (its days close to due grow by one a day) starts per invoice: its window grows with its terms
    // (PaymentWindowStats.CloseToDueDaysFor, session 35), so each invoice's phases start on days of its own.
    private static readonly int[] LaterPhaseStarts = [1, 16, 31, 61, 91, PaymentWindowStats.LateDaysCap + 1];

    /// <summary>How many phase starts an open invoice passes (<see cref="PhaseStart"/> 0 to this − 1): close to due, then the later ones.</summary>
    public static int OpenPhaseStarts => LaterPhaseStarts.Length + 1;

    /// <summary>The phase of an open invoice not yet due whose days close to due grow by one a day.</summary>
    public const int CloseToDuePhase = 1;

    private RunningOutcome(int phase, bool settled, int daysVsDue, int recordDay)
    {
        Phase = phase;
        Settled = settled;
        DaysVsDue = daysVsDue;
        RecordDay = recordDay;
    }

    public int Phase { get; }

    public bool Settled { get; }

    /// <summary>Settled date − due date when settled, else the record day − due date.</summary>
    public int DaysVsDue { get; }

    public int RecordDay { get; }

    /// <summary>Whether the invoice is open with an amount to pay (what the aging and the oldest overdue count).</summary>
    public bool IsOpen => !Settled;

    /// <summary>
    /// Days past due (relative to its due day) at which an open invoice on <paramref name="termsDays"/> terms enters phase
    /// <paramref name="index"/> + 1: the first is its close-to-due window's start, the accumulator's rule.
    /// </summary>
    public static int PhaseStart(int index, int termsDays) =>
        index == 0 ? 1 - PaymentWindowStats.CloseToDueDaysFor(termsDays) : LaterPhaseStarts[index - 1];

    /// <summary>The outcome of <paramref name="invoice"/> on <paramref name="day"/>, the summarizer's rule (settlement tracker without payments).</summary>
    public static RunningOutcome On(RunningInvoice invoice, int day)
    {
        if (invoice.SettledDay is { } settled && settled <= day)
        {
            return new RunningOutcome(SettledPhase, true, settled - invoice.DueDay, day);
        }

        if (invoice.Amount <= 0)
        {
            // As SettlementTracker: a zero-amount item has nothing to pay, settled the day it was issued.
            return new RunningOutcome(SettledPhase, true, invoice.Day - invoice.DueDay, day);
        }

        var daysPastDue = day - invoice.DueDay;
        var phase = 0;
        while (phase < OpenPhaseStarts && daysPastDue >= PhaseStart(phase, invoice.TermsDays))
        {
            phase++;
        }

        return new RunningOutcome(phase, false, daysPastDue, day);
    }

    /// <summary>Whether every figure of the summary counts the invoice the same under both (open days apart).</summary>
    public bool SameAs(RunningOutcome other) =>
        Phase == other.Phase && (!Settled || DaysVsDue == other.DaysVsDue);
}
