using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Samples;
using CreditOS.CreditEngine.Simulation;

namespace CreditOS.CreditEngine.Tests.Simulation;

public class PortfolioSimulatorTests
{
    private static readonly SamplePortfolioOptions Options = new() { Customers = 30, Seed = 7 };
    private static readonly IReadOnlyList<CreditOS.CreditEngine.History.CustomerHistory> Portfolio = SamplePortfolioGenerator.Generate(Options);
    private static readonly DateTime AsOf = Options.HistoryEnd.AddDays(1);

    [Fact]
    public void Replay_DecidesEveryOrderOfTheLast12Months_AndTalliesAddUp()
    {
        var result = PortfolioSimulator.Run(Portfolio, AsOf, DefaultCreditConfiguration.Create(), "active");

        var expected = Portfolio.Sum(c => c.Orders.Count(o => o.OrderDate.Date >= AsOf.AddMonths(-12) && o.OrderDate.Date < AsOf));
        Assert.Equal(expected, result.Total.Orders);
        Assert.Equal(expected, result.BySegment.Values.Sum(t => t.Orders));
        Assert.Equal(expected, result.ByTier.Values.Sum(t => t.Orders));
        Assert.Equal(12, result.Utilization.Count);
        Assert.Equal(Portfolio.Count, result.FinalTiers.Count);
        Assert.Equal((double)result.Total.Held / result.Days, result.FinanceApprovalsPerDay, 9);
        Assert.True(result.PeakUtilization >= result.AverageUtilization);
    }

    [Fact]
    public void SameConfiguration_GivesTheSameReplay_AndNoTierChanges()
    {
        var active = PortfolioSimulator.Run(Portfolio, AsOf, DefaultCreditConfiguration.Create(), "active");
        var again = PortfolioSimulator.Run(Portfolio, AsOf, DefaultCreditConfiguration.Create(), "again");

        Assert.Equal(active.Total.Approved, again.Total.Approved);
        Assert.Equal(active.Total.LatePaidExposureCaught, again.Total.LatePaidExposureCaught);
        Assert.Empty(PortfolioSimulator.Compare(Portfolio, active, again));
    }

    [Fact]
    public void MoreHeadroomEverywhere_ApprovesAtLeastAsManyOrders_AndLowersUtilization()
    {
        var active = DefaultCreditConfiguration.Create();
        var generous = active with { Policies = [.. active.Policies.Select(p => p with { LimitHeadroom = p.LimitHeadroom * 2, HardCap = p.HardCap * 2 })] };

        var before = PortfolioSimulator.Run(Portfolio, AsOf, active, "active");
        var after = PortfolioSimulator.Run(Portfolio, AsOf, generous, "generous");

        Assert.True(after.Total.Approved >= before.Total.Approved, after.Total.Approved + " < " + before.Total.Approved);
        Assert.True(after.AverageUtilization <= before.AverageUtilization);
        Assert.True(after.Total.Held <= before.Total.Held);
    }

    [Fact]
    public void StricterStarterTerms_MoveCustomersToStarter_AndTheComparisonNamesThem()
    {
        var active = DefaultCreditConfiguration.Create();
        var strict = active with { StarterTerms = active.StarterTerms with { MinimumCompletedOrders = 1_000 } };

        var changes = PortfolioSimulator.Compare(
            Portfolio, PortfolioSimulator.Run(Portfolio, AsOf, active, "active"), PortfolioSimulator.Run(Portfolio, AsOf, strict, "strict"));

        Assert.NotEmpty(changes);
        Assert.All(changes, c => Assert.Equal(DefaultCreditConfiguration.Starter, c.CandidateTier));
    }

    /// <summary>
    /// A CSV export without orders stands each invoice for its order, placed on the invoice date: the invoice is the
    /// order's own amount. Counted as exposure before the order as well, every order asked for twice its amount
    /// (session 26: the shipped sample's replay held 537 orders; see engine/README.md).
    /// </summary>
    [Fact]
    public void InvoicesStandingForTheirOrders_AreNotCountedTwice_SoMoreOrdersPassAndEachOneOnlyOnce()
    {
        var asInvoices = Portfolio.Select(c => c with
        {
            Orders = c.Invoices.Select(i => new CreditOS.CreditEngine.History.OrderRecord("ORD-" + i.Id, i.InvoiceDate, i.Amount, CreditOS.CreditEngine.History.OrderStatus.Fulfilled, "Sales", InvoiceId: i.Id)).ToList(),
        }).ToList();
        var unnamed = asInvoices.Select(c => c with { Orders = c.Orders.Select(o => o with { InvoiceId = null }).ToList() }).ToList();

        var named = PortfolioSimulator.Run(asInvoices, AsOf, DefaultCreditConfiguration.Create(), "named");
        var twice = PortfolioSimulator.Run(unnamed, AsOf, DefaultCreditConfiguration.Create(), "counted twice");

        Assert.Equal(twice.Total.Orders, named.Total.Orders);
        Assert.True(named.Total.Held < twice.Total.Held, named.Total.Held + " held, counting each order twice " + twice.Total.Held);
        Assert.True(named.Total.Approved > twice.Total.Approved);
    }

    [Fact]
    public void Utilization_PerSegmentAndTier_AddsUpToThePortfolios_MonthByMonth()
    {
        var result = PortfolioSimulator.Run(Portfolio, AsOf, DefaultCreditConfiguration.Create(), "active");

        for (var month = 0; month < PortfolioSimulator.Months; month++)
        {
            Assert.Equal(result.Utilization[month].Exposure, result.BySegment.Values.Sum(t => t.MonthExposure[month]));
            Assert.Equal(result.Utilization[month].Limit, result.BySegment.Values.Sum(t => t.MonthLimit[month]));
            Assert.Equal(result.Utilization[month].Exposure, result.ByTier.Values.Sum(t => t.MonthExposure[month]));
            Assert.Equal(result.Utilization[month].Limit, result.ByTier.Values.Sum(t => t.MonthLimit[month]));
        }

        Assert.All(result.ByTier.Values.Where(t => t.AverageUtilization is not null), t => Assert.True(t.PeakUtilization >= t.AverageUtilization));
        Assert.Equal(result.Total.Held, result.ByTier.Values.Sum(t => t.Held));
        Assert.Equal(result.FinanceApprovalsPerDay, result.ByTier.Values.Sum(t => t.HeldPerDay(result.Days)), 9);
    }
}
