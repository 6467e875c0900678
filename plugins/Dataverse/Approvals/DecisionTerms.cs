namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// What the approver adds to a decision: the comment, and on approval a temporary limit (with its expiry) or a review
/// date, or, on a limit request, a different limit than the one requested (<see cref="ApprovedLimit"/>, within the
/// request's policy cap).
/// </summary>
public sealed record DecisionTerms(string? Comment, decimal? TemporaryLimit = null, DateTime? TemporaryLimitExpiresOn = null, DateTime? LimitReviewOn = null, decimal? ApprovedLimit = null)
{
    public string? TrimmedComment => string.IsNullOrWhiteSpace(Comment) ? null : Comment!.Trim();
}
