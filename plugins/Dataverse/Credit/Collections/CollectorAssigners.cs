using System.Globalization;
using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Collections;

/// <summary>
/// Who sets an account's collector by hand (controls round 6). A collector set by hand sticks: the assignment rules leave
/// the account alone, and its open receivables, action items and dunning follow that person. So it is the business of
/// whoever runs collections, a credit manager (the creditOS Finance Approver role, directly, through a team or the Finance
/// team) or the Credit Administrator, and of the credit flow (SYSTEM). A sales rep (Write on the accounts of his business
/// unit) or the integration worker (Write on every account) could otherwise name himself, or anyone who never works the
/// worklist, and take an overdue customer off the collectors' worklists for good; they are refused with the account's figures.
/// </summary>
public static class CollectorAssigners
{
    /// <summary>The pre-image the step registers: the account's name, collector and the figures the refusal states.</summary>
    public const string ImageColumns = Account.Fields.Name + "," + Account.Fields.CollectorId + "," + Account.Fields.OpenReceivables + "," + Account.Fields.OverdueAmount;

    /// <summary>The most calls <see cref="MayAssign"/> makes: the Credit Administrator role (2), then the Finance approver's (3).</summary>
    public const int MaximumCalls = 5;

    /// <summary>Whether the caller runs collections: the Credit Administrator role or a Finance approver (at most <see cref="MaximumCalls"/> calls).</summary>
    public static bool MayAssign(IOrganizationService service, Guid userId) =>
        WorkflowStepCallers.IsCreditAdministrator(service, userId) || ApproverDirectory.IsFinanceApprover(service, userId);

    /// <param name="mayAssign">Asked only when the collector would change.</param>
    public static void Check(Entity target, Entity? before, Func<bool> mayAssign)
    {
        if (!target.Contains(Account.Fields.CollectorId))
        {
            return;
        }

        var next = target.GetAttributeValue<EntityReference>(Account.Fields.CollectorId)?.Id;
        var was = before?.GetAttributeValue<EntityReference>(Account.Fields.CollectorId)?.Id;
        if (next == was || mayAssign())
        {
            return;
        }

        var name = before?.GetAttributeValue<string>(Account.Fields.Name) ?? target.GetAttributeValue<string>(Account.Fields.Name) ?? target.Id.ToString();
        throw new InvalidPluginExecutionException(string.Format(
            CultureInfo.InvariantCulture,
            "The collector of '{0}' (open receivables {1}, overdue {2}) cannot be changed by you (from {3} to {4}): a collector set by hand takes the account "
            + "out of the assignment rules, and its receivables, action items and dunning follow that person. Ask a credit manager (the '{5}' role) or the Credit Administrator to reassign it.",
            name,
            ApprovalText.Amount(before.MoneyOrZeroIfAny(Account.Fields.OpenReceivables)),
            ApprovalText.Amount(before.MoneyOrZeroIfAny(Account.Fields.OverdueAmount)),
            was is { } from ? "user " + from.ToString("D") : "nobody",
            next is { } to ? "user " + to.ToString("D") : "nobody",
            ApprovalConfiguration.FinanceApproverRoleName));
    }

    private static decimal MoneyOrZeroIfAny(this Entity? row, string column) => row?.MoneyOrZero(column) ?? 0m;
}
