namespace CreditOS.CreditEngine.History;

/// <summary>
/// Payment behaviour of the invoices issued in one time window whose outcome is known as of the evaluation
/// date: settled by then, or still open and past due. Open invoices not yet due are left out (their outcome is unknown).
/// Days late is settled date − due date (0 when on time) or, for open past-due items, evaluation date − due date:
/// the receivable row's <c>days late</c> column, written when the item is settled or aged.
/// <para>
/// Plugins fill it with one FetchXML aggregate on the receivable table, filtered on invoice date within the window and
/// (settled on or before the evaluation date or due before it): <c>count</c> → <see cref="InvoiceCount"/>,
/// <c>count</c> with <c>days late &gt; 0 / &gt; 15 / &gt; 30</c> → the late counts, <c>sum(amount)</c> → <see cref="Amount"/>,
/// <c>sum(amount)</c> with days late &gt; 0 → <see cref="LateAmount"/>, <c>sum(amount × days late)</c> (a calculated
/// column on the receivable) → <see cref="AmountTimesDaysLate"/>. Disputes are counted over every invoice issued in the
/// window, whatever its outcome: <c>count</c> without the outcome filter → <see cref="IssuedCount"/>, <c>count</c> /
/// <c>sum(amount)</c> with disputed = yes → <see cref="DisputedCount"/> / <see cref="DisputedAmount"/>.
/// </para>
/// </summary>
public sealed record PaymentWindowStats
{
    public static PaymentWindowStats Empty { get; } = new();

    public int InvoiceCount { get; init; }
    public int LateCount { get; init; }
    public int LateBeyond15DaysCount { get; init; }
    public int LateBeyond30DaysCount { get; init; }
    public decimal Amount { get; init; }
    public decimal LateAmount { get; init; }
    public decimal AmountTimesDaysLate { get; init; }
    /// <summary>
    /// Every invoice issued in the window, outcome known or not. Optional: when left at 0, the invoices with a known
    /// outcome stand in (<see cref="IssuedOrKnownCount"/>); filling it keeps the dispute share stable when a payment
    /// makes an invoice's outcome known.
    /// </summary>
    public int IssuedCount { get; init; }

    /// <summary>The issued count, or the count with a known outcome when that is larger (issued count not filled).</summary>
    public int IssuedOrKnownCount => Math.Max(IssuedCount, InvoiceCount);

    public int DisputedCount { get; init; }
    public decimal DisputedAmount { get; init; }

    /// <summary>
    /// Days before the due date below which earlier payment earns nothing more, on terms of up to 30 days: a signed day
    /// count is clipped to [−<see cref="EarlyDaysFloorFor"/>(terms), <see cref="LateDaysCap"/>] before it is summed.
    /// </summary>
    public const int EarlyDaysFloor = 10;

    /// <summary>The most days early one invoice counts, however long its terms.</summary>
    public const int LongestEarlyDaysFloor = 30;

    /// <summary>
    /// How many days early one invoice counts at most: a third of its terms, at least <see cref="EarlyDaysFloor"/> and at
    /// most <see cref="LongestEarlyDaysFloor"/> (net 30 or shorter: 10, as before session 34; net 60: 20; net 90: 30).
    /// Session 34: under 60-90-day terms good customers pay weeks early, and a floor of 10 days read a customer who pays
    /// a month early like one who pays ten days early, so one late invoice was offset less than the average-days
    /// baseline offsets it; that floor made the shipped score rank below that baseline on long-terms ledgers (engine/README).
    /// </summary>
    public static int EarlyDaysFloorFor(int termsDays) => Math.Min(LongestEarlyDaysFloor, Math.Max(EarlyDaysFloor, termsDays / 3));

    /// <summary>Days late above which one invoice weighs no more, so a single forgotten invoice cannot swamp the average.</summary>
    public const int LateDaysCap = 120;

    /// <summary>Invoiced amount of every invoice issued in the window (aggregate <c>sum(amount)</c> without the outcome filter).</summary>
    public decimal IssuedAmount { get; init; }

    /// <summary>
    /// Sum over the invoices with a known outcome of their clipped signed days relative to the due date: settled date −
    /// due date once settled (early payment negative), evaluation date − due date while open past due. From the
    /// receivable's signed days column (<c>cos_daysvsdue</c>) grouped by value, and from the due date of open items.
    /// Open invoices not yet due are left out and counted in <see cref="NotYetDueCount"/>.
    /// </summary>
    public int DaysVsDueSum { get; init; }

    /// <summary>Sum over the invoices with a known outcome of amount × clipped signed days relative to the due date.</summary>
    public decimal AmountTimesDaysVsDue { get; init; }

    /// <summary>
    /// Open invoices issued in the window that are not yet due (aggregate <c>count</c> on open receivables due on or after
    /// the evaluation date): their outcome is unknown, so the scorer counts them at the customer's own shrunk days
    /// relative to due (the segment's usual while nothing is known), never below 0, which keeps the laws (paying one can
    /// only lower the figure) without reading an unpaid invoice as an early payment.
    /// </summary>
    public int NotYetDueCount { get; init; }

    /// <summary>Invoiced amount of the open invoices not yet due (aggregate <c>sum(amount)</c>).</summary>
    public decimal NotYetDueAmount { get; init; }

