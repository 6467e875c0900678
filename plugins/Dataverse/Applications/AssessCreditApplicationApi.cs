namespace CreditOS.Dataverse.Applications;

/// <summary>
/// The bound Custom API through which the integration worker hands over the outcome of its bureau lookup for a
/// submitted credit application: the bureau report it stored (then the engine assesses the application and Finance
/// gets the initial-limit request), or why there is none (the company is unknown, or the bureau is unavailable and the
/// lookup is retried). See <see cref="ApplicationAssessment"/>.
/// </summary>
public static class AssessCreditApplicationApi
{
    public const string UniqueName = "cos_AssessCreditApplication";

    /// <summary>Request parameters.</summary>
    public static class Request
    {
        /// <summary>
        /// The id of the cos_bureaureport the worker stored for the application's account (Guid, optional; a Guid rather
        /// than an EntityReference so Web API callers send a plain string).
        /// </summary>
        public const string BureauReportId = "BureauReportId";

        /// <summary>The company's id at the bureau (String, optional).</summary>
        public const string BureauCompanyId = "BureauCompanyId";

        /// <summary>Without a report: <see cref="BureauProblems.CompanyNotFound"/> or <see cref="BureauProblems.BureauUnavailable"/> (String, optional).</summary>
        public const string BureauProblem = "BureauProblem";

        /// <summary>What the bureau said, for the status message (String, optional).</summary>
        public const string Detail = "Detail";

        /// <summary>With BureauUnavailable: when to try again, in seconds (the bureau's Retry-After; Integer, optional).</summary>
        public const string RetryAfterSeconds = "RetryAfterSeconds";
    }

    /// <summary>
    /// Response properties: the status only. The assessment is secured on the application (read by the rep's, Finance's and
    /// the credit administrator's profiles), not answered to the worker that calls this API (controls round 19).
    /// </summary>
    public static class Response
    {
        /// <summary>The application's status afterwards: InAssessment or MoreInformationNeeded.</summary>
        public const string Status = "Status";
    }

    /// <summary>Why the worker has no report.</summary>
    public static class BureauProblems
    {
        /// <summary>The bureau has no company with the application's registration number in its country.</summary>
        public const string CompanyNotFound = "CompanyNotFound";

        /// <summary>The bureau did not answer, failed (5xx) or throttled (429): the lookup is retried.</summary>
        public const string BureauUnavailable = "BureauUnavailable";
    }
}
