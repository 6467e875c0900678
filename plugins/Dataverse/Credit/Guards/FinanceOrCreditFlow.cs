using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Framework;

namespace CreditOS.Dataverse.Credit.Guards;

/// <summary>
/// Who may change what only Finance decides on an account (its payment terms, group, segment, ERP number, bureau identity,
/// deactivation): the credit flow (SYSTEM) or a Finance approver. Asked lazily, so a guard with nothing at stake makes no call;
/// then at most SYSTEM's id (once per organization) and the caller's approver row.
/// </summary>
public static class FinanceOrCreditFlow
{
    public static Func<bool> Caller(LocalPluginContext context) =>
        () => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService)
            || ApproverDirectory.IsFinanceApprover(context.SystemService, context.UserId);
}
