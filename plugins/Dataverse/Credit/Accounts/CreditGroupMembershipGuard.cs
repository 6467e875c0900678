using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Accounts;

/// <summary>
/// Who belongs to a credit group is a credit decision: a subsidiary taken out of its group (its parent changed or
/// cleared) no longer has its orders checked against the group's limit. Changing an account's parent when the parent it
/// leaves or the one it joins, or any account above either, heads a credit group (has a group limit) is left to Finance (a Finance approver, directly
/// or through the Finance team) and the credit flow; anyone else, a sales rep who may otherwise edit the account
/// included, is refused with the group and its limit. Other parent changes are the account's ordinary data.
/// Deactivating an account (SetState is an Update of statecode) takes its exposure out of its group's (the group's
/// exposure sums active members only), so deactivating a group parent or a member of a group is Finance's as well.
/// </summary>
public static class CreditGroupMembershipGuard
{
    /// <summary>The pre-image the update step registers.</summary>
    public const string ImageColumns = Account.Fields.Name + "," + Account.Fields.ParentAccountId + ","
        + Account.Fields.StateCode + "," + Account.Fields.GroupLimit + "," + Account.Fields.Exposure;

    /// <summary>The columns the update step filters on.</summary>
    public const string FilteringColumns = Account.Fields.ParentAccountId + "," + Account.Fields.StateCode;

    /// <param name="isAllowed">SYSTEM or a Finance approver (asked only when a credit group is concerned).</param>
    /// <returns>The organization-service calls made (0 when the parent does not change, 1 more to read the parents).</returns>
    public static int Check(IOrganizationService system, Entity target, Entity? before, Func<bool> isAllowed)
    {
        var calls = CheckDeactivation(system, target, before, isAllowed);
        if (!target.Contains(Account.Fields.ParentAccountId))
        {
            return calls;
        }

        var next = target.GetAttributeValue<EntityReference>(Account.Fields.ParentAccountId)?.Id;
        var previous = before?.GetAttributeValue<EntityReference>(Account.Fields.ParentAccountId)?.Id;
        if (next == previous || previous is null)
        {
            // Joining a group only adds the group's limit to the account's own; leaving one is what takes a limit away.
            return 0;
        }

        // Groups span the whole hierarchy: the account is in every group held up the parent's line, not only the parent's,
        // so both lines are read (the hierarchical eq-or-above operator), in one query.
        var query = new QueryExpression(Account.EntityLogicalName) { ColumnSet = new ColumnSet(Account.Fields.Name, Account.Fields.GroupLimit) };
        var lines = query.Criteria.AddFilter(LogicalOperator.Or);
        foreach (var parent in new[] { previous, next }.Where(id => id is not null))
        {
            lines.AddCondition(Account.Fields.AccountId, ConditionOperator.AboveOrEqual, parent!.Value);
        }

        query.Criteria.AddCondition(Account.Fields.GroupLimit, ConditionOperator.GreaterThan, 0m);
        var groups = system.RetrieveMultiple(query).Entities;
        if (groups.Count == 0 || isAllowed())
        {
            return calls + 1;
        }

        var name = before?.GetAttributeValue<string>(Account.Fields.Name) ?? target.Id.ToString();
        var described = string.Join(", ", groups.Select(g => $"'{g.GetAttributeValue<string>(Account.Fields.Name)}' (group limit {ApprovalText.Amount(g.GetAttributeValue<Money>(Account.Fields.GroupLimit)?.Value ?? 0m)})"));
        throw new InvalidPluginExecutionException(
            $"The parent of account '{name}' cannot be changed by you: it would move the account out of or between credit groups ({described}), and its orders are checked against the group's limit. "
            + $"Ask a holder of the '{ApprovalConfiguration.FinanceApproverRoleName}' role to change it.");
    }

    /// <summary>
    /// An active account deactivated while it heads a credit group (has a group limit) or belongs to one (its parent, or
    /// any account above it, has a group limit): its exposure would leave the group's, so only Finance or the credit flow may.
    /// </summary>
    private static int CheckDeactivation(IOrganizationService system, Entity target, Entity? before, Func<bool> isAllowed)
    {
        var next = target.GetAttributeValue<OptionSetValue>(Account.Fields.StateCode)?.Value;
        var previous = before?.GetAttributeValue<OptionSetValue>(Account.Fields.StateCode)?.Value ?? (int)AccountState.Active;
        if (next is null || next == (int)AccountState.Active || previous != (int)AccountState.Active)
        {
            return 0;
        }

        var name = before?.GetAttributeValue<string>(Account.Fields.Name) ?? target.Id.ToString();
        var exposure = ApprovalText.Amount(before?.GetAttributeValue<Money>(Account.Fields.Exposure)?.Value ?? 0m);
        var calls = 0;
        string? group = null;
        if (before?.GetAttributeValue<Money>(Account.Fields.GroupLimit)?.Value is > 0m and var own)
        {
            group = $"it heads the credit group '{name}' (group limit {ApprovalText.Amount(own)})";
        }
        else if (before?.GetAttributeValue<EntityReference>(Account.Fields.ParentAccountId) is { } parentRef)
        {
            // A member at any depth: the group's exposure sums every active account under its parent (eq-or-under), so a
            // grandchild deactivated leaves its grandparent's group as surely as a child leaves its parent's. The groups
            // up the line are read with the hierarchical eq-or-above operator, in one query, as for a parent change.
            calls++;
            var query = new QueryExpression(Account.EntityLogicalName) { ColumnSet = new ColumnSet(Account.Fields.Name, Account.Fields.GroupLimit) };
            query.Criteria.AddCondition(Account.Fields.AccountId, ConditionOperator.AboveOrEqual, parentRef.Id);
            query.Criteria.AddCondition(Account.Fields.GroupLimit, ConditionOperator.GreaterThan, 0m);
            var groups = system.RetrieveMultiple(query).Entities;
            if (groups.Count > 0)
            {
                group = "it belongs to the credit group " + string.Join(
                    ", ",
                    groups.Select(g => $"'{g.GetAttributeValue<string>(Account.Fields.Name)}' (group limit {ApprovalText.Amount(g.GetAttributeValue<Money>(Account.Fields.GroupLimit)?.Value ?? 0m)})"));
            }
        }

        if (group is null || isAllowed())
        {
            return calls;
        }

        throw new InvalidPluginExecutionException(
            $"Account '{name}' cannot be deactivated by you: {group}, and deactivating it would take its exposure of {exposure} out of the group's, so the other members' orders would be checked against less than the group owes. "
            + $"Ask a holder of the '{ApprovalConfiguration.FinanceApproverRoleName}' role to deactivate it.");
    }
}
