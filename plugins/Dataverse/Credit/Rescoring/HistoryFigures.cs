using System.Globalization;
using System.Text;
using CreditOS.CreditEngine.History;
using EngineBureauReport = CreditOS.CreditEngine.History.BureauReport;

namespace CreditOS.Dataverse.Credit.Rescoring;

/// <summary>
/// An account's history as of one day, in the form every rescoring summarizes: the settled invoices already reduced to
/// their payment-window figures and monthly revenue (a payment only adds to them), the open receivables one by one
/// (a payment settles or reduces them), the invoice totals, promise counts and the two latest bureau reports. A full
/// rescoring builds it from the history aggregates (<see cref="HistoryAggregates"/>) and keeps it on the account
/// (<c>cos_historyfigures</c>); a payment posted the same day applies itself to it in the same transaction
/// (<see cref="Settle"/>) instead of re-running the aggregates. Both go through <see cref="ToReading"/>, the one
/// summarizer, so the same figures give the same <see cref="HistorySummary"/> to the figure.
/// The figures hold for their day only (the payment windows and aging count back from it): on another day, or when a
/// payment names a receivable they do not hold as it is now, the payment takes the full path and writes them afresh.
/// Orders are not kept: the order check changes them without rescoring, so a payment reads them (one aggregate).
/// </summary>
public sealed class HistoryFigures
{
    /// <summary>Dataverse's largest multiline text column; figures that would not fit are not kept (the payment then takes the full path).</summary>
    public const int MaxLength = 1_048_576;

    private const string Header = "creditos-history-figures 1";

    /// <summary>The five payment windows, in <see cref="PaymentWindowSet"/> order: last 3, 6, 12 months, months 13-24, earlier.</summary>
    public const int Windows = 5;

    public HistoryFigures(DateTime asOf)
    {
        AsOf = asOf.Date;
        SettledWindows = Enumerable.Repeat(PaymentWindowStats.Empty, Windows).ToArray();
        SettledRevenue = new decimal[HistorySummary.RevenueMonths];
    }

    /// <summary>The day the figures are as of.</summary>
    public DateTime AsOf { get; }

    /// <summary>The settled invoices' figures per window (last 3, 6, 12 months, months 13-24, earlier).</summary>
    public PaymentWindowStats[] SettledWindows { get; }

    /// <summary>Invoiced amount of the settled invoices per complete month back (index 0 = the month before <see cref="AsOf"/>'s).</summary>
    public decimal[] SettledRevenue { get; }

    /// <summary>Open receivables invoiced on or before <see cref="AsOf"/>, one per receivable (grouped ones for a page carry no id).</summary>
    public List<OpenReceivableFigure> Open { get; } = [];

    public DateTime? FirstInvoice { get; set; }

    public int InvoiceCount { get; set; }

    /// <summary>The customer's largest invoice amount (what the payment sanity limit multiplies).</summary>
    public decimal? LargestInvoice { get; set; }

    public PromiseCounts Promises { get; set; } = PromiseCounts.None;

    /// <summary>The two latest bureau reports on or before the day, newest first.</summary>
    public List<EngineBureauReport> BureauReports { get; } = [];

    /// <summary>Adds settled invoices issued on one day sharing due day, settlement day and dispute flag (an aggregate row, or one invoice a payment settled).</summary>
    public void AddSettled(DateTime invoiced, DateTime due, DateTime settled, bool disputed, decimal amount, int count)
    {
        var windows = new PaymentWindowSet(AsOf);
        // Signed days relative to due (early negative) from the settlement and due days: exact per group.
        windows.Add(invoiced, count, amount, (settled.Date - due.Date).Days, settled: true, disputed, (due.Date - invoiced.Date).Days);
        var stats = StatsOf(windows);
        for (var i = 0; i < Windows; i++)
        {
            SettledWindows[i] = SettledWindows[i].Plus(stats[i]);
        }

        AddRevenue(SettledRevenue, invoiced, amount, AsOf);
    }

    /// <summary>
    /// Applies what a payment did to one open receivable: its open amount is now <paramref name="openAfter"/>; paid in
    /// full it leaves the open receivables and counts as settled on <paramref name="settledOn"/>. False when the
    /// figures do not hold the receivable exactly as it was before the payment (another writer changed it since they
    /// were made): the caller then rescoring from the aggregates.
    /// </summary>
    public bool Settle(Guid receivableId, DateTime invoiced, DateTime due, bool disputed, decimal amount, decimal openBefore, decimal openAfter, DateTime settledOn)
    {
        var index = Open.FindIndex(o => o.Id == receivableId);
        if (index < 0)
        {
            return false;
        }

        var held = Open[index];
        if (held.Invoiced != invoiced.Date || held.Due != due.Date || held.Disputed != disputed || held.Amount != amount || held.OpenAmount != openBefore
            || openAfter < 0 || openAfter > openBefore || settledOn.Date > AsOf)
        {
            return false;
        }

        if (openAfter > 0)
        {
            Open[index] = held with { OpenAmount = openAfter };
            return true;
        }

        Open.RemoveAt(index);
        AddSettled(held.Invoiced, held.Due, settledOn, held.Disputed, held.Amount, 1);
        return true;
    }

