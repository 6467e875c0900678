namespace CreditOS.CreditEngine.History;

/// <summary>
/// The <see cref="HistorySummary"/> of one customer's invoices at a sequence of later and later dates, each as
/// <see cref="HistorySummarizer.Summarize"/> would give it for the invoices issued before that date, without re-reading
/// the history each time (the backtest's replay: a customer with n invoices would otherwise cost n² per replay).
/// <para>
/// Every figure of the summary is a count or a sum, so it is kept running: an invoice is added to the payment windows as
/// the window's start passes its date and taken out as the end passes it again (<see cref="RunningPaymentWindow"/>,
/// whose per-invoice rule is the summarizer's own <see cref="PaymentWindowAccumulator"/>), and re-applied when its outcome
/// changes: on its settlement date, and on the days past due where an open invoice crosses a threshold of the figures
/// (<see cref="RunningOutcome"/>). Those days are known from the invoice alone, so they are sorted once. The aging, the
/// open disputed amount and the oldest overdue item follow the same changes; monthly revenue is kept per calendar month.
/// Each invoice costs O(log n) in all; each summary costs the five windows and 24 months.
/// </para>
/// <para>
/// Invoices only (a ledger export): no payments, orders, promises or bureau reports. The figures are equal to the
/// summarizer's (decimals by value); <c>RunningReplayTests</c> holds that on random ledgers.
/// </para>
/// </summary>
public sealed class RunningHistorySummarizer
{
    private const int Windows = 5;

    private readonly string customerId;
    private readonly string currency;
    private readonly RunningInvoice[] invoices;
    private readonly DateTime origin;
    private readonly long[] changeDays;
    private readonly HashSet<string> ids = new(StringComparer.Ordinal);
    private readonly RunningPaymentWindow[] windows = new RunningPaymentWindow[Windows];

    // Invoices [windowStart[w], windowEnd[w]) are in window w; [0, known) are known (issued before the last date asked).
    private readonly int[] windowStart = new int[Windows];
    private readonly int[] windowEnd = new int[Windows];
    private int known;
    private int nextChange;

    // Open invoices: amount by aging bucket, disputed amount, due days (for the oldest overdue).
    private readonly decimal[] aging = new decimal[5];
    private readonly SortedDictionary<int, int> openDueDays = new();
    private decimal openDisputed;

    // Invoiced amount per calendar month (year × 12 + month − 1), added in the summarizer's order.
    private readonly Dictionary<int, decimal> revenueByMonth = new();

    // The revenue list and the aging last handed out, shared by the following summaries while unchanged (a replay keeps
    // every summary: the calibration); the revenue list changes with the month or an invoice of an earlier month.
    private decimal[]? lastRevenue;
    private int lastRevenueMonth;
    private AgingBalance? lastAging;
    private DateTime? lastAsOf;

    /// <param name="customerId">The customer, as in the summary.</param>
    /// <param name="currency">The currency of the summary.</param>
    /// <param name="invoicesInDateOrder">The customer's invoices ordered by invoice date (the order they become known and are added in).</param>
    public RunningHistorySummarizer(string customerId, string currency, IReadOnlyList<InvoiceRecord> invoicesInDateOrder)
    {
        Require.NotNull(invoicesInDateOrder, "The invoices");
        Require.CurrencyCode(currency, "The currency of customer " + customerId);
        this.customerId = customerId;
        this.currency = currency;
        origin = invoicesInDateOrder.Count > 0 ? invoicesInDateOrder[0].InvoiceDate.Date : DateTime.MinValue;
        invoices = new RunningInvoice[invoicesInDateOrder.Count];
        var changes = new List<long>(invoicesInDateOrder.Count * 2);
        for (var i = 0; i < invoices.Length; i++)
        {
            if (i > 0 && invoicesInDateOrder[i].InvoiceDate < invoicesInDateOrder[i - 1].InvoiceDate)
            {
                throw new ArgumentException("The invoices must be in invoice date order.", nameof(invoicesInDateOrder));
            }

            var invoice = new RunningInvoice(invoicesInDateOrder[i], origin);
            invoices[i] = invoice;
            AddChangeDays(changes, invoice, i);
        }

        changes.Sort();
        changeDays = changes.ToArray();
        for (var w = 0; w < Windows; w++)
        {
            windows[w] = new RunningPaymentWindow();
        }
    }

    /// <summary>
    /// The summary as of <paramref name="asOf"/> of the invoices issued before it (invoice date &lt; asOf), settlements
    /// after its day not yet made. Dates must not go back between calls.
    /// </summary>
    public HistorySummary SummarizeBefore(DateTime asOf)
    {
        if (lastAsOf is { } last && asOf < last)
        {
            throw new ArgumentException("The dates of a running summary must not go back: " + Require.Day(asOf) + " after " + Require.Day(last) + ".", nameof(asOf));
        }

        lastAsOf = asOf;
        var day = asOf.Date;
        var dayNumber = RunningInvoice.DayNumber(day, origin);

        // Outcomes that changed since the last date, for the invoices already known; then the newly known ones.
        while (nextChange < changeDays.Length && (changeDays[nextChange] >> 32) <= dayNumber)
        {
            var index = (int)(changeDays[nextChange++] & 0xFFFFFFFF);
            if (index < known)
            {
                Reapply(index, dayNumber);
            }
        }

        while (known < invoices.Length && invoices[known].Record.InvoiceDate < asOf)
        {
            var invoice = invoices[known];
            HistoryValidator.ValidateInvoice(invoice.Record, ids, customerId, currency);
            invoice.Outcome = RunningOutcome.On(invoice, dayNumber);
            ApplyToCustomer(1, invoice, invoice.Outcome);
            var month = MonthKey(invoice.InvoiceDay);
            revenueByMonth.TryGetValue(month, out var monthRevenue);
            revenueByMonth[month] = monthRevenue + invoice.Amount;
            if (month < MonthKey(day))
            {
                lastRevenue = null;
            }

            known++;
        }

        // The windows' bounds are the summarizer's (one home); only known invoices enter, and an invoice leaves a window
        // only after it entered it (a window's start is before its end).
        var bounds = new PaymentWindowSet(day).InOrder;
        for (var w = 0; w < Windows; w++)
        {
            while (windowEnd[w] < known && invoices[windowEnd[w]].InvoiceDay <= bounds[w].EndInclusive)
            {
                var invoice = invoices[windowEnd[w]++];
                windows[w].Apply(1, invoice, invoice.Outcome);
            }

            while (windowStart[w] < windowEnd[w] && invoices[windowStart[w]].InvoiceDay <= bounds[w].StartExclusive)
            {
                var invoice = invoices[windowStart[w]++];
                windows[w].Apply(-1, invoice, invoice.Outcome);
            }
        }

        return Summary(day, dayNumber);
    }

