namespace CreditOS.LocalBureau;

/// <summary>One company the local bureau knows, with the criteria its credit report carries (mutable: scripts change them).</summary>
public sealed class LocalCompany
{
    public required string ConnectId { get; init; }

    public required string Name { get; init; }

    public required string Country { get; init; }

    public required string RegistrationNumber { get; init; }

    public string? VatNumber { get; init; }

    public string Address { get; init; } = string.Empty;

    public string Status { get; set; } = "Active";

    public string Rating { get; set; } = "B";

    public int Score { get; set; } = 60;

    public decimal RecommendedCredit { get; set; } = 50_000m;

    public string Currency { get; init; } = "EUR";

    public int? DaysBeyondTerms { get; set; }

    public List<LocalJudgment> Judgments { get; } = [];

    public List<LocalPrivilege> Privileges { get; } = [];
}

public sealed record LocalJudgment(DateOnly Date, decimal Amount, string Court);

public sealed record LocalPrivilege(DateOnly Date, decimal Amount, string Type);

/// <summary>A raised notification event (what <c>notificationEvents</c> returns).</summary>
public sealed record LocalEvent(long EventId, long PortfolioId, string ConnectId, string CompanyName, string Country, DateTimeOffset EventDate, string RuleCode, string RuleName, string? OldValue, string? NewValue);

public sealed class LocalPortfolio
{
    public required long PortfolioId { get; init; }

    public required string Name { get; init; }

    public bool IsDefault { get; init; }

    /// <summary>Connect id → (personal reference, date added), in insertion order.</summary>
    public List<(string ConnectId, string? PersonalReference, DateTimeOffset DateAdded)> Companies { get; } = [];
}
