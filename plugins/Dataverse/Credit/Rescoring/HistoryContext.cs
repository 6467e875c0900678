using CreditOS.CreditEngine;
using CreditOS.CreditEngine.History;

namespace CreditOS.Dataverse.Credit.Rescoring;

/// <summary>What the history summary takes from the account row rather than from aggregates.</summary>
public sealed class HistoryContext
{
    public required DateTime AsOf { get; init; }

    public required string Currency { get; init; }

    /// <summary>
    /// The account's <c>transactioncurrency</c> row: a receivable in another currency is counted through its base value at
    /// the account currency's rate (<see cref="Amounts"/>); null only where every row is in the account's currency.
    /// </summary>
    public Guid? CurrencyId { get; init; }

    /// <summary>The engine's conversion into the account's currency, at its currency's exchange rate (null: the rate was not read).</summary>
    public AccountCurrencyAmounts? Amounts { get; init; }

    public CustomerSegment Segment { get; init; } = CustomerSegment.Unassigned;

    public CustomerFlags Flags { get; init; } = CustomerFlags.None;
}
