namespace CreditOS.Dataverse.Applications;

/// <summary>
/// The bound Custom API that submits a credit application for assessment: the form's "Submit for credit assessment"
/// command, or a portal. See <see cref="CreditApplicationSubmission"/>.
/// </summary>
public static class SubmitCreditApplicationApi
{
    public const string UniqueName = "cos_SubmitCreditApplication";

    /// <summary>Response properties.</summary>
    public static class Response
    {
        /// <summary>The status after submitting (Submitted).</summary>
        public const string Status = "Status";
    }
}
