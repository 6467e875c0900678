using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Exposure;

/// <summary>Builds an exposure snapshot from a raw history (tests, batch jobs, the local run); plugins use aggregates instead.</summary>
public static class ExposureSnapshotFactory
{
    /// <param name="notYetExposure">An invoice left out (the order being checked became it, <see cref="OrderRecord.InvoiceId"/>):
    /// the order's own amount is not exposure before the order.</param>
    public static ExposureSnapshot FromHistory(CustomerHistory history, DateTime asOf, int graceDays, string? notYetExposure = null)
    {
        HistoryValidator.Validate(history);
        var day = asOf.Date;
        var tracker = SettlementTracker.Build(history.Invoices, history.Payments, day);
        decimal open = 0, overdue = 0, beyondGrace = 0;
        var oldest = 0;
        foreach (var invoice in history.Invoices.Where(i => i.InvoiceDate.Date <= day && !string.Equals(i.Id, notYetExposure, StringComparison.Ordinal)))
        {
            var amount = tracker.StateOf(invoice).OpenAmount;
            if (amount <= 0)
            {
                continue;
            }

            open += amount;
            var daysPastDue = (day - invoice.DueDate.Date).Days;
            if (daysPastDue > 0)
            {
                overdue += amount;
                oldest = Math.Max(oldest, daysPastDue);
            }

            if (daysPastDue > graceDays)
            {
                beyondGrace += amount;
            }
        }

        var openOrders = history.Orders.Where(o => o.Status == OrderStatus.Open && o.OrderDate.Date <= day).Sum(o => o.Amount);
        return new ExposureSnapshot
        {
            Currency = history.Currency,
            OpenReceivables = open,
            OpenOrdersNotInvoiced = openOrders,
            OverdueAmount = overdue,
            OverdueBeyondGraceAmount = beyondGrace,
            OldestOverdueDays = oldest,
        };
    }
}
