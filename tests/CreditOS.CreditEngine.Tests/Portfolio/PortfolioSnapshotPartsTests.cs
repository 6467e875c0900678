using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Portfolio;

namespace CreditOS.CreditEngine.Tests.Portfolio;

/// <summary>The parts of the daily KPI snapshot beyond the portfolio figures: segments, bands, the ledger, Finance's queue.</summary>
public class PortfolioSnapshotPartsTests
{
    private static readonly DateTime Today = new(2026, 3, 31, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void SegmentUtilization_IsEachSegmentsExposureOverItsLimit_AndBandsCountAccountsByUtilization()
    {
        PortfolioAccount Account(string id, string segment, decimal limit, decimal exposure) => new(id, segment, "EUR", limit, exposure, AgingBalance.Empty, 0m, false);

        var kpis = PortfolioKpiCalculator.Calculate(
            [Account("A", "Retail", 100m, 40m), Account("B", "Retail", 100m, 85m), Account("C", "Wholesale", 200m, 196m), Account("D", "Wholesale", 0m, 10m), Account("E", "Retail", 100m, 79.99m)],
            []);

        Assert.Equal(["Retail", "Wholesale"], kpis.SegmentUtilizations.Select(s => s.Segment));
        Assert.Equal(204.99m / 300m, (decimal)kpis.SegmentUtilizations[0].UtilizationRate, 6);
        Assert.Equal(0.98, kpis.SegmentUtilizations[1].UtilizationRate, 6);
        Assert.Equal(new UtilizationBands(1, 1, 1, 1), kpis.UtilizationBands);
    }

    [Fact]
    public void Ledger_AgesOpenAmountsByDueDate_AndCountsSalesInvoicedInThePeriodOnly()
    {
        var ledger = new PortfolioLedger(Today, dsoPeriodDays: 90);

        ledger.Add("A", Today.AddDays(5), Today.AddDays(-25), 1_000m, 1_000m);
        ledger.Add("A", Today.AddDays(-45), Today.AddDays(-75), 500m, 200m);
        ledger.Add("A", Today.AddDays(-200), Today.AddDays(-230), 900m, 0m);
        ledger.Add("A", Today.AddDays(30), Today, 300m, 300m);

        Assert.Equal(new AgingBalance(1_300m, 0, 200m, 0, 0), ledger.AgingOf("A"));
        Assert.Equal(1_500m, ledger.SalesOf("A"));
        Assert.Equal(AgingBalance.Empty, ledger.AgingOf("B"));
    }

    [Fact]
    public void ApprovalQueue_CountsWaitingByAge_AndAveragesTurnaroundOfRecentDecisions()
    {
        var now = Today.AddHours(12);
        ApprovalRecord[] requests =
        [
            new(now.AddHours(-2), null),
            new(now.AddDays(-2), null),
            new(now.AddDays(-5), null),
            new(now.AddDays(-3), now.AddDays(-3).AddHours(6)),
            new(now.AddDays(-2), now.AddDays(-2).AddHours(18)),
            new(now.AddDays(-90), now.AddDays(-80)),
        ];

        var queue = ApprovalQueueCalculator.Calculate(requests, now);

        Assert.Equal(new ApprovalQueueKpis(3, 1, 1, 1, 12.0, 2), queue);
    }
}
