using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Reports;

namespace CreditOS.CreditEngine.Tests.Reports;

public class PaymentHistoryReportTests
{
    private static readonly DateTime AsOf = new(2026, 6, 15, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Report_Covers24CalendarMonths_EndingInTheMonthOfItsDay()
    {
        var report = Build([]);

        Assert.Equal(24, report.Months.Count);
        Assert.Equal("2024-07", report.Months[0].Label);
        Assert.Equal("2026-06", report.Months[^1].Label);
    }

    [Fact]
    public void AMonthsPaymentBehaviour_IsMeasuredOnTheInvoicesSettledInIt_AmountWeighted()
    {
        var report = Build(
        [
            Invoice("A", issued: new(2026, 3, 1), termsDays: 30, amount: 1_000m, paid: new(2026, 4, 5)),   // 35 days to pay, 5 beyond terms
            Invoice("B", issued: new(2026, 3, 20), termsDays: 30, amount: 3_000m, paid: new(2026, 4, 10)), // 21 days, on time
        ]);

        var april = report.Months.Single(m => m.Label == "2026-04");
        Assert.Equal(2, april.InvoicesSettled);
        Assert.Equal((1_000 * 35 + 3_000 * 21) / 4_000.0, april.AverageDaysToPay!.Value, 6);
        Assert.Equal(1_000 * 5 / 4_000.0, april.AverageDaysBeyondTerms!.Value, 6);
        Assert.Equal(0.5, april.OnTimeShare);
        Assert.Equal(30, april.AverageTermsDays);
        Assert.Equal(4_000m, report.Months.Single(m => m.Label == "2026-03").AmountInvoiced);
    }

    [Fact]
    public void OpenBalance_Utilization_AndScores_AreAsTheyStoodAtEachMonthsEnd()
    {
        var report = Build(
            [Invoice("A", issued: new(2026, 1, 10), termsDays: 30, amount: 20_000m, paid: new(2026, 3, 2))],
            scores: [new ScoreHistoryPoint(new(2026, 1, 1), 70, 30, 50_000m), new ScoreHistoryPoint(new(2026, 2, 20), 65, 45, 40_000m)]);

        var january = report.Months.Single(m => m.Label == "2026-01");
        var february = report.Months.Single(m => m.Label == "2026-02");
        var march = report.Months.Single(m => m.Label == "2026-03");
        Assert.Equal(20_000m, january.OpenAtMonthEnd);
        Assert.Equal(0.4, january.Utilization!.Value, 6);
        Assert.Equal(30, january.RiskScore);
        Assert.Equal(0.5, february.Utilization!.Value, 6);
        Assert.Equal(45, february.RiskScore);
        Assert.Equal(0m, march.OpenAtMonthEnd);
        Assert.Null(report.Months[0].CreditLimit);
    }

    [Fact]
    public void PayingLaterEachMonth_ShowsAPositiveTrend_AndSteadyPayingShowsNone()
    {
        var later = Build(Enumerable.Range(0, 6).Select(i => Invoice("L" + i, issued: new DateTime(2025, 10, 1).AddMonths(i), termsDays: 30, amount: 1_000m, paid: new DateTime(2025, 10, 1).AddMonths(i).AddDays(30 + (2 * i)))).ToList());
        var steady = Build(Enumerable.Range(0, 6).Select(i => Invoice("S" + i, issued: new DateTime(2025, 10, 1).AddMonths(i), termsDays: 30, amount: 1_000m, paid: new DateTime(2025, 10, 1).AddMonths(i).AddDays(35))).ToList());

        Assert.True(later.DaysBeyondTermsTrendPerMonth > 1.5, "trend " + later.DaysBeyondTermsTrendPerMonth);
        Assert.StartsWith("paying", later.TrendText, StringComparison.Ordinal);
        Assert.Equal(0, steady.DaysBeyondTermsTrendPerMonth!.Value, 6);
        Assert.Equal("steady", steady.TrendText);
    }

    [Fact]
    public void NothingAfterTheReportsDay_IsCounted()
    {
        var report = Build(
        [
            Invoice("A", issued: new(2026, 6, 1), termsDays: 30, amount: 1_000m, paid: new(2026, 6, 30)),
            Invoice("B", issued: new(2026, 6, 20), termsDays: 30, amount: 5_000m, paid: null),
        ]);

        Assert.Equal(1, report.InvoicesIssued);
        Assert.Equal(0, report.InvoicesSettled);
        Assert.Equal(1_000m, report.OpenNow);
        Assert.Null(report.OnTimeShare);
    }

    [Fact]
    public void Disputes_AreCountedInTheMonthTheInvoiceWasIssued()
    {
        var report = Build([Invoice("A", issued: new(2026, 5, 3), termsDays: 30, amount: 1_000m, paid: null, disputed: true)]);

        Assert.Equal(1, report.Months.Single(m => m.Label == "2026-05").DisputedInvoices);
        Assert.Equal(1, report.DisputedInvoices);
        Assert.Equal(1_000m, report.OverdueNow);
    }

    private static PaymentHistoryReport Build(IReadOnlyList<InvoiceRecord> invoices, IReadOnlyList<ScoreHistoryPoint>? scores = null) =>
        PaymentHistoryReportBuilder.Build(new PaymentHistoryInput
        {
            CustomerName = "Contoso",
            Currency = "USD",
            AsOf = AsOf,
            Invoices = invoices,
            ScoreHistory = scores ?? [],
        });

    private static InvoiceRecord Invoice(string id, DateTime issued, int termsDays, decimal amount, DateTime? paid, bool disputed = false) =>
        new(id, issued, issued.AddDays(termsDays), amount, paid, disputed);
}
