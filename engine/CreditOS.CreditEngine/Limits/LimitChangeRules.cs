namespace CreditOS.CreditEngine.Limits;

/// <summary>
/// When a limit a rescoring computes may replace the limit in force, per policy (cos_creditpolicy). A cut larger than
/// <see cref="MaximumCutShare"/> of the current limit, or one below what the customer owes, goes to Finance as a limit
/// review and the current limit holds until decided; with <see cref="StepDownGradually"/> the limit instead steps down
/// by at most that share per rescoring, and only a step below the exposure goes to Finance. An increase larger than
/// <see cref="IncreaseReviewAbove"/> (when set) also goes to Finance.
/// </summary>
public sealed record LimitChangeRules
{
    public const decimal DefaultMaximumCutShare = 0.25m;

    public static LimitChangeRules Default { get; } = new();

    public decimal MaximumCutShare { get; init; } = DefaultMaximumCutShare;

    public bool StepDownGradually { get; init; }

    /// <summary>Increases larger than this amount need Finance; null = increases apply at once.</summary>
    public decimal? IncreaseReviewAbove { get; init; }
}
