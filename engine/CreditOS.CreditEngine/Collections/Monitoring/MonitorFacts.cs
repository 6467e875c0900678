namespace CreditOS.CreditEngine.Collections.Monitoring;

/// <summary>
/// What the monitor looks at for one account as of a day: its stored figures and the events the rest of creditOS
/// recorded (broken promises, the latest tier change, bureau deteriorations). A host fills only what the configured
/// conditions need; an empty list says "none".
/// </summary>
public sealed record MonitorFacts
{
    public required Guid AccountId { get; init; }
    public required string AccountName { get; init; }
    public required string Currency { get; init; }
    public decimal? RiskScore { get; init; }
    /// <summary>The limit in force today (a valid temporary limit counts).</summary>
    public decimal Limit { get; init; }
    public decimal Exposure { get; init; }
    public decimal Overdue { get; init; }
    public IReadOnlyList<OverdueInvoiceFact> OverdueInvoices { get; init; } = [];
    public IReadOnlyList<BrokenPromiseFact> BrokenPromises { get; init; } = [];
    public TierChangeFact? LatestTierChange { get; init; }
    public IReadOnlyList<BureauDeteriorationFact> BureauDeteriorations { get; init; } = [];
}

/// <summary>An open invoice past its due date.</summary>
public sealed record OverdueInvoiceFact(Guid Id, string Number, DateTime DueDate, decimal OpenAmount);

/// <summary>A broken promise to pay: what was promised, by when, and how much of it came.</summary>
public sealed record BrokenPromiseFact(Guid Id, string Name, decimal Amount, DateTime PromisedDate, decimal KeptAmount);

/// <summary>The latest rescoring's tier against the one before it (a higher rank is a worse tier).</summary>
public sealed record TierChangeFact(Guid HistoryId, string FromTier, int FromRank, string ToTier, int ToRank, DateTime ScoredOn)
{
    public bool IsDowngrade => ToRank > FromRank;
}

/// <summary>A deterioration the bureau monitoring recorded (cos_bureauchange with its deterioration flag).</summary>
public sealed record BureauDeteriorationFact(Guid Id, string Criterion, string? PreviousValue, string? NewValue, DateTime ChangedOn);

/// <summary>
/// An occurrence already recorded (the key on an action item). <paramref name="Ended"/>: an account-state occurrence
/// whose condition stopped holding; the next time it holds is a new occurrence.
/// </summary>
public sealed record MonitorOccurrence(string Key, bool Ended);