    /// <summary>
    /// The one summarizer: the settled figures plus the open receivables aged as of <see cref="AsOf"/>, the orders (read
    /// live) and what the account row says (<paramref name="context"/>).
    /// </summary>
    public HistoryReading ToReading(Guid accountId, HistoryContext context, HistoryAggregates.OrderTotals orders)
    {
        var asOf = AsOf;
        var windows = new PaymentWindowSet(asOf);
        var revenue = (decimal[])SettledRevenue.Clone();
        var aging = AgingBalance.Empty;
        var oldestOverdue = 0;
        var openDisputed = 0m;
        var openItems = new List<OpenItem>();
        foreach (var item in Open)
        {
            var daysPastDue = (asOf - item.Due).Days;
            AddRevenue(revenue, item.Invoiced, item.Amount, asOf);
            aging = aging.AddItem(item.OpenAmount, daysPastDue);
            oldestOverdue = Math.Max(oldestOverdue, daysPastDue);
            openDisputed += item.Disputed ? item.OpenAmount : 0m;
            openItems.Add(new OpenItem(daysPastDue, item.OpenAmount));
            windows.Add(item.Invoiced, item.Count, item.Amount, daysPastDue, settled: false, item.Disputed, (item.Due - item.Invoiced).Days);
        }

        var open = StatsOf(windows);
        var summary = new HistorySummary
        {
            CustomerId = accountId.ToString("D"),
            Currency = context.Currency,
            AsOf = asOf,
            Segment = context.Segment,
            Last3Months = SettledWindows[0].Plus(open[0]),
            Last6Months = SettledWindows[1].Plus(open[1]),
            Last12Months = SettledWindows[2].Plus(open[2]),
            Prior12Months = SettledWindows[3].Plus(open[3]),
            Earlier = SettledWindows[4].Plus(open[4]),
            Aging = aging,
            OldestOverdueDays = oldestOverdue,
            OpenDisputedAmount = openDisputed,
            Promises = Promises,
            MonthlyRevenue = revenue,

            // ERP invoices stand for completed orders that were never entered in Dataverse.
            CompletedOrderCount = Math.Max(orders.Completed, InvoiceCount),
            FirstActivityDate = Earliest(FirstInvoice?.Date, orders.FirstOrder?.Date),
            OpenOrdersNotInvoiced = orders.OpenAmount,
            LatestBureauReport = BureauReports.Count > 0 ? BureauReports[0] : null,
            PreviousBureauReport = BureauReports.Count > 1 ? BureauReports[1] : null,
            Flags = context.Flags,
        };
        return new HistoryReading(summary, openItems, orders.OpenCount, orders.HeldCount);
    }

    /// <summary>The figures as the account keeps them; null when they would not fit the column (or hold grouped open rows without ids).</summary>
    public string? Serialize()
    {
        if (Open.Any(o => o.Id == Guid.Empty || o.Count != 1))
        {
            return null;
        }

        var text = new StringBuilder(256 + (Open.Count * 80));
        text.Append(Header).Append('\n');
        text.Append("asof|").AppendDay(AsOf).Append('\n');
        foreach (var window in SettledWindows)
        {
            text.Append('w')
                .Append('|').AppendNumber(window.InvoiceCount).Append('|').AppendNumber(window.IssuedCount).Append('|').AppendNumber(window.LateCount)
                .Append('|').AppendNumber(window.LateBeyond15DaysCount).Append('|').AppendNumber(window.LateBeyond30DaysCount)
                .Append('|').AppendNumber(window.Amount).Append('|').AppendNumber(window.LateAmount).Append('|').AppendNumber(window.AmountTimesDaysLate)
                .Append('|').AppendNumber(window.DisputedCount).Append('|').AppendNumber(window.DisputedAmount).Append('|').AppendNumber(window.IssuedAmount)
                .Append('|').AppendNumber(window.DaysVsDueSum).Append('|').AppendNumber(window.AmountTimesDaysVsDue).Append('|').AppendNumber(window.AmountTimesTermsDays)
                .Append('|').AppendNumber(window.NotYetDueCount).Append('|').AppendNumber(window.NotYetDueAmount).Append('\n');
        }

        text.Append('r');
        foreach (var month in SettledRevenue)
        {
            text.Append('|').AppendNumber(month);
        }

        text.Append("\nt|");
        _ = FirstInvoice is { } first ? text.AppendDay(first) : text.Append('-');
        text.Append('|').AppendNumber(InvoiceCount).Append('|');
        _ = LargestInvoice is { } largest ? text.AppendNumber(largest) : text.Append('-');
        text.Append("\np|").AppendNumber(Promises.Kept).Append('|').AppendNumber(Promises.Broken).Append('|').AppendNumber(Promises.Open).Append('\n');
        foreach (var report in BureauReports)
        {
            text.Append("b|").Append(report.ReportDate.ToString("o", CultureInfo.InvariantCulture))
                .Append('|').AppendNumber(report.SolvencyScore).Append('|').AppendNumber((int)report.Rating).Append('|');
            _ = report.RecommendedCredit is { } credit ? text.AppendNumber(credit) : text.Append('-');
            text.Append('|').AppendNumber(report.DaysBeyondTermsScore).Append('|').AppendNumber(report.Judgments)
                .Append('|').AppendNumber(report.LegalProceedings).Append('|').AppendNumber(report.Privileges).Append('\n');
        }

        foreach (var item in Open)
        {
            text.Append("o|").Append(item.Id.ToString("N")).Append('|').AppendDay(item.Invoiced).Append('|').AppendDay(item.Due)
                .Append('|').Append(item.Disputed ? '1' : '0').Append('|').AppendNumber(item.Amount).Append('|').AppendNumber(item.OpenAmount).Append('\n');
        }

        return text.Length > MaxLength ? null : text.ToString();
    }

