using CreditOS.CreditEngine.Approvals;
using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Credit.Suspension;
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
/// A Finance approver who takes an account out of a group (rather than moving it within one or into one) needs an
/// approval authority covering the limit that leaves in force (controls round 11, <see cref="ApprovalStake.GroupExit"/>).
/// </summary>
public static class CreditGroupMembershipGuard
{
    /// <summary>The pre-image the update step registers.</summary>
    public const string ImageColumns = Account.Fields.Name + "," + Account.Fields.ParentAccountId + ","
        + Account.Fields.StateCode + "," + Account.Fields.GroupLimit + "," + Account.Fields.Exposure;

    /// <summary>The columns the update step filters on.</summary>
    public const string FilteringColumns = Account.Fields.ParentAccountId + "," + Account.Fields.StateCode;

    /// <summary>
    /// At most: the two lines of parents (1), who SYSTEM is (1, once per organization), the Finance check
    /// (<c>ApproverDirectory</c>, 3) and, when a Finance approver takes the account out of a group or deactivates a group's
    /// parent or member that owes something, the account with its currency (1) and the approver's authority
    /// (<see cref="SuspensionLiftAuthority.Calls"/>).
    /// </summary>
    public const int MaximumCalls = 1 + 1 + 3 + 1 + SuspensionLiftAuthority.Calls;

    /// <param name="isAllowed">SYSTEM or a Finance approver (asked only when a credit group is concerned).</param>
    /// <param name="isCreditFlow">SYSTEM (asked only when a person allowed takes the account out of a group).</param>
    /// <param name="callerId">Whose approval authority a group exit needs.</param>
    /// <param name="now">When the temporary limit in force is read.</param>
    /// <returns>The organization-service calls made (0 when the parent does not change, 1 more to read the parents).</returns>
    public static int Check(IOrganizationService system, Entity target, Entity? before, Func<bool> isAllowed, Func<bool> isCreditFlow, Guid callerId, DateTime now)
    {
        var calls = CheckDeactivation(system, target, before, isAllowed, isCreditFlow, callerId, now);
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
        // so both lines are read (the hierarchical eq-or-above operator), in one query; each line is then walked up from
        // its first parent, so the groups the account leaves are told from those it stays in or joins.
        var query = new QueryExpression(Account.EntityLogicalName) { ColumnSet = new ColumnSet(Account.Fields.Name, Account.Fields.GroupLimit, Account.Fields.ParentAccountId) };
        var lines = query.Criteria.AddFilter(LogicalOperator.Or);
        foreach (var parent in new[] { previous, next }.Where(id => id is not null))
        {
            lines.AddCondition(Account.Fields.AccountId, ConditionOperator.AboveOrEqual, parent!.Value);
        }

        var ancestors = system.RetrieveMultiple(query).Entities.GroupBy(row => row.Id).ToDictionary(rows => rows.Key, rows => rows.First());
        var left = GroupsOf(ancestors, previous);
        var stayedOrJoined = GroupsOf(ancestors, next);
        var groups = left.Concat(stayedOrJoined.Where(group => left.All(g => g.Id != group.Id))).ToList();
        calls++;
        if (groups.Count == 0)
        {
            return calls;
        }

        var name = before?.GetAttributeValue<string>(Account.Fields.Name) ?? target.Id.ToString();
        if (!isAllowed())
        {
            throw new InvalidPluginExecutionException(
                $"The parent of account '{name}' cannot be changed by you: it would move the account out of or between credit groups ({Described(groups)}), and its orders are checked against the group's limit. "
                + $"Ask a holder of the '{ApprovalConfiguration.FinanceApproverRoleName}' role to change it.");
        }

        var exits = left.Where(group => stayedOrJoined.All(g => g.Id != group.Id)).ToList();
        if (exits.Count > 0 && !isCreditFlow())
        {
            EnsureExitWithinAuthority(system, callerId, target.Id, name, exits, now);
        }

        return calls;
    }

