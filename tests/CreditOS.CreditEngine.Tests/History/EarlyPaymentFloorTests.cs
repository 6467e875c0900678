using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Scoring;
using static CreditOS.CreditEngine.Tests.Builders.HistoryBuilder;

namespace CreditOS.CreditEngine.Tests.History;

/// <summary>
/// Session 34: how many days early one invoice counts grows with its terms (a third of them, 10 to 30 days). With a
/// flat 10-day floor a customer on net 90 who pays a month early read like one who pays ten days early, and the shipped
/// score ranked below the one-line average-days baseline on long-terms ledgers (engine/README "Session 34").
/// </summary>
public class EarlyPaymentFloorTests
{
    [Theory]
    [InlineData(14, -12, 10)]
    [InlineData(30, -25, 10)]
    [InlineData(45, -40, 15)]
    [InlineData(60, -40, 20)]
    [InlineData(90, -40, 30)]
    [InlineData(180, -60, 30)]
    [InlineData(90, -12, 12)]
    public void AnInvoicePaidEarly_CountsAtMostAThirdOfItsTermsEarly_BetweenTenAndThirtyDays(int netDays, int paidDaysVsDue, int countedEarly)
    {
        var summary = ACustomer().WithInvoice(250, 1_000m, daysLate: paidDaysVsDue, netDays: netDays).Summary();

        Assert.Equal(-countedEarly, summary.Last12Months.DaysVsDueSum);
        Assert.Equal(-countedEarly, PaymentWindowStats.ClipDaysVsDue(paidDaysVsDue, netDays));
    }

    [Fact]
    public void OnNet90_ACustomerWhoPaysAMonthEarly_OffsetsALateInvoiceMoreThanOneWhoPaysTenDaysEarly()
    {
        var config = DefaultCreditConfiguration.Create();
        var monthEarly = ACustomer()
            .WithInvoice(300, 1_000m, daysLate: -30, netDays: 90)
            .WithInvoice(250, 1_000m, daysLate: -30, netDays: 90)
            .WithInvoice(200, 1_000m, daysLate: 12, netDays: 90)
            .Summary();
        var tenDaysEarly = ACustomer()
            .WithInvoice(300, 1_000m, daysLate: -10, netDays: 90)
            .WithInvoice(250, 1_000m, daysLate: -10, netDays: 90)
            .WithInvoice(200, 1_000m, daysLate: 12, netDays: 90)
            .Summary();

        var early = CreditScorer.Score(monthEarly, config);
        var later = CreditScorer.Score(tenDaysEarly, config);

        Assert.True(early.Risk < later.Risk, "paid a month early: risk " + early.Risk + " vs ten days early: " + later.Risk);
    }

    [Fact]
    public void OnNet30_TheFloorStaysTenDays_PayingAMonthEarlyCountsAsTenDaysEarly()
    {
        var config = DefaultCreditConfiguration.Create();
        var monthEarly = ACustomer().WithInvoice(300, 1_000m, daysLate: -25).WithInvoice(200, 1_000m, daysLate: 12).Summary();
        var tenDaysEarly = ACustomer().WithInvoice(300, 1_000m, daysLate: -10).WithInvoice(200, 1_000m, daysLate: 12).Summary();

        Assert.Equal(CreditScorer.Score(tenDaysEarly, config).Risk, CreditScorer.Score(monthEarly, config).Risk);
    }
}
