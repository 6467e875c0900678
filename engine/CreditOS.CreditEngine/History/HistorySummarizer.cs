namespace CreditOS.CreditEngine.History;

/// <summary>
/// Reduces a raw history to a <see cref="HistorySummary"/> as of a date, using only what was known on that date:
/// records dated after it are ignored and settlements after it count as not yet made.
/// An empty history gives an empty summary (the customer is then on starter terms); invalid input raises
/// <see cref="CreditInputException"/>.
/// </summary>
public static class HistorySummarizer
{
    public static HistorySummary Summarize(CustomerHistory history, DateTime asOf)
    {
        HistoryValidator.Validate(history);
        var day = asOf.Date;
        var completions = SettlementTracker.Build(history.Invoices, history.Payments, day);

        var windows = new PaymentWindowSet(day);
        var aging = AgingBalance.Empty;
        var oldestOverdue = 0;
        var openDisputed = 0m;
        var revenue = new decimal[HistorySummary.RevenueMonths];
        DateTime? firstActivity = null;

        foreach (var invoice in history.Invoices)
        {
            if (invoice.InvoiceDate.Date > day)
            {
                continue;
            }

            firstActivity = Earliest(firstActivity, invoice.InvoiceDate.Date);
            var monthsBack = CalendarMonths.CompleteMonthsBack(invoice.InvoiceDate, day);
            if (monthsBack is >= 0 and < HistorySummary.RevenueMonths)
            {
                revenue[monthsBack] += invoice.Amount;
            }

            var state = completions.StateOf(invoice);
            var daysPastDue = (day - invoice.DueDate.Date).Days;
            if (state.OpenAmount > 0)
            {
                aging = aging.AddItem(state.OpenAmount, daysPastDue);
                if (daysPastDue > oldestOverdue)
                {
                    oldestOverdue = daysPastDue;
                }

                if (invoice.Disputed)
                {
                    openDisputed += state.OpenAmount;
                }
            }

            var daysVsDue = state.SettledOn is { } settled ? (settled - invoice.DueDate.Date).Days : daysPastDue;
            windows.Add(invoice.InvoiceDate, 1, invoice.Amount, daysVsDue, state.SettledOn is not null, invoice.Disputed, (invoice.DueDate.Date - invoice.InvoiceDate.Date).Days);
        }

        var completedOrders = 0;
        var openOrders = 0m;
        foreach (var order in history.Orders)
        {
            if (order.OrderDate.Date > day)
            {
                continue;
            }

            firstActivity = Earliest(firstActivity, order.OrderDate.Date);
            if (order.IsCompleted)
            {
                completedOrders++;
            }
            else if (order.Status == OrderStatus.Open)
            {
                openOrders += order.Amount;
            }
        }

        var reports = history.BureauReports.Where(r => r.ReportDate.Date <= day).OrderByDescending(r => r.ReportDate).Take(2).ToList();

        return new HistorySummary
        {
            CustomerId = history.CustomerId,
            Currency = history.Currency,
            AsOf = day,
            Segment = history.Segment,
            Last3Months = windows.Last3.ToStats(),
            Last6Months = windows.Last6.ToStats(),
            Last12Months = windows.Last12.ToStats(),
            Prior12Months = windows.Prior12.ToStats(),
            Earlier = windows.Earlier.ToStats(),
            Aging = aging,
            OldestOverdueDays = oldestOverdue,
            OpenDisputedAmount = openDisputed,
            Promises = CountPromises(history.Promises, day),
            MonthlyRevenue = revenue,
            CompletedOrderCount = completedOrders,
            FirstActivityDate = firstActivity,
            OpenOrdersNotInvoiced = openOrders,
            LatestBureauReport = reports.Count > 0 ? reports[0] : null,
            PreviousBureauReport = reports.Count > 1 ? reports[1] : null,
            Flags = history.Flags,
        };
    }

    private static DateTime Earliest(DateTime? current, DateTime candidate) =>
        current is { } existing && existing <= candidate ? existing : candidate;

    private static PromiseCounts CountPromises(IReadOnlyList<PromiseToPay> promises, DateTime day)
    {
        int kept = 0, broken = 0, open = 0;
        var windowStart = day.AddMonths(-12);
        foreach (var promise in promises)
        {
            if (promise.MadeOn.Date > day)
            {
                continue;
            }

            var resolved = promise.Status != PromiseStatus.Open && (promise.ResolvedOn ?? promise.PromisedDate).Date <= day;
            if (!resolved)
            {
                open++;
            }
            else if (promise.PromisedDate.Date > windowStart)
            {
                if (promise.Status == PromiseStatus.Kept)
                {
                    kept++;
                }
                else
                {
                    broken++;
                }
            }
        }

        return new PromiseCounts(kept, broken, open);
    }
}
