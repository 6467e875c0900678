namespace CreditOS.Dataverse.Approvals;

/// <summary>What the approver adds to a decision: the comment, and on approval a temporary limit (with its expiry) or a review date.</summary>
public sealed record DecisionTerms(string? Comment, decimal? TemporaryLimit = null, DateTime? TemporaryLimitExpiresOn = null, DateTime? LimitReviewOn = null)
{
    public string? TrimmedComment => string.IsNullOrWhiteSpace(Comment) ? null : Comment!.Trim();
}
