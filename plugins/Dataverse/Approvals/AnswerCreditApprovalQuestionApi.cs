namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// The bound Custom API through which the sales rep answers Finance's question on a credit approval request (the
/// request form's "Answer Finance" command); see <see cref="CreditApprovalQuestion"/>.
/// </summary>
public static class AnswerCreditApprovalQuestionApi
{
    public const string UniqueName = "cos_AnswerCreditApprovalQuestion";

    /// <summary>Request parameters.</summary>
    public static class Request
    {
        /// <summary>The answer (String).</summary>
        public const string Answer = "Answer";
    }
}
