namespace CreditOS.CreditEngine.Applications;

/// <summary>How a trade reference (a supplier the applicant already buys from on credit) says the applicant pays.</summary>
public enum TradeReferenceRating
{
    /// <summary>Pays on time.</summary>
    Good = 1,

    /// <summary>Pays, but late.</summary>
    Slow = 2,

    /// <summary>Pays very late, or not at all.</summary>
    Poor = 3,
}

/// <summary>What the applicant's bank says about it.</summary>
public enum BankReferenceRating
{
    Strong = 1,
    Satisfactory = 2,
    Weak = 3,
}

/// <summary>
/// What a new customer states on its credit application (cos_creditapplication): the limit and terms it asks for and
/// its financial figures, with the references it gave. Figures it did not give are null: they are not measured, never
/// read as zero.
/// </summary>
public sealed record CreditApplicationFacts
{
    public required string Currency { get; init; }

    public decimal RequestedLimit { get; init; }

    /// <summary>Net days asked for (0 = prepayment).</summary>
    public int RequestedTermsDays { get; init; }

    public decimal? AnnualRevenue { get; init; }

    /// <summary>Shareholders' equity; may be negative.</summary>
    public decimal? Equity { get; init; }

    /// <summary>Current assets ÷ current liabilities.</summary>
    public decimal? CurrentRatio { get; init; }

    public int? YearsTrading { get; init; }

    public IReadOnlyList<TradeReferenceRating> TradeReferences { get; init; } = [];

    public BankReferenceRating? BankReference { get; init; }
}
