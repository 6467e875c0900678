using CreditOS.Dataverse.Model;

namespace CreditOS.Dataverse.Approvals;

/// <summary>Which approval statuses are still open, which Finance may decide, and which are decisions.</summary>
public static class ApprovalStatuses
{
    /// <summary>Not final: Finance has not approved or rejected it and it was not cancelled.</summary>
    public static bool IsOpen(int? status) =>
        status is (int)CreditApprovalStatus.Pending or (int)CreditApprovalStatus.Escalated
            or (int)CreditApprovalStatus.MoreInformationRequested or (int)CreditApprovalStatus.InformationProvided;

    /// <summary>
    /// Waiting for Finance: pending, escalated (still Finance's, in the escalation queue) or answered by the rep.
    /// A request waiting for the rep's answer is not: Finance asked a question and decides on the answer.
    /// </summary>
    public static bool IsDecidable(int? status) =>
        status is (int)CreditApprovalStatus.Pending or (int)CreditApprovalStatus.Escalated or (int)CreditApprovalStatus.InformationProvided;

    public static bool IsDecision(int? status) =>
        status is (int)CreditApprovalStatus.Approved or (int)CreditApprovalStatus.Rejected;

    /// <summary>Every open status, for queries.</summary>
    public static readonly object[] OpenValues =
    [
        (int)CreditApprovalStatus.Pending, (int)CreditApprovalStatus.Escalated,
        (int)CreditApprovalStatus.MoreInformationRequested, (int)CreditApprovalStatus.InformationProvided,
    ];
}
