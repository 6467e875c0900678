namespace CreditOS.Dataverse.Credit.OrderCheck;

/// <summary>
/// An order as the credit check sees it after the operation: its customer, amount, currency, channel and whether it is
/// still open, plus what it already counts in that customer's open orders (0 for a new order or a new customer).
/// </summary>
public sealed record OrderCreditRequest
{
    public required Guid OrderId { get; init; }

    /// <summary>The customer lookup's table; credit is kept on accounts only.</summary>
    public string? CustomerTable { get; init; }

    public Guid? CustomerId { get; init; }

    /// <summary>Order total; null when the order has none yet (counts as zero).</summary>
    public decimal? Amount { get; init; }

    public Guid? CurrencyId { get; init; }

    /// <summary>The order channel's code (e.g. EDI) whose tolerance the order is decided with; empty when none.</summary>
    public string Channel { get; init; } = string.Empty;

    /// <summary>
    /// For an existing channel order, whether a person (not the channel) changed it last (<c>cos_changedbyperson</c> after the
    /// save, controls round 29); null when there is nothing to record (a new order, or one entered by a sales rep).
    /// </summary>
    public bool? ChangedByPerson { get; init; }

    /// <summary>Active or submitted: the order still draws on credit.</summary>
    public required bool IsOpen { get; init; }

    /// <summary>The amount this order already counts in the customer's open orders.</summary>
    public decimal AlreadyCounted { get; init; }

    /// <summary>Whether the order was counted for this customer before the operation (false on create, customer change or reopening).</summary>
    public bool WasCounted { get; init; }

    public required DateTime AsOf { get; init; }

    /// <summary>
    /// A change that does not raise the order's claim on credit keeps its earlier decision (a Finance release stays
    /// released when the order is submitted or reduced); a new claim is decided again.
    /// </summary>
    public bool NeedsDecision => IsOpen && (!WasCounted || (Amount ?? 0m) > AlreadyCounted);
}
