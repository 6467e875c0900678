namespace CreditOS.Cli.Demo.Seeding;

/// <summary>Ids of the reference rows the demo seeded: currency, credit configuration, people, team and queues.</summary>
internal sealed record ReferenceData
{
    public required Guid CurrencyId { get; init; }
    public required string CurrencyCode { get; init; }
    public required IReadOnlyDictionary<string, Guid> PolicyIdsByCode { get; init; }
    public required IReadOnlyDictionary<string, Guid> TierIdsByCode { get; init; }
    public required Guid RuleSetId { get; init; }
    public required DemoPeople People { get; init; }
    public required Guid FinanceTeamId { get; init; }
    public required Guid FinanceQueueId { get; init; }
    public required Guid EscalationQueueId { get; init; }
}

/// <summary>The users the story acts as.</summary>
internal sealed record DemoPeople(Guid SalesRepId, string SalesRepName, Guid FinanceApproverId, string FinanceApproverName);
