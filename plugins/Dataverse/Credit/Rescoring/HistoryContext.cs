using CreditOS.CreditEngine.History;

namespace CreditOS.Dataverse.Credit.Rescoring;

/// <summary>What the history summary takes from the account row rather than from aggregates.</summary>
public sealed class HistoryContext
{
    public required DateTime AsOf { get; init; }

    public required string Currency { get; init; }

    public CustomerSegment Segment { get; init; } = CustomerSegment.Unassigned;

    public CustomerFlags Flags { get; init; } = CustomerFlags.None;
}