    private HistorySummary Summary(DateTime day, int dayNumber)
    {
        var currentMonth = MonthKey(day);
        if (lastRevenue is null || lastRevenueMonth != currentMonth)
        {
            lastRevenue = new decimal[HistorySummary.RevenueMonths];
            lastRevenueMonth = currentMonth;
            for (var monthsBack = 0; monthsBack < lastRevenue.Length; monthsBack++)
            {
                revenueByMonth.TryGetValue(currentMonth - 1 - monthsBack, out lastRevenue[monthsBack]);
            }
        }

        var oldestOverdue = 0;
        if (openDueDays.Count > 0)
        {
            using var first = openDueDays.Keys.GetEnumerator();
            first.MoveNext();
            oldestOverdue = Math.Max(0, dayNumber - first.Current);
        }

        return new HistorySummary
        {
            CustomerId = customerId,
            Currency = currency,
            AsOf = day,
            Last3Months = windows[0].ToStats(dayNumber),
            Last6Months = windows[1].ToStats(dayNumber),
            Last12Months = windows[2].ToStats(dayNumber),
            Prior12Months = windows[3].ToStats(dayNumber),
            Earlier = windows[4].ToStats(dayNumber),
            Aging = lastAging ??= new AgingBalance(aging[0], aging[1], aging[2], aging[3], aging[4]),
            OldestOverdueDays = oldestOverdue,
            OpenDisputedAmount = openDisputed,
            Promises = PromiseCounts.None,
            MonthlyRevenue = lastRevenue,
            FirstActivityDate = known > 0 ? invoices[0].InvoiceDay : null,
        };
    }

    private void Reapply(int index, int dayNumber)
    {
        var invoice = invoices[index];
        var outcome = RunningOutcome.On(invoice, dayNumber);
        if (outcome.SameAs(invoice.Outcome))
        {
            return;
        }

        for (var w = 0; w < Windows; w++)
        {
            if (index >= windowStart[w] && index < windowEnd[w])
            {
                windows[w].Apply(-1, invoice, invoice.Outcome);
                windows[w].Apply(1, invoice, outcome);
            }
        }

        ApplyToCustomer(-1, invoice, invoice.Outcome);
        ApplyToCustomer(1, invoice, outcome);
        invoice.Outcome = outcome;
    }

    // The aging, the open disputed amount and the open due days: open invoices only (a settled or zero amount has nothing open).
    private void ApplyToCustomer(int sign, RunningInvoice invoice, RunningOutcome outcome)
    {
        if (!outcome.IsOpen)
        {
            return;
        }

        lastAging = null;
        var amount = sign * invoice.Amount;
        aging[AgingBucket(outcome.Phase)] += amount;
        if (invoice.Disputed)
        {
            openDisputed += amount;
        }

        openDueDays.TryGetValue(invoice.DueDay, out var count);
        count += sign;
        if (count == 0)
        {
            openDueDays.Remove(invoice.DueDay);
        }
        else
        {
            openDueDays[invoice.DueDay] = count;
        }
    }

    // AgingBalance.AddItem's buckets by phase: not yet due (phases 0-1); 1-30 (phases 2-3); 31-60; 61-90; over 90 (phases 6-7).
    private static int AgingBucket(int phase) => phase switch
    {
        0 or 1 => 0,
        2 or 3 => 1,
        4 => 2,
        5 => 3,
        _ => 4,
    };

    // The days an invoice's outcome can change: its settlement, and while it may still be open, the days it enters a
    // phase. A day at or before it becomes known changes nothing (its outcome is taken fresh then) but costs nothing.
    private static void AddChangeDays(List<long> changes, RunningInvoice invoice, int index)
    {
        if (invoice.SettledDay is { } settled)
        {
            changes.Add(ChangeKey(settled, index));
        }

        if (invoice.Amount <= 0)
        {
            return;
        }

        for (var phase = 0; phase < RunningOutcome.OpenPhaseStarts; phase++)
        {
            var day = invoice.DueDay + RunningOutcome.PhaseStart(phase, invoice.TermsDays);
            if (invoice.SettledDay is { } paid && paid <= day)
            {
                break;
            }

            if (day > invoice.Day)
            {
                changes.Add(ChangeKey(day, index));
            }
        }
    }

    // Day in the high half, invoice index in the low half: sorting the keys sorts by day (days before the origin, in an
    // invalid history the validator refuses when the invoice becomes known, are taken as day 0).
    private static long ChangeKey(int day, int index) => ((long)Math.Max(0, day) << 32) | (uint)index;

    private static int MonthKey(DateTime date) => (date.Year * 12) + date.Month - 1;
}
