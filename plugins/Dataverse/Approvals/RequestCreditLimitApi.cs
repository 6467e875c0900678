namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// The bound Custom API through which a sales rep asks Finance for a different limit on an account
/// (<see cref="SalesRepLimitRequest"/>). The process "creditOS: Route credit limit request" calls it, through the
/// workflow activity RouteCreditLimitRequest, when the rep saves a requested limit on the account's Credit tab.
/// </summary>
public static class RequestCreditLimitApi
{
    public const string UniqueName = "cos_RequestCreditLimit";

    /// <summary>Request parameters.</summary>
    public static class Request
    {
        /// <summary>The limit asked for (Money, required; above the account's current limit).</summary>
        public const string RequestedLimit = "RequestedLimit";

        /// <summary>Why the customer needs it (String, required).</summary>
        public const string Reason = "Reason";

        /// <summary>A temporary limit until this date instead of a permanent one (DateTime, optional).</summary>
        public const string TemporaryUntil = "TemporaryUntil";

        /// <summary>
        /// True: the figure is the group limit the account holds for its subsidiaries (cos_grouplimit), not its own limit
        /// (Boolean, optional). A group limit request always goes to Finance and is permanent.
        /// </summary>
        public const string GroupLimit = "GroupLimit";
    }

    /// <summary>Response properties.</summary>
    public static class Response
    {
        /// <summary>Whether the request went to Finance (false: within the increase that needs no approval, applied at once).</summary>
        public const string RequiresApproval = "RequiresApproval";

        /// <summary>The open approval request (a new one, or the account's open increase request); absent when applied at once.</summary>
        public const string ApprovalRequest = "ApprovalRequest";
    }
}
