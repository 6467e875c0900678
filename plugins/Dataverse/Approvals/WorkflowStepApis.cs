namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// The Custom APIs behind the custom workflow activities. In Dataverse every service a custom workflow activity creates
/// runs as the process's user (<c>IWorkflowContext.UserId</c>: the owner of a background process, the calling user or
/// the owner of a real-time one), never SYSTEM, so the credit flow's writes (identified by SYSTEM, see
/// CreditFlowIdentity) are made by these APIs' plug-ins through <c>CreateOrganizationService(null)</c>; the activities
/// only call them as the process's user and map their response properties to output arguments.
/// </summary>
public static class RouteOrderForCreditApprovalApi
{
    /// <summary>Bound to salesorder: routes the held order to Finance (<see cref="OrderApprovalRouter"/>).</summary>
    public const string UniqueName = "cos_RouteOrderForCreditApproval";

    /// <summary>Response properties.</summary>
    public static class Response
    {
        /// <summary>The order's open approval request (absent when the order is not held).</summary>
        public const string ApprovalRequest = "ApprovalRequest";

        /// <summary>Whether this call created the request.</summary>
        public const string Created = "Created";
    }
}

/// <summary>Bound to account: raises credit alerts for utilization and overdue crossings (<see cref="ThresholdAlertEvaluator"/>).</summary>
public static class EvaluateCreditThresholdsApi
{
    public const string UniqueName = "cos_EvaluateCreditThresholds";

    /// <summary>Response properties.</summary>
    public static class Response
    {
        /// <summary>How many alerts this evaluation raised (Integer).</summary>
        public const string AlertsRaised = "AlertsRaised";
    }
}

/// <summary>Unbound: escalates pending requests past their due time, all or the one given (<see cref="ApprovalEscalator"/>).</summary>
public static class EscalateOverdueCreditApprovalsApi
{
    public const string UniqueName = "cos_EscalateOverdueCreditApprovals";

    /// <summary>Request parameters.</summary>
    public static class Request
    {
        /// <summary>Only this approval request (EntityReference, optional).</summary>
        public const string ApprovalRequest = "ApprovalRequest";
    }

    /// <summary>Response properties.</summary>
    public static class Response
    {
        /// <summary>How many requests were escalated (Integer).</summary>
        public const string Escalated = "Escalated";
    }
}

/// <summary>
/// Bound to account: a credit administrator's limit request of a given type, initial limit or limit increase
/// (<see cref="CreditLimitRequestRouter"/>); the sales rep's own request is <see cref="RequestCreditLimitApi"/>.
/// </summary>
public static class RouteCreditLimitRequestApi
{
    public const string UniqueName = "cos_RouteCreditLimitRequest";

    /// <summary>Request parameters.</summary>
    public static class Request
    {
        /// <summary>cos_requesttype: initial limit or limit increase (Picklist).</summary>
        public const string RequestType = "RequestType";

        /// <summary>The limit asked for (Money).</summary>
        public const string RequestedLimit = "RequestedLimit";

        /// <summary>The verification or recommendation behind it (String).</summary>
        public const string Reason = "Reason";

        /// <summary>A temporary limit until this date (DateTime, optional).</summary>
        public const string TemporaryUntil = "TemporaryUntil";

        /// <summary>When the limit is to be reviewed (DateTime, optional).</summary>
        public const string ReviewOn = "ReviewOn";
    }

    /// <summary>Response properties: as <see cref="RequestCreditLimitApi.Response"/>.</summary>
    public static class Response
    {
        public const string RequiresApproval = "RequiresApproval";

        public const string ApprovalRequest = "ApprovalRequest";
    }
}
