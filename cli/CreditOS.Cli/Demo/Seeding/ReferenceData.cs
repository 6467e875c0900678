namespace CreditOS.Cli.Demo.Seeding;

/// <summary>Ids of the reference rows the demo seeded: currency, credit configuration, people, team and queues.</summary>
internal sealed record ReferenceData
{
    public required Guid CurrencyId { get; init; }
    public required string CurrencyCode { get; init; }
    public required IReadOnlyDictionary<string, Guid> PolicyIdsByCode { get; init; }
    public required IReadOnlyDictionary<string, Guid> TierIdsByCode { get; init; }
    public required Guid RuleSetId { get; init; }
    public required FinanceSetup Finance { get; init; }
    public DemoPeople People => Finance.People;
}

/// <summary>The users the story acts as.</summary>
internal sealed record DemoPeople(Guid SalesRepId, string SalesRepName, Guid FinanceApproverId, string FinanceApproverName);
