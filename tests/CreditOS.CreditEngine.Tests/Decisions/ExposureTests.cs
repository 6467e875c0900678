using CreditOS.CreditEngine.Exposure;
using CreditOS.CreditEngine.History;
using static CreditOS.CreditEngine.Tests.Builders.HistoryBuilder;

namespace CreditOS.CreditEngine.Tests.Decisions;

public class ExposureTests
{
    [Fact]
    public void Exposure_AddsEveryCategoryLessUnappliedCredits_NeverBelowZero()
    {
        var snapshot = new ExposureSnapshot { Currency = "USD", OpenReceivables = 10m, OpenOrdersNotInvoiced = 5m, ShippedNotInvoiced = 3m, SpecialExposure = 2m, UnappliedCredits = 4m };

        Assert.Equal(16m, snapshot.Total);
        Assert.Equal(0m, (snapshot with { UnappliedCredits = 100m }).Total);
    }

    [Fact]
    public void Figures_GiveAvailableCreditAndUtilization()
    {
        var figures = ExposureFigures.Of(new ExposureSnapshot { Currency = "USD", OpenReceivables = 40_000m }, new CreditLimitState(50_000m), AsOf, additionalOrder: 5_000m);

        Assert.Equal(45_000m, figures.Exposure);
        Assert.Equal(5_000m, figures.Available);
        Assert.Equal(0.9, figures.Utilization, 6);
    }

    [Fact]
    public void RollingAverage_CarriesTheLastObservationForward()
    {
        var asOf = new DateTime(2026, 6, 10);
        ExposurePoint[] points = [new(new DateTime(2026, 6, 1), 100m), new(new DateTime(2026, 6, 6), 200m), new(new DateTime(2026, 6, 20), 999m)];

        // Window June 1-10: five days at 100, five at 200.
        Assert.Equal(150m, RollingExposure.Average(points, asOf, 10));
    }

    [Fact]
    public void SnapshotFromHistory_SplitsOverdueWithinAndBeyondGrace()
    {
        var history = ACustomer()
            .WithInvoice(10, 1_000m, null)
            .WithInvoice(33, 2_000m, null)
            .WithInvoice(60, 4_000m, null)
            .WithInvoice(60, 500m, daysLate: 0)
            .WithOrder(new OrderRecord("SO-OPEN", AsOf.AddDays(-1), 700m, OrderStatus.Open, "Sales"))
            .Build();

        var snapshot = ExposureSnapshotFactory.FromHistory(history, AsOf, graceDays: 5);

        Assert.Equal(7_000m, snapshot.OpenReceivables);
        Assert.Equal(6_000m, snapshot.OverdueAmount);
        Assert.Equal(4_000m, snapshot.OverdueBeyondGraceAmount);
        Assert.Equal(30, snapshot.OldestOverdueDays);
        Assert.Equal(7_700m, snapshot.Total);
    }

    [Fact]
    public void SnapshotFromHistory_LeavesOutTheInvoiceTheCheckedOrderBecame_AndCountsTheRest()
    {
        var history = ACustomer()
            .WithInvoice(0, 3_000m, null)
            .WithInvoice(10, 1_000m, null)
            .Build();
        var today = history.Invoices[0];

        var withIt = ExposureSnapshotFactory.FromHistory(history, AsOf, graceDays: 5);
        var before = ExposureSnapshotFactory.FromHistory(history, AsOf, graceDays: 5, notYetExposure: today.Id);

        Assert.Equal(4_000m, withIt.OpenReceivables);
        Assert.Equal(1_000m, before.OpenReceivables);
    }
}
