using CreditOS.Dataverse.Model;

namespace CreditOS.Dataverse.Approvals;

/// <summary>Which approval statuses are still open and which are decisions.</summary>
public static class ApprovalStatuses
{
    public static bool IsOpen(int? status) =>
        status is (int)CreditApprovalStatus.Pending or (int)CreditApprovalStatus.Escalated;

    public static bool IsDecision(int? status) =>
        status is (int)CreditApprovalStatus.Approved or (int)CreditApprovalStatus.Rejected;
}
