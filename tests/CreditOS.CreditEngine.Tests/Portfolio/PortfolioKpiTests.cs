using CreditOS.CreditEngine.Decisions;
using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Portfolio;

namespace CreditOS.CreditEngine.Tests.Portfolio;

public class PortfolioKpiTests
{
    private static readonly IReadOnlyList<PortfolioAccount> Accounts =
    [
        new("A", "Retail", "USD", 100_000m, 60_000m, new AgingBalance(40_000m, 10_000m, 0, 0, 0), 90_000m, false),
        new("B", "Retail", "USD", 50_000m, 45_000m, new AgingBalance(20_000m, 5_000m, 5_000m, 0, 5_000m), 60_000m, false),
        new("C", "Wholesale", "USD", 0m, 0m, AgingBalance.Empty, 0m, true),
        new("D", "Wholesale", "USD", 50_000m, 0m, AgingBalance.Empty, 0m, true),
    ];

    private static readonly IReadOnlyList<OrderCheckRecord> Checks =
    [
        new("Retail", DecisionOutcome.Approve), new("Retail", DecisionOutcome.Block), new("Retail", DecisionOutcome.RequireApproval), new("Retail", DecisionOutcome.Approve),
        new("Wholesale", DecisionOutcome.Suspended), new("Wholesale", DecisionOutcome.ApproveWithinGrace),
    ];

    [Fact]
    public void UtilizationRate_IsExposureOverLimitOfAccountsWithALimit()
    {
        var kpis = PortfolioKpiCalculator.Calculate(Accounts, Checks);

        Assert.Equal(0.525, kpis.UtilizationRate, 6);
        Assert.True(kpis.UtilizationWithinTarget);
    }

    [Fact]
    public void RejectionRate_CountsBlockedAndSuspendedPerSegment()
    {
        var kpis = PortfolioKpiCalculator.Calculate(Accounts, Checks);

        var retail = kpis.RejectionRates.Single(r => r.Segment == "Retail");
        var wholesale = kpis.RejectionRates.Single(r => r.Segment == "Wholesale");
        Assert.Equal(0.25, retail.RejectionRate);
        Assert.Equal(0.25, retail.HoldRate);
        Assert.Equal(0.5, wholesale.RejectionRate);
    }

    [Fact]
    public void Dso_IsOpenReceivablesOverPeriodSalesTimesDays()
    {
        var kpis = PortfolioKpiCalculator.Calculate(Accounts, Checks, dsoPeriodDays: 90);

        // 85,000 open over 150,000 sold in 90 days = 51 days.
        Assert.Equal(51, kpis.DaysSalesOutstanding!.Value, 6);
    }

    [Fact]
    public void AgingTotalsAndStarterShare_AreSummedOverThePortfolio()
    {
        var kpis = PortfolioKpiCalculator.Calculate(Accounts, Checks);

        Assert.Equal(new AgingBalance(60_000m, 15_000m, 5_000m, 0, 5_000m), kpis.AgingTotals);
        Assert.Equal(0.5, kpis.StarterTermsShare);
    }

    [Fact]
    public void MixedCurrencies_AreRejected()
    {
        IReadOnlyList<PortfolioAccount> mixed = [Accounts[0], Accounts[1] with { Currency = "EUR" }];

        Assert.Throws<CreditInputException>(() => PortfolioKpiCalculator.Calculate(mixed, []));
    }

    [Fact]
    public void EmptyPortfolio_HasNoDsoAndZeroRates()
    {
        var kpis = PortfolioKpiCalculator.Calculate([], []);

        Assert.Null(kpis.DaysSalesOutstanding);
        Assert.Equal(0, kpis.UtilizationRate);
        Assert.Empty(kpis.RejectionRates);
    }
}
