using CreditOS.CreditEngine.Collections;
using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Collections;

/// <summary>
/// Who is named collector by hand (controls round 7; who names them is <see cref="CollectorAssigners"/>): reads the user
/// named and whether they hold the creditOS Collector role, recognised by its id (role id or parent root role id, never by
/// name), directly or through a team; the rule is the engine's <see cref="CollectorEligibility"/>. At most
/// <see cref="MaximumCalls"/> calls, only when a person names a collector.
/// </summary>
public static class CollectorCandidates
{
    /// <summary>The solution's creditOS Collector role (src/Roles).</summary>
    public static readonly Guid CollectorRoleId = new("6bd8c1f8-5521-5b62-9ab7-e1a49a6cb21b");

    public const string CollectorRoleName = "creditOS Collector";

    /// <summary>The user (1), the role held directly (1), then through a team (1).</summary>
    public const int MaximumCalls = 3;

    /// <summary>Refuses naming <paramref name="target"/>'s collector when the engine's rule says the user cannot collect.</summary>
    public static void Check(IOrganizationService service, Entity target, Entity? before)
    {
        // Cleared (the rules assign one again) or the same collector saved again (no change): nothing to check.
        if (target.GetAttributeValue<EntityReference>(Account.Fields.CollectorId) is not { } named
            || named.Id == before?.GetAttributeValue<EntityReference>(Account.Fields.CollectorId)?.Id)
        {
            return;
        }

        var candidate = Read(service, named.Id);
        var refusal = CollectorEligibility.Refusal(
            candidate,
            before?.GetAttributeValue<string>(Account.Fields.Name) ?? target.GetAttributeValue<string>(Account.Fields.Name) ?? target.Id.ToString(),
            ApprovalText.Amount(before?.MoneyOrZero(Account.Fields.OpenReceivables) ?? 0m),
            ApprovalText.Amount(before?.MoneyOrZero(Account.Fields.OverdueAmount) ?? 0m),
            CollectorRoleName);
        if (refusal is not null)
        {
            throw new InvalidPluginExecutionException(refusal);
        }
    }

    private static CollectorCandidate Read(IOrganizationService service, Guid userId)
    {
        var users = new QueryExpression(SystemUser.EntityLogicalName) { ColumnSet = new ColumnSet(SystemUser.Fields.FullName, SystemUser.Fields.IsDisabled), TopCount = 1 };
        users.Criteria.AddCondition(SystemUser.Fields.SystemuserId, ConditionOperator.Equal, userId);
        var user = service.RetrieveMultiple(users).Entities.FirstOrDefault();
        if (user is null)
        {
            return new CollectorCandidate("User " + userId.ToString("D"), false, false, false);
        }

        var name = $"{user.GetAttributeValue<string>(SystemUser.Fields.FullName)} (user {userId:D})";
        var disabled = user.GetAttributeValue<bool>(SystemUser.Fields.IsDisabled);
        return new CollectorCandidate(name, true, disabled, !disabled && HoldsCollectorRole(service, userId));
    }

    private static bool HoldsCollectorRole(IOrganizationService service, Guid userId) =>
        RoleHolders.Holds(service, userId, CollectorRoleId);
}