    /// <summary>
    /// Days within which an open invoice not yet due counts as "close to its due date" on terms of 65 days or shorter
    /// (<see cref="CloseToDueDaysFor"/>, <see cref="NotYetDueCloseDaysSum"/>).
    /// </summary>
    public const int CloseToDueDays = 10;

    /// <summary>The longest close-to-due window, however long the terms (reached on net 180).</summary>
    public const int LongestCloseToDueDays = 30;

    /// <summary>
    /// Days before its due date from which an open invoice on <paramref name="termsDays"/> terms counts as close to due:
    /// a sixth of its terms, at least <see cref="CloseToDueDays"/> and at most <see cref="LongestCloseToDueDays"/> (net 65
    /// or shorter: 10, as in session 32; net 75: 12; net 90: 15). Session 35: under 60-90-day terms an early payer
    /// settles weeks before the due date, so an invoice still open two weeks before it is already evidence that this one
    /// will not be paid early (engine/README "Session 35").
    /// </summary>
    public static int CloseToDueDaysFor(int termsDays) => Math.Min(LongestCloseToDueDays, Math.Max(CloseToDueDays, termsDays / 6));

    /// <summary>
    /// Σ over the open invoices not yet due of max(0, <see cref="CloseToDueDaysFor"/>(terms) − days left until the due
    /// date): 0 until that many days before the due date (10 on net 65 or shorter), then one more a day, the window's
    /// length on the due day. A customer who pays early shows a known outcome before the due date, so an invoice still
    /// open as its due date comes near is evidence, at the evaluation date, that this one will not be paid early (session
    /// 32, engine/README); the scorer adds it to the days relative to due. From the due day of open receivables grouped
    /// by invoice day (the same groups as <see cref="NotYetDueCount"/>, which give each invoice's terms).
    /// </summary>
    public int NotYetDueCloseDaysSum { get; init; }

    /// <summary>Σ amount × (due date − invoice date) over issued invoices: <c>sum(amount)</c> grouped by invoice and due day.</summary>
    public decimal AmountTimesTermsDays { get; init; }

    /// <summary>The payment terms the customer's invoices actually carried, weighted by amount (days from invoice to due date).</summary>
    public double? AmountWeightedTermsDays => IssuedAmount > 0 ? (double)(AmountTimesTermsDays / IssuedAmount) : null;

    /// <summary>A signed day count of an invoice on <paramref name="termsDays"/> terms, clipped to the range the days-relative-to-due figures use.</summary>
    public static int ClipDaysVsDue(int days, int termsDays)
    {
        var floor = EarlyDaysFloorFor(termsDays);
        return days < -floor ? -floor : days > LateDaysCap ? LateDaysCap : days;
    }

    /// <summary>Share of invoices paid late, null when the window holds no invoice with a known outcome.</summary>
    public double? LateShare => Share(LateCount);

    public double? LateBeyond15DaysShare => Share(LateBeyond15DaysCount);

    /// <summary>Share of the invoices issued in the window that were disputed, null when none was issued.</summary>
    public double? DisputedShare => IssuedOrKnownCount > 0 ? (double)DisputedCount / IssuedOrKnownCount : null;

    /// <summary>Amount-weighted average days beyond terms, null without invoices.</summary>
    public double? AmountWeightedDaysLate => Amount > 0 ? (double)(AmountTimesDaysLate / Amount) : null;

    /// <summary>
    /// The figures of two disjoint sets of invoices of the same window taken together: every figure is a count or a
    /// sum, so this equals accumulating both sets at once (the plugins keep the settled part of a window as running
    /// figures and add the open part, recomputed, to it).
    /// </summary>
    public PaymentWindowStats Plus(PaymentWindowStats other) => this == Empty
        ? other
        : other == Empty
            ? this
            : new PaymentWindowStats
            {
                InvoiceCount = InvoiceCount + other.InvoiceCount,
                IssuedCount = IssuedCount + other.IssuedCount,
                LateCount = LateCount + other.LateCount,
                LateBeyond15DaysCount = LateBeyond15DaysCount + other.LateBeyond15DaysCount,
                LateBeyond30DaysCount = LateBeyond30DaysCount + other.LateBeyond30DaysCount,
                Amount = Amount + other.Amount,
                LateAmount = LateAmount + other.LateAmount,
                AmountTimesDaysLate = AmountTimesDaysLate + other.AmountTimesDaysLate,
                DisputedCount = DisputedCount + other.DisputedCount,
                DisputedAmount = DisputedAmount + other.DisputedAmount,
                IssuedAmount = IssuedAmount + other.IssuedAmount,
                DaysVsDueSum = DaysVsDueSum + other.DaysVsDueSum,
                AmountTimesDaysVsDue = AmountTimesDaysVsDue + other.AmountTimesDaysVsDue,
                AmountTimesTermsDays = AmountTimesTermsDays + other.AmountTimesTermsDays,
                NotYetDueCount = NotYetDueCount + other.NotYetDueCount,
                NotYetDueAmount = NotYetDueAmount + other.NotYetDueAmount,
                NotYetDueCloseDaysSum = NotYetDueCloseDaysSum + other.NotYetDueCloseDaysSum,
            };

    private double? Share(int count) => InvoiceCount > 0 ? (double)count / InvoiceCount : null;
}
