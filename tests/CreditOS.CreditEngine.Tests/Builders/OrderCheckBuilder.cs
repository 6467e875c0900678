using CreditOS.CreditEngine.Decisions;
using CreditOS.CreditEngine.Exposure;
using CreditOS.CreditEngine.Policies;

namespace CreditOS.CreditEngine.Tests.Builders;

/// <summary>Fluent builder for order checks: AnOrder(5_000).ForAccountWithLimit(50_000).WithOpenReceivables(...).</summary>
internal sealed class OrderCheckBuilder
{
    public static readonly DateTime Today = new(2026, 6, 30);

    private decimal orderAmount;
    private string orderCurrency = "USD";
    private string channel = "Sales";
    private decimal limit = 50_000m;
    private decimal? temporaryLimit;
    private DateTime? temporaryExpiry;
    private ExposureSnapshot exposure = new() { Currency = "USD" };
    private OrderPolicyTerms terms = new(GraceDays: 5, ApprovalRequirement.OverLimitOnly, BlockAboveUtilization: 1.25, RequiresPrepayment: false);
    private string? suspension;
    private bool manualHold;
    private TrustedChannelTolerance? tolerance;
    private readonly List<HoldMessage> holdMessages = [];
    private readonly List<CreditGroupPosition> groups = [];

    public static OrderCheckBuilder AnOrder(decimal amount) => new() { orderAmount = amount };

    public OrderCheckBuilder InCurrency(string currency)
    {
        orderCurrency = currency;
        return this;
    }

    public OrderCheckBuilder ForAccountWithLimit(decimal creditLimit)
    {
        limit = creditLimit;
        return this;
    }

    public OrderCheckBuilder WithTemporaryLimit(decimal amount, DateTime expiry)
    {
        temporaryLimit = amount;
        temporaryExpiry = expiry;
        return this;
    }

    public OrderCheckBuilder WithOpenReceivables(decimal open, decimal overdue = 0m, decimal overdueBeyondGrace = 0m, int oldestOverdueDays = 0)
    {
        exposure = exposure with { OpenReceivables = open, OverdueAmount = overdue, OverdueBeyondGraceAmount = overdueBeyondGrace, OldestOverdueDays = oldestOverdueDays };
        return this;
    }

    public OrderCheckBuilder WithOpenOrders(decimal amount)
    {
        exposure = exposure with { OpenOrdersNotInvoiced = amount };
        return this;
    }

    public OrderCheckBuilder WithTerms(OrderPolicyTerms policyTerms)
    {
        terms = policyTerms;
        return this;
    }

    public OrderCheckBuilder Suspended(string reason)
    {
        suspension = reason;
        return this;
    }

    public OrderCheckBuilder OnManualHold()
    {
        manualHold = true;
        return this;
    }

    public OrderCheckBuilder WithHoldMessage(string code, string text)
    {
        holdMessages.Add(new HoldMessage(code, text));
        return this;
    }

    public OrderCheckBuilder InGroup(string name, decimal groupLimit, decimal groupExposure, int membersInOtherCurrencies = 0)
    {
        groups.Add(new CreditGroupPosition(name, groupLimit, groupExposure, membersInOtherCurrencies));
        return this;
    }

    public OrderCheckBuilder ThroughTrustedChannel(TrustedChannelTolerance channelTolerance)
    {
        channel = channelTolerance.Channel;
        tolerance = channelTolerance;
        return this;
    }

    public OrderCheckInput Build() => new()
    {
        AsOf = Today,
        OrderAmount = orderAmount,
        OrderCurrency = orderCurrency,
        Channel = channel,
        ExposureBeforeOrder = exposure,
        Limit = new CreditLimitState(limit, temporaryLimit, temporaryExpiry),
        Terms = terms,
        SuspensionReason = suspension,
        ManualHold = manualHold,
        ChannelTolerance = tolerance,
        HoldMessages = holdMessages.ToList(),
        Groups = groups.ToArray(),
    };

    public OrderDecision Decide() => OrderDecisionEngine.Decide(Build());
}