    /// <summary>
    /// Controls round 11: taking a member out of its credit group frees its orders from the group's limit, a Finance
    /// decision like ending a hold or lifting a suspension (rounds 4 and 5), so the approver's authority must cover what
    /// it puts in force (<see cref="ApprovalStake.GroupExit"/>: the member's own limit in force, or its exposure when
    /// higher), converted to base currency as those are; refused with the figures, nothing written.
    /// </summary>
    private static void EnsureExitWithinAuthority(IOrganizationService system, Guid callerId, Guid accountId, string name, IReadOnlyList<Entity> exits, DateTime now)
    {
        if (SuspensionLiftAuthority.RefusalFor(system, callerId, accountId, now, ApprovalStake.GroupExit, ApprovalAuthorityRules.GroupStaysFor) is { } refusal)
        {
            throw new InvalidPluginExecutionException($"Account '{name}' cannot be taken out of the credit group {Described(exits)} by you: {refusal}");
        }
    }

    /// <summary>The group heads (group limit above zero) from <paramref name="first"/> up its line, nearest first.</summary>
    private static List<Entity> GroupsOf(IReadOnlyDictionary<Guid, Entity> ancestors, Guid? first)
    {
        var groups = new List<Entity>();
        var seen = new HashSet<Guid>();
        for (var id = first; id is { } current && seen.Add(current) && ancestors.TryGetValue(current, out var row); id = row.GetAttributeValue<EntityReference>(Account.Fields.ParentAccountId)?.Id)
        {
            if ((row.GetAttributeValue<Money>(Account.Fields.GroupLimit)?.Value ?? 0m) > 0m)
            {
                groups.Add(row);
            }
        }

        return groups;
    }

    private static string Described(IEnumerable<Entity> groups) =>
        string.Join(", ", groups.Select(g => $"'{g.GetAttributeValue<string>(Account.Fields.Name)}' (group limit {ApprovalText.Amount(g.GetAttributeValue<Money>(Account.Fields.GroupLimit)?.Value ?? 0m)})"));

    /// <summary>
    /// An active account deactivated while it heads a credit group (has a group limit) or belongs to one (its parent, or
    /// any account above it, has a group limit): its exposure would leave the group's, so only Finance or the credit flow may,
    /// and a Finance approver only within an authority covering that exposure, at most the group limit (controls round 12,
    /// <see cref="ApprovalStake.GroupDeactivation"/>).
    /// </summary>
    private static int CheckDeactivation(IOrganizationService system, Entity target, Entity? before, Func<bool> isAllowed, Func<bool> isCreditFlow, Guid callerId, DateTime now)
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
        var groupLimit = 0m;
        if (before?.GetAttributeValue<Money>(Account.Fields.GroupLimit)?.Value is > 0m and var own)
        {
            group = $"it heads the credit group '{name}' (group limit {ApprovalText.Amount(own)})";
            groupLimit = own;
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
                group = "it belongs to the credit group " + Described(groups);
                groupLimit = groups.Max(g => g.GetAttributeValue<Money>(Account.Fields.GroupLimit)?.Value ?? 0m);
            }
        }

        if (group is null)
        {
            return calls;
        }

        if (isAllowed())
        {
            // Controls round 12: the exposure leaving the group is room the other members may draw under its limit, a
            // Finance decision like a group exit (round 11), bound by the approver's authority; nothing to bind when it owes nothing.
            if ((before?.GetAttributeValue<Money>(Account.Fields.Exposure)?.Value ?? 0m) > 0m && !isCreditFlow()
                && SuspensionLiftAuthority.RefusalFor(system, callerId, target.Id, now, (_, owed) => ApprovalStake.GroupDeactivation(owed, groupLimit), ApprovalAuthorityRules.GroupMemberStaysActiveFor) is { } refusal)
            {
                throw new InvalidPluginExecutionException($"Account '{name}' cannot be deactivated by you: {group}; {refusal}");
            }

            return calls;
        }

        throw new InvalidPluginExecutionException(
            $"Account '{name}' cannot be deactivated by you: {group}, and deactivating it would take its exposure of {exposure} out of the group's, so the other members' orders would be checked against less than the group owes. "
            + $"Ask a holder of the '{ApprovalConfiguration.FinanceApproverRoleName}' role to deactivate it.");
    }
}
