namespace CreditOS.CreditEngine.Limits;

/// <summary>
/// When and by how much to recommend limit changes. Raise: at least <see cref="MinimumInvoicesForRaise"/> invoices in the
/// last 6 months, late share at most <see cref="MaximumLateShareForRaise"/>, nothing more than 15 days late, utilization at
/// least <see cref="MinimumUtilizationForRaise"/>. Lower: late beyond 15 days share at least
/// <see cref="LateBeyond15ShareForLower"/> or recent lateness above the customer's own baseline by
/// <see cref="DeteriorationForLower"/>. Steps are a share of the current limit, rounded to <see cref="RoundingStep"/>.
/// </summary>
public sealed record LimitAdjustmentRules
{
    public decimal RaiseStepShare { get; init; } = 0.20m;
    public decimal LowerStepShare { get; init; } = 0.25m;
    public int MinimumInvoicesForRaise { get; init; } = 6;
    public double MaximumLateShareForRaise { get; init; } = 0.05;
    public double MinimumUtilizationForRaise { get; init; } = 0.70;
    public double LateBeyond15ShareForLower { get; init; } = 0.25;
    public double DeteriorationForLower { get; init; } = 0.20;
    public decimal RoundingStep { get; init; } = 500m;

    /// <summary>Changes larger than this amount need Finance approval.</summary>
    public decimal FinanceApprovalAbove { get; init; } = 25_000m;
}
