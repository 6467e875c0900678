namespace CreditOS.Integration.Worker.Applications;

/// <summary>The credit application's Web API names the worker uses (the solution's cos_creditapplication).</summary>
public static class CreditApplicationSchema
{
    public const string EntitySet = "cos_creditapplications";
    public const string Id = "cos_creditapplicationid";
    public const string Name = "cos_name";
    public const string RegistrationNumber = "cos_registrationnumber";
    public const string VatNumber = "cos_vatnumber";
    public const string Country = "cos_country";
    public const string AccountValue = "_cos_accountid_value";
    public const string ApprovalRequestValue = "_cos_approvalrequestid_value";
    public const string NextBureauAttemptOn = "cos_nextbureauattempton";
    public const string StatusCode = "statuscode";

    /// <summary>The application's account, expanded for its name (controls round 17: the bureau's registered name is compared with it).</summary>
    public static readonly string AccountNavigation = Dataverse.DataverseSchema.Navigation("cos_creditapplication", "cos_accountid", "account");
    public const string AccountName = "name";

    /// <summary>statuscode Submitted and In assessment: waiting for the bureau until an approval request exists.</summary>
    public const int Submitted = 412_500_000;
    public const int InAssessment = 412_500_001;

    /// <summary>The bound Custom API the worker hands its bureau lookup to (AssessCreditApplicationPlugin).</summary>
    public const string AssessAction = "Microsoft.Dynamics.CRM.cos_AssessCreditApplication";
    public const string BureauReportId = "BureauReportId";
    public const string BureauCompanyId = "BureauCompanyId";
    public const string BureauProblem = "BureauProblem";
    public const string Detail = "Detail";
    public const string RetryAfterSeconds = "RetryAfterSeconds";
    public const string CompanyNotFound = "CompanyNotFound";
    public const string BureauUnavailable = "BureauUnavailable";
}
