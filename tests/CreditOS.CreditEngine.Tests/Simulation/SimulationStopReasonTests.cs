using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Decisions;
using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Simulation;
using CreditOS.CreditEngine.Tests.Builders;
using static CreditOS.CreditEngine.Tests.Builders.HistoryBuilder;

namespace CreditOS.CreditEngine.Tests.Simulation;

/// <summary>
/// The replay counts why orders were not approved at once, by the order decision's own reason codes, per segment and
/// tier (session 27). A small portfolio, one customer per segment, each stopped for a reason known from its history:
/// 10 orders in the 12 months replayed for each customer billed monthly (orders 70 to 340 days before the end).
/// </summary>
public class SimulationStopReasonTests
{
    private const decimal Monthly = 2_000m;
    private const int RoutineOrdersReplayed = 10;

    private static readonly IReadOnlyList<CustomerHistory> Portfolio =
    [
        Customer("GOOD", ACustomer().WithMonthlyInvoices(24, Monthly, 0)),

        // Pays every invoice on time but has left one of 500 unpaid for over a year: each order is overdue beyond grace,
        // and one order far above any limit is over the limit as well (two reasons on one order).
        Customer("OLD-DEBT", ACustomer().WithMonthlyInvoices(24, Monthly, 0).WithInvoice(500, 500m, null).WithOrder(BigOrder())),
        Customer("OVER-LIMIT", ACustomer().WithMonthlyInvoices(24, Monthly, 0).WithOrder(BigOrder())),

        // No invoice yet: starter terms, each order waits for its prepayment.
        Customer("NEW", ACustomer()
            .WithOrder(new OrderRecord("N1", AsOf.AddDays(-300), 1_000m, OrderStatus.Fulfilled, "Sales"))
            .WithOrder(new OrderRecord("N2", AsOf.AddDays(-200), 1_000m, OrderStatus.Fulfilled, "Sales"))
            .WithOrder(new OrderRecord("N3", AsOf.AddDays(-100), 1_000m, OrderStatus.Fulfilled, "Sales"))),

        // A judgment on a bureau report from before the replay suspends the account: every order refused.
        Customer("JUDGMENT", ACustomer().WithMonthlyInvoices(24, Monthly, 0).WithBureauReport(800, 70, BureauRating.B, judgments: 1)),
    ];

    private static readonly SimulationResult Replay = PortfolioSimulator.Run(Portfolio, AsOf, DefaultCreditConfiguration.Create(), "active");

    [Fact]
    public void EachSegment_CountsTheReasonsItsOrdersWereStoppedFor()
    {
        Assert.Equal(RoutineOrdersReplayed, Replay.BySegment["GOOD"].Approved);
        Assert.Empty(Replay.BySegment["GOOD"].StopReasons);

        var oldDebt = Replay.BySegment["OLD-DEBT"];
        Assert.Equal(RoutineOrdersReplayed + 1, oldDebt.Held);
        AssertReason(oldDebt, DecisionReasonCode.OverdueBeyondGrace, orders: RoutineOrdersReplayed + 1, alone: RoutineOrdersReplayed, thenPaidLate: 0);
        AssertReason(oldDebt, DecisionReasonCode.OverCreditLimit, orders: 1, alone: 0, thenPaidLate: 0);
        Assert.Equal(2, oldDebt.StopReasons.Count);

        var overLimit = Replay.BySegment["OVER-LIMIT"];
        Assert.Equal((RoutineOrdersReplayed, 1), (overLimit.Approved, overLimit.Held));
        AssertReason(overLimit, DecisionReasonCode.OverCreditLimit, orders: 1, alone: 1, thenPaidLate: 0);
        Assert.Single(overLimit.StopReasons);

        var newCustomer = Replay.BySegment["NEW"];
        Assert.Equal(3, newCustomer.AwaitingPrepayment);
        AssertReason(newCustomer, DecisionReasonCode.PrepaymentRequired, orders: 3, alone: 3, thenPaidLate: 0);
        Assert.Single(newCustomer.StopReasons);

        var judgment = Replay.BySegment["JUDGMENT"];
        Assert.Equal(RoutineOrdersReplayed, judgment.Refused);
        AssertReason(judgment, DecisionReasonCode.AccountSuspended, orders: RoutineOrdersReplayed, alone: RoutineOrdersReplayed, thenPaidLate: 0);
        Assert.Single(judgment.StopReasons);
    }

    [Fact]
    public void ThePortfolioAndTheTiers_CountTheSameReasons_AsTheSegmentsTogether()
    {
        AssertReason(Replay.Total, DecisionReasonCode.OverdueBeyondGrace, orders: 11, alone: 10, thenPaidLate: 0);
        AssertReason(Replay.Total, DecisionReasonCode.OverCreditLimit, orders: 2, alone: 1, thenPaidLate: 0);
        AssertReason(Replay.Total, DecisionReasonCode.PrepaymentRequired, orders: 3, alone: 3, thenPaidLate: 0);
        AssertReason(Replay.Total, DecisionReasonCode.AccountSuspended, orders: 10, alone: 10, thenPaidLate: 0);
        Assert.Equal(4, Replay.Total.StopReasons.Count);
        // Every order not approved has at least one reason; the one order stopped for two reasons counts under each.
        Assert.Equal(Replay.Total.Orders - Replay.Total.Approved + 1, Replay.Total.StopReasons.Values.Sum(r => r.Orders));
        foreach (var (code, count) in Replay.Total.StopReasons)
        {
            Assert.Equal(count.Orders, Replay.ByTier.Values.Sum(t => t.StopReasons.TryGetValue(code, out var n) ? n.Orders : 0));
            Assert.Equal(count.Alone, Replay.ByTier.Values.Sum(t => t.StopReasons.TryGetValue(code, out var n) ? n.Alone : 0));
        }
    }

    [Fact]
    public void AnOrderWhoseCustomerThenPaysLate_CountsAsBorneOut()
    {
        // An order far above the limit 98 days before the end; the customer's next invoice (97 days before, due 67 days
        // before) was paid 40 days after its due date.
        var late = Customer("LATE", ACustomer().WithMonthlyInvoices(24, Monthly, 0)
            .WithOrder(new OrderRecord("BIG-98", AsOf.AddDays(-98), 5_000_000m, OrderStatus.Fulfilled, "Sales"))
            .WithInvoice(97, Monthly, 40));

        var replay = PortfolioSimulator.Run([late], AsOf, DefaultCreditConfiguration.Create(), "active");

        AssertReason(replay.Total, DecisionReasonCode.OverCreditLimit, orders: 1, alone: 1, thenPaidLate: 1);
        Assert.Equal(5_000_000m, replay.Total.LatePaidExposureCaught);
    }

    private static OrderRecord BigOrder() => new("BIG", AsOf.AddDays(-45), 5_000_000m, OrderStatus.Fulfilled, "Sales");

    private static CustomerHistory Customer(string id, HistoryBuilder builder) => builder.InSegment(id, "Regular").Build() with { CustomerId = id };

    private static void AssertReason(SimulationTally tally, DecisionReasonCode code, int orders, int alone, int thenPaidLate)
    {
        Assert.True(tally.StopReasons.TryGetValue(code, out var count), code + " not counted; counted: " + string.Join(", ", tally.StopReasons.Keys));
        Assert.Equal((orders, alone, thenPaidLate), (count!.Orders, count.Alone, count.ThenPaidLate));
    }
}
