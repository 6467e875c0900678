using CreditOS.Dataverse.Approvals;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Suspension;

/// <summary>Suspension decisions are Finance's: the caller must be a Finance approver, and must say why.</summary>
internal static class FinanceOnly
{
    public const int MaxReasonLength = 2000;

    public static string Ensure(IOrganizationService service, Guid callerId, string? reason, string what)
    {
        var why = reason?.Trim();
        if (string.IsNullOrEmpty(why))
        {
            throw new InvalidPluginExecutionException($"A reason is required to {what}; it is recorded with your name.");
        }

        if (why!.Length > MaxReasonLength)
        {
            throw new InvalidPluginExecutionException($"The reason has {why.Length} characters; at most {MaxReasonLength} are kept, so shorten it.");
        }

        if (!ApproverDirectory.IsFinanceApprover(service, callerId))
        {
            throw new InvalidPluginExecutionException(
                $"Only holders of the '{ApprovalConfiguration.FinanceApproverRoleName}' role or members of the Finance credit approvers team may {what}.");
        }

        return why;
    }
}
