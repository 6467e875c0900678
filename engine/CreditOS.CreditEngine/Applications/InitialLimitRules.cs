namespace CreditOS.CreditEngine.Applications;

/// <summary>
/// The bounds of an initial limit: the hard cap and terms of the policy a new customer is granted credit under, and
/// how much of its stated figures an initial limit may lend against (see <see cref="CreditApplicationAssessor"/>).
/// </summary>
public sealed record InitialLimitRules
{
    /// <summary>The policy's hard cap: no initial limit is recommended above it.</summary>
    public required decimal HardCap { get; init; }

    /// <summary>The policy's payment terms: no longer terms are recommended.</summary>
    public required int PolicyTermsDays { get; init; }

    /// <summary>Share of annual revenue an initial limit may reach (0.10: about five weeks of the applicant's sales).</summary>
    public decimal RevenueShare { get; init; } = 0.10m;

    /// <summary>Share of equity an initial limit may reach (0.25: a quarter of what the owners would stand to lose first).</summary>
    public decimal EquityShare { get; init; } = 0.25m;

    /// <summary>Below this creditworthiness (0–100) the assessment recommends declining.</summary>
    public decimal DeclineBelowScore { get; init; } = 40m;

    /// <summary>Below this creditworthiness terms are shortened to <see cref="ShortTermsDays"/>.</summary>
    public decimal FullTermsFromScore { get; init; } = 60m;

    public int ShortTermsDays { get; init; } = 15;

    /// <summary>Limits are rounded down to this step.</summary>
    public decimal RoundingStep { get; init; } = 100m;
}