    /// <summary>The figures the account keeps, or null when there are none or they are not in this version's form (then a full rescoring makes them).</summary>
    public static HistoryFigures? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text!.StartsWith(Header + "\n", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            HistoryFigures? figures = null;
            var window = 0;
            var line = new HistoryFiguresReader(text, Header.Length + 1);
            while (line.NextLine())
            {
                if (line.KindIs("asof"))
                {
                    figures = new HistoryFigures(line.Day());
                }
                else if (line.KindIs("w"))
                {
                    figures!.SettledWindows[window++] = ParseWindow(line);
                }
                else if (line.KindIs("r"))
                {
                    for (var i = 0; i < HistorySummary.RevenueMonths; i++)
                    {
                        figures!.SettledRevenue[i] = line.Decimal();
                    }
                }
                else if (line.KindIs("t"))
                {
                    figures!.FirstInvoice = line.Dash() ? null : line.Day();
                    figures.InvoiceCount = line.Int();
                    figures.LargestInvoice = line.Dash() ? null : line.Decimal();
                }
                else if (line.KindIs("p"))
                {
                    figures!.Promises = new PromiseCounts(line.Int(), line.Int(), line.Int());
                }
                else if (line.KindIs("b"))
                {
                    figures!.BureauReports.Add(new EngineBureauReport(
                        DateTime.Parse(line.Text(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                        line.Int(),
                        (BureauRating)line.Int(),
                        line.Dash() ? null : line.Decimal(),
                        line.Int(),
                        line.Int(),
                        line.Int(),
                        line.Int()));
                }
                else if (line.KindIs("o"))
                {
                    figures!.Open.Add(new OpenReceivableFigure(Guid.ParseExact(line.Text(), "N"), line.Day(), line.Day(), line.Text() == "1", line.Decimal(), line.Decimal()));
                }
                else
                {
                    return null;
                }
            }

            return figures is not null && window == Windows ? figures : null;
        }
        catch (Exception unreadable) when (unreadable is FormatException or IndexOutOfRangeException or OverflowException or NullReferenceException)
        {
            // Figures that cannot be read are no figures: the payment takes the full path and writes them afresh.
            return null;
        }
    }

    internal static void AddRevenue(decimal[] revenue, DateTime invoiced, decimal amount, DateTime asOf)
    {
        var monthsBack = CalendarMonths.CompleteMonthsBack(invoiced, asOf);
        if (monthsBack >= 0 && monthsBack < revenue.Length)
        {
            revenue[monthsBack] += amount;
        }
    }

    internal static DateTime? Earliest(DateTime? first, DateTime? second) =>
        first is null ? second : second is null ? first : first < second ? first : second;

    private static PaymentWindowStats[] StatsOf(PaymentWindowSet windows) =>
        [windows.Last3.ToStats(), windows.Last6.ToStats(), windows.Last12.ToStats(), windows.Prior12.ToStats(), windows.Earlier.ToStats()];

    private static PaymentWindowStats ParseWindow(HistoryFiguresReader line) => new()
    {
        // In the order the fields are written (object initializers assign in order).
        InvoiceCount = line.Int(),
        IssuedCount = line.Int(),
        LateCount = line.Int(),
        LateBeyond15DaysCount = line.Int(),
        LateBeyond30DaysCount = line.Int(),
        Amount = line.Decimal(),
        LateAmount = line.Decimal(),
        AmountTimesDaysLate = line.Decimal(),
        DisputedCount = line.Int(),
        DisputedAmount = line.Decimal(),
        IssuedAmount = line.Decimal(),
        DaysVsDueSum = line.Int(),
        AmountTimesDaysVsDue = line.Decimal(),
        AmountTimesTermsDays = line.Decimal(),
        NotYetDueCount = line.Int(),
        NotYetDueAmount = line.Decimal(),
    };
}

/// <summary>One open receivable (or, for a page's aggregate, a group of them: <see cref="Count"/>) as the history figures keep it.</summary>
public sealed record OpenReceivableFigure(Guid Id, DateTime Invoiced, DateTime Due, bool Disputed, decimal Amount, decimal OpenAmount)
{
    public int Count { get; init; } = 1;
}
