using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Reports;

/// <summary>Builds the <see cref="PaymentHistoryReport"/> from raw history, with no look-ahead past the report's day.</summary>
public static class PaymentHistoryReportBuilder
{
    private const int MinimumMonthsForTrend = 3;

    public static PaymentHistoryReport Build(PaymentHistoryInput input)
    {
        Require.NotNull(input, "The payment history input");
        if (input.Months < 1)
        {
            throw new CreditInputException("The payment report needs at least one month (got " + input.Months + ").");
        }

        var asOf = input.AsOf.Date;
        var lastMonth = new DateTime(asOf.Year, asOf.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var firstMonth = lastMonth.AddMonths(1 - input.Months);
        var invoices = input.Invoices.Where(i => i.InvoiceDate.Date <= asOf).ToList();
        var settled = invoices.Where(i => i.SettledDate is { } s && s.Date <= asOf).ToList();
        var payments = input.Payments.Where(p => p.PaymentDate.Date <= asOf).ToList();
        var scores = input.ScoreHistory.Where(s => s.On.Date <= asOf).OrderBy(s => s.On).ToList();

        var months = new List<PaymentHistoryMonth>(input.Months);
        for (var month = firstMonth; month <= lastMonth; month = month.AddMonths(1))
        {
            var next = month.AddMonths(1);
            var monthEnd = next < asOf.AddDays(1) ? next.AddDays(-1) : asOf;
            var issued = invoices.Where(i => InMonth(i.InvoiceDate, month, next)).ToList();
            var paid = settled.Where(i => InMonth(i.SettledDate!.Value, month, next)).ToList();
            var received = payments.Where(p => InMonth(p.PaymentDate, month, next)).ToList();
            var open = invoices.Where(i => i.InvoiceDate.Date <= monthEnd && (i.SettledDate is not { } s || s.Date > monthEnd)).Sum(i => i.Amount);
            var score = scores.LastOrDefault(s => s.On.Date <= monthEnd);
            var missed = paid.Select(i => EarlyPaymentDiscounts.Missed(i, input.DefaultDiscountPercent, input.DefaultDiscountDays)).Where(amount => amount > 0).ToList();
            months.Add(new PaymentHistoryMonth(
                month,
                issued.Count,
                issued.Sum(i => i.Amount),
                received.Count,
                received.Sum(p => p.Amount),
                paid.Count,
                Weighted(paid, i => (i.SettledDate!.Value.Date - i.InvoiceDate.Date).Days),
                Weighted(paid, i => (i.DueDate.Date - i.InvoiceDate.Date).Days),
                Weighted(paid, DaysBeyondTerms),
                paid.Count == 0 ? null : (double)paid.Count(i => i.SettledDate!.Value.Date <= i.DueDate.Date) / paid.Count,
                issued.Count(i => i.Disputed),
                open,
                score?.CreditLimit,
                score is { CreditLimit: > 0 } ? (double)(open / score.CreditLimit) : null,
                score?.Risk,
                score?.Value,
                paid.Sum(i => i.DiscountTaken),
                missed.Count,
                missed.Sum()));
        }

        var periodStart = firstMonth;
        var periodIssued = invoices.Where(i => i.InvoiceDate.Date >= periodStart).ToList();
        var periodSettled = settled.Where(i => i.SettledDate!.Value.Date >= periodStart).ToList();
        var stillOpen = invoices.Where(i => i.SettledDate is not { } s || s.Date > asOf).ToList();
        return new PaymentHistoryReport(
            input.CustomerName,
            input.Currency,
            asOf,
            months,
            periodIssued.Count,
            periodIssued.Sum(i => i.Amount),
            payments.Where(p => p.PaymentDate.Date >= periodStart).Sum(p => p.Amount),
            periodSettled.Count,
            periodSettled.Count == 0 ? null : (double)periodSettled.Count(i => i.SettledDate!.Value.Date <= i.DueDate.Date) / periodSettled.Count,
            Weighted(periodSettled, i => (i.SettledDate!.Value.Date - i.InvoiceDate.Date).Days),
            Weighted(periodSettled, DaysBeyondTerms),
            Trend(months),
            periodIssued.Count(i => i.Disputed),
            stillOpen.Sum(i => i.Amount),
            stillOpen.Where(i => i.DueDate.Date < asOf).Sum(i => i.Amount),
            months.Sum(m => m.DiscountsTaken),
            months.Sum(m => m.DiscountsMissed),
            months.Sum(m => m.DiscountsMissedAmount));
    }

    /// <summary>Days paid after the due date; paying early counts as zero (beyond terms is never negative).</summary>
    private static double DaysBeyondTerms(InvoiceRecord invoice) => Math.Max(0, (invoice.SettledDate!.Value.Date - invoice.DueDate.Date).Days);

    private static bool InMonth(DateTime date, DateTime month, DateTime next) => date.Date >= month && date.Date < next;

    /// <summary>Amount-weighted average (an unweighted one when every amount is zero); null without invoices.</summary>
    private static double? Weighted(IReadOnlyCollection<InvoiceRecord> items, Func<InvoiceRecord, double> days)
    {
        if (items.Count == 0)
        {
            return null;
        }

        var total = items.Sum(i => i.Amount);
        return total > 0 ? items.Sum(i => (double)i.Amount * days(i)) / (double)total : items.Average(days);
    }

    /// <summary>Least-squares slope of the monthly days beyond terms (days per month), over months with settlements.</summary>
    private static double? Trend(IReadOnlyList<PaymentHistoryMonth> months)
    {
        var points = new List<TrendPoint>();
        for (var index = 0; index < months.Count; index++)
        {
            if (months[index].AverageDaysBeyondTerms is { } days)
            {
                points.Add(new TrendPoint(index, days));
            }
        }

        if (points.Count < MinimumMonthsForTrend)
        {
            return null;
        }

        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var spread = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return spread == 0 ? null : points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / spread;
    }

    private sealed record TrendPoint(double X, double Y);
}
