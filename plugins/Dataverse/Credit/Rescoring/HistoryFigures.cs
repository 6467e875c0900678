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

        var text = new StringBuilder();
        text.Append(Header).Append('\n');
        Line(text, "asof", Day(AsOf));
        foreach (var window in SettledWindows)
        {
            Line(
                text,
                "w",
                Number(window.InvoiceCount), Number(window.IssuedCount), Number(window.LateCount), Number(window.LateBeyond15DaysCount), Number(window.LateBeyond30DaysCount),
                Number(window.Amount), Number(window.LateAmount), Number(window.AmountTimesDaysLate), Number(window.DisputedCount), Number(window.DisputedAmount),
                Number(window.IssuedAmount), Number(window.DaysVsDueSum), Number(window.AmountTimesDaysVsDue), Number(window.AmountTimesTermsDays),
                Number(window.NotYetDueCount), Number(window.NotYetDueAmount));
        }

        Line(text, "r", SettledRevenue.Select(Number).ToArray());
        Line(text, "t", FirstInvoice is { } first ? Day(first) : "-", Number(InvoiceCount), LargestInvoice is { } largest ? Number(largest) : "-");
        Line(text, "p", Number(Promises.Kept), Number(Promises.Broken), Number(Promises.Open));
        foreach (var report in BureauReports)
        {
            Line(
                text,
                "b",
                report.ReportDate.ToString("o", CultureInfo.InvariantCulture), Number(report.SolvencyScore), Number((int)report.Rating),
                report.RecommendedCredit is { } credit ? Number(credit) : "-", Number(report.DaysBeyondTermsScore), Number(report.Judgments), Number(report.LegalProceedings), Number(report.Privileges));
        }

        foreach (var item in Open)
        {
            Line(text, "o", item.Id.ToString("N"), Day(item.Invoiced), Day(item.Due), item.Disputed ? "1" : "0", Number(item.Amount), Number(item.OpenAmount));
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
            foreach (var line in text.Split('\n').Skip(1).Where(l => l.Length > 0))
            {
                var parts = line.Split('|');
                switch (parts[0])
                {
                    case "asof":
                        figures = new HistoryFigures(ParseDay(parts[1]));
                        break;
                    case "w":
                        figures!.SettledWindows[window++] = ParseWindow(parts);
                        break;
                    case "r":
                        for (var i = 0; i < HistorySummary.RevenueMonths; i++)
                        {
                            figures!.SettledRevenue[i] = ParseDecimal(parts[i + 1]);
                        }

                        break;
                    case "t":
                        figures!.FirstInvoice = parts[1] == "-" ? null : ParseDay(parts[1]);
                        figures.InvoiceCount = ParseInt(parts[2]);
                        figures.LargestInvoice = parts[3] == "-" ? null : ParseDecimal(parts[3]);
                        break;
                    case "p":
                        figures!.Promises = new PromiseCounts(ParseInt(parts[1]), ParseInt(parts[2]), ParseInt(parts[3]));
                        break;
                    case "b":
                        figures!.BureauReports.Add(new EngineBureauReport(
                            DateTime.Parse(parts[1], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                            ParseInt(parts[2]),
                            (BureauRating)ParseInt(parts[3]),
                            parts[4] == "-" ? null : ParseDecimal(parts[4]),
                            ParseInt(parts[5]),
                            ParseInt(parts[6]),
                            ParseInt(parts[7]),
                            ParseInt(parts[8])));
                        break;
                    case "o":
                        figures!.Open.Add(new OpenReceivableFigure(
                            Guid.ParseExact(parts[1], "N"), ParseDay(parts[2]), ParseDay(parts[3]), parts[4] == "1", ParseDecimal(parts[5]), ParseDecimal(parts[6])));
                        break;
                    default:
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

    private static PaymentWindowStats ParseWindow(string[] parts) => new()
    {
        InvoiceCount = ParseInt(parts[1]),
        IssuedCount = ParseInt(parts[2]),
        LateCount = ParseInt(parts[3]),
        LateBeyond15DaysCount = ParseInt(parts[4]),
        LateBeyond30DaysCount = ParseInt(parts[5]),
        Amount = ParseDecimal(parts[6]),
        LateAmount = ParseDecimal(parts[7]),
        AmountTimesDaysLate = ParseDecimal(parts[8]),
        DisputedCount = ParseInt(parts[9]),
        DisputedAmount = ParseDecimal(parts[10]),
        IssuedAmount = ParseDecimal(parts[11]),
        DaysVsDueSum = ParseInt(parts[12]),
        AmountTimesDaysVsDue = ParseDecimal(parts[13]),
        AmountTimesTermsDays = ParseDecimal(parts[14]),
        NotYetDueCount = ParseInt(parts[15]),
        NotYetDueAmount = ParseDecimal(parts[16]),
    };

    private static void Line(StringBuilder text, string kind, params string[] values)
    {
        text.Append(kind);
        foreach (var value in values)
        {
            text.Append('|').Append(value);
        }

        text.Append('\n');
    }

    private static string Day(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// A day as <see cref="Day"/> writes it (yyyy-MM-dd), read digit by digit: every payment parses every open receivable's
    /// two days, and DateTime.ParseExact's general format machinery was a tenth of the figures' cost. Anything else is a
    /// FormatException, as ParseExact's, so unreadable figures are still no figures.
    /// </summary>
    private static DateTime ParseDay(string text)
    {
        if (text.Length != 10 || text[4] != '-' || text[7] != '-')
        {
            throw new FormatException("Not a yyyy-MM-dd day: '" + text + "'.");
        }

        var year = Digits(text, 0, 4);
        var month = Digits(text, 5, 2);
        var day = Digits(text, 8, 2);
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            throw new FormatException("Not a yyyy-MM-dd day: '" + text + "'.");
        }

        return new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);
    }

    private static int Digits(string text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if (digit is < 0 or > 9)
            {
                throw new FormatException("Not a yyyy-MM-dd day: '" + text + "'.");
            }

            value = (value * 10) + digit;
        }

        return value;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Without trailing zeros, so the same figure is the same text whatever the scale it was summed at.</summary>
    private static string Number(decimal value) => value.ToString("G29", CultureInfo.InvariantCulture);

    private static int ParseInt(string text) => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static decimal ParseDecimal(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}

/// <summary>One open receivable (or, for a page's aggregate, a group of them: <see cref="Count"/>) as the history figures keep it.</summary>
public sealed record OpenReceivableFigure(Guid Id, DateTime Invoiced, DateTime Due, bool Disputed, decimal Amount, decimal OpenAmount)
{
    public int Count { get; init; } = 1;
}
