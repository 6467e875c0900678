namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// The bound Custom API through which Finance decides a credit approval request: the approval form's and views'
/// Approve, Reject and Ask for more information commands call it, and it is the only way a request's decision is
/// recorded (see <see cref="CreditApprovalDecision"/>).
/// </summary>
public static class DecideCreditApprovalApi
{
    public const string UniqueName = "cos_DecideCreditApproval";

    /// <summary>Request parameters.</summary>
    public static class Request
    {
        /// <summary>Approve, Reject or AskForInformation (String).</summary>
        public const string Decision = "Decision";

        /// <summary>The approver's comment; for AskForInformation, the question to the sales rep (String, optional).</summary>
        public const string Comment = "Comment";

        /// <summary>Approve only: a temporary limit for the customer, with its expiry (Money, optional).</summary>
        public const string TemporaryLimit = "TemporaryLimit";

        /// <summary>Required with a temporary limit (DateTime, optional).</summary>
        public const string TemporaryLimitExpiresOn = "TemporaryLimitExpiresOn";

        /// <summary>Limit requests: when the limit Finance set (or kept) is reviewed (DateTime, optional).</summary>
        public const string LimitReviewOn = "LimitReviewOn";

        /// <summary>
        /// Approve a limit request only: the limit Finance grants instead of the one requested (Money, optional), at most
        /// the request's policy cap and with a comment saying why.
        /// </summary>
        public const string ApprovedLimit = "ApprovedLimit";
    }

    /// <summary>Response properties.</summary>
    public static class Response
    {
        /// <summary>Approved, Rejected or MoreInformationRequested.</summary>
        public const string Outcome = "Outcome";
    }
}
