using CreditOS.CreditEngine.History;
using static CreditOS.CreditEngine.Tests.Builders.HistoryBuilder;

namespace CreditOS.CreditEngine.Tests.History;

public class HistorySummarizerTests
{
    [Fact]
    public void Summarize_EmptyHistory_IsEmptyWithNoWindowsAndNoBalance()
    {
        var summary = ACustomer().Summary();

        Assert.True(summary.IsEmpty);
        Assert.Equal(0, summary.Last12Months.InvoiceCount);
        Assert.Equal(0m, summary.Aging.Total);
        Assert.Equal(0, summary.MonthsOfHistory);
        Assert.Null(summary.Last6Months.LateShare);
    }

    [Fact]
    public void Summarize_CountsLateInvoicesByHowLate()
    {
        var summary = ACustomer()
            .WithInvoice(100, 1_000m, daysLate: 0)
            .WithInvoice(100, 1_000m, daysLate: 5)
            .WithInvoice(100, 1_000m, daysLate: 20)
            .WithInvoice(100, 1_000m, daysLate: 40)
            .Summary();

        var window = summary.Last6Months;
        Assert.Equal(4, window.InvoiceCount);
        Assert.Equal(3, window.LateCount);
        Assert.Equal(2, window.LateBeyond15DaysCount);
        Assert.Equal(1, window.LateBeyond30DaysCount);
        Assert.Equal(4_000m, window.Amount);
        Assert.Equal(3_000m, window.LateAmount);
        Assert.Equal(65_000m, window.AmountTimesDaysLate);
        Assert.Equal(16.25, window.AmountWeightedDaysLate);
    }

    [Fact]
    public void Summarize_SettlementAfterAsOf_IsTreatedAsStillOpen()
    {
        var asOf = AsOf;
        var invoice = new InvoiceRecord("INV-1", asOf.AddDays(-50), asOf.AddDays(-20), 500m, SettledDate: asOf.AddDays(10));

        var summary = HistorySummarizer.Summarize(ACustomer().WithInvoiceRecord(invoice).Build(), asOf);

        Assert.Equal(500m, summary.Aging.Days1To30);
        Assert.Equal(20, summary.OldestOverdueDays);
        Assert.Equal(1, summary.Last3Months.LateCount);
    }

    [Fact]
    public void Summarize_OpenInvoiceNotYetDue_IsLeftOutOfTheWindowsButCountsInAging()
    {
        var summary = ACustomer().WithInvoice(10, 700m, daysLate: null).Summary();

        Assert.Equal(0, summary.Last3Months.InvoiceCount);
        Assert.Equal(700m, summary.Aging.Current);
        Assert.Equal(0m, summary.Aging.Overdue);
    }

    [Fact]
    public void Summarize_PutsOpenBalancesInAgingBuckets()
    {
        var summary = ACustomer()
            .WithInvoice(35, 100m, null)
            .WithInvoice(60, 200m, null)
            .WithInvoice(85, 300m, null)
            .WithInvoice(115, 400m, null)
            .WithInvoice(200, 500m, null)
            .WithInvoice(10, 50m, null)
            .Summary();

        Assert.Equal(new AgingBalance(50m, 100m + 200m, 300m, 400m, 500m), summary.Aging);
        Assert.Equal(170, summary.OldestOverdueDays);
        Assert.Equal(900m, summary.Aging.Over60Days);
    }

    [Fact]
    public void Summarize_PartialPayments_ReduceOpenAmountAndTheCompletingPaymentSettles()
    {
        var invoice = new InvoiceRecord("INV-1", AsOf.AddDays(-90), AsOf.AddDays(-60), 1_000m);
        var history = ACustomer()
            .WithInvoiceRecord(invoice)
            .WithPayment(new PaymentRecord("P1", AsOf.AddDays(-70), 400m, [new PaymentAllocation("INV-1", 400m)]))
            .Build();

        var partly = HistorySummarizer.Summarize(history, AsOf);
        Assert.Equal(600m, partly.Aging.Days31To60 + partly.Aging.Days61To90);

        var settledHistory = history with { Payments = [.. history.Payments, new PaymentRecord("P2", AsOf.AddDays(-50), 600m, [new PaymentAllocation("INV-1", 600m)])] };
        var settled = HistorySummarizer.Summarize(settledHistory, AsOf);
        Assert.Equal(0m, settled.Aging.Total);
        Assert.Equal(1, settled.Last6Months.LateCount);
        Assert.Equal(10_000m, settled.Last6Months.AmountTimesDaysLate);
    }

    [Fact]
    public void Summarize_MonthlyRevenue_IsPerCompleteCalendarMonthBeforeTheEvaluationMonth()
    {
        var history = ACustomer()
            .WithInvoiceRecord(new InvoiceRecord("A", new DateTime(2026, 5, 3), new DateTime(2026, 6, 2), 100m, new DateTime(2026, 6, 1)))
            .WithInvoiceRecord(new InvoiceRecord("B", new DateTime(2026, 5, 28), new DateTime(2026, 6, 27), 50m, new DateTime(2026, 6, 20)))
            .WithInvoiceRecord(new InvoiceRecord("C", new DateTime(2025, 6, 15), new DateTime(2025, 7, 15), 70m, new DateTime(2025, 7, 1)))
            .WithInvoiceRecord(new InvoiceRecord("D", new DateTime(2026, 6, 10), new DateTime(2026, 7, 10), 999m))
            .Build();

        var summary = HistorySummarizer.Summarize(history, new DateTime(2026, 6, 30));

        Assert.Equal(150m, summary.RevenueForMonth(0));
        Assert.Equal(70m, summary.RevenueForMonth(11));
        Assert.Equal(220m, summary.Revenue12Months);
        Assert.Equal(0m, summary.RevenuePrior12Months);
    }

    [Fact]
    public void Summarize_RecordsDatedAfterAsOf_AreIgnored()
    {
        var history = ACustomer()
            .WithInvoiceRecord(new InvoiceRecord("FUTURE", AsOf.AddDays(5), AsOf.AddDays(35), 1_000m))
            .WithBureauReport(daysAgo: -3, 10, BureauRating.E, judgments: 2)
            .Build();

        var summary = HistorySummarizer.Summarize(history, AsOf);

        Assert.True(summary.IsEmpty);
        Assert.Null(summary.LatestBureauReport);
    }

    [Fact]
    public void Summarize_PromisesCountAsOpenUntilResolved()
    {
        var history = ACustomer()
            .WithPromise(new PromiseToPay("K", AsOf.AddDays(-60), AsOf.AddDays(-50), 100m, PromiseStatus.Kept, AsOf.AddDays(-50)))
            .WithPromise(new PromiseToPay("B1", AsOf.AddDays(-40), AsOf.AddDays(-30), 100m, PromiseStatus.Broken, AsOf.AddDays(-28)))
            .WithPromise(new PromiseToPay("B2", AsOf.AddDays(-10), AsOf.AddDays(-5), 100m, PromiseStatus.Broken, AsOf.AddDays(3)))
            .Build();

        var summary = HistorySummarizer.Summarize(history, AsOf);

        Assert.Equal(new PromiseCounts(Kept: 1, Broken: 1, Open: 1), summary.Promises);
    }
}
