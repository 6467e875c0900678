using CreditOS.CreditEngine.Decisions;

namespace CreditOS.Dataverse.Credit.OrderCheck;

/// <summary>What the order check concluded: the decision (null when none was needed) and the customer's open orders afterwards.</summary>
public sealed class OrderCreditResult
{
    public OrderCreditResult(OrderDecision? decision, decimal openOrdersAfter)
    {
        Decision = decision;
        OpenOrdersAfter = openOrdersAfter;
    }

    /// <summary>Null when the change did not need a decision (cancelled, fulfilled, reduced or only resubmitted).</summary>
    public OrderDecision? Decision { get; }

    public decimal OpenOrdersAfter { get; }
}
