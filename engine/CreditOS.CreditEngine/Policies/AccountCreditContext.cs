namespace CreditOS.CreditEngine.Policies;

/// <summary>
/// Decisions Finance took for one account. <see cref="FinanceApprovedLimit"/> replaces the computed limit: an initial
/// limit from third-party verification before the first order (which also lifts the prepayment requirement of starter
/// terms), or a limit above the bureau's recommended credit.
/// </summary>
public sealed record AccountCreditContext(decimal? FinanceApprovedLimit = null)
{
    public static AccountCreditContext None { get; } = new();

    /// <summary>The bureau facts Finance accepted when it last lifted the account's suspension (null: never lifted).</summary>
    public SuspensionWaiver? SuspensionWaiver { get; init; }

    /// <summary>
    /// The Finance decision in force on <paramref name="asOf"/>: an approved limit holds until its review date
    /// (exclusive); after it the engine's own limit applies again, so a review that never happens cannot keep a stale
    /// limit (or a lifted prepayment) alive. Every host reads the stored approval through this one rule.
    /// </summary>
    public static AccountCreditContext InForce(decimal? approvedLimit, DateTime? reviewOn, DateTime asOf) =>
        approvedLimit is not null && (reviewOn is null || asOf < reviewOn.Value)
            ? new AccountCreditContext(approvedLimit)
            : None;

    /// <summary>
    /// Whether orders must be paid in advance: the policy asks for prepayment and Finance has not set a limit. The one
    /// home of this rule: the assessment and the order check (from the policy row and the account's approved limit) both ask it.
    /// </summary>
    public bool RequiresPrepayment(bool policyRequiresPrepayment) => policyRequiresPrepayment && FinanceApprovedLimit is null;
}
