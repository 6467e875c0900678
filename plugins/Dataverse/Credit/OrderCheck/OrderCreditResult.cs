using CreditOS.CreditEngine.Decisions;

namespace CreditOS.Dataverse.Credit.OrderCheck;

/// <summary>What the order check concluded: the decision (null when none was needed) and the customer's open orders afterwards.</summary>
public sealed class OrderCreditResult
{
    public OrderCreditResult(OrderDecision? decision, decimal openOrdersAfter, Guid? checkedInCurrency = null)
    {
        Decision = decision;
        OpenOrdersAfter = openOrdersAfter;
        CheckedInCurrency = checkedInCurrency;
    }

    /// <summary>Null when the change did not need a decision (cancelled, fulfilled, reduced or only resubmitted).</summary>
    public OrderDecision? Decision { get; }

    public decimal OpenOrdersAfter { get; }

    /// <summary>The currency the order was checked in: its customer's (controls round 13, <see cref="SalesOrderCredit.KeepCheckedCurrency"/>).</summary>
    public Guid? CheckedInCurrency { get; }
}
