using CreditOS.CreditEngine.Approvals;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Fields = CreditOS.Dataverse.Model.ApprovalAuthority.Fields;

namespace CreditOS.Dataverse.Credit.Configuration;

/// <summary>
/// The approval authority rows (cos_approvalauthority, kept by the Credit Administrator) that apply to one approver,
/// as the engine's grants: the active rows naming the user; else those of the teams they belong to (one more query,
/// only when team rows exist); else the rows naming neither (every approver). A row naming a user applies to that
/// user whatever team it also names. The engine's <see cref="CreditOS.CreditEngine.Approvals.ApprovalAuthorityRules"/>
/// turns them into the authority.
/// </summary>
public static class ApprovalAuthorityRecords
{
    /// <summary>At most: the active rows, and the approver's memberships of the teams they name.</summary>
    public const int Calls = 2;

    public static IReadOnlyList<ApprovalAuthorityGrant> Read(IOrganizationService service, Guid userId)
    {
        var query = new QueryExpression(ApprovalAuthority.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(Fields.Name, Fields.TeamId, Fields.UserId, Fields.MaximumAmount),
        };
        query.Criteria.AddCondition(Fields.StateCode, ConditionOperator.Equal, (int)ApprovalAuthorityState.Active);
        var rows = service.RetrieveMultiple(query).Entities;

        var users = rows.Where(row => row.GetAttributeValue<EntityReference>(Fields.UserId) is { } user && user.Id == userId).ToList();
        if (users.Count > 0)
        {
            return Grants(users, ApprovalAuthorityScope.User);
        }

        var teamRows = rows.Where(row => row.GetAttributeValue<EntityReference>(Fields.UserId) is null && row.GetAttributeValue<EntityReference>(Fields.TeamId) is not null).ToList();
        if (teamRows.Count > 0)
        {
            var memberOf = TeamsOf(service, userId, teamRows.Select(row => row.GetAttributeValue<EntityReference>(Fields.TeamId).Id).Distinct().ToArray());
            var teams = teamRows.Where(row => memberOf.Contains(row.GetAttributeValue<EntityReference>(Fields.TeamId).Id)).ToList();
            if (teams.Count > 0)
            {
                return Grants(teams, ApprovalAuthorityScope.Team);
            }
        }

        return Grants(
            rows.Where(row => row.GetAttributeValue<EntityReference>(Fields.UserId) is null && row.GetAttributeValue<EntityReference>(Fields.TeamId) is null).ToList(),
            ApprovalAuthorityScope.EveryApprover);
    }

    private static HashSet<Guid> TeamsOf(IOrganizationService service, Guid userId, Guid[] teamIds)
    {
        var query = new QueryExpression(TeamMembership.EntityLogicalName) { ColumnSet = new ColumnSet(TeamMembership.Fields.TeamId) };
        query.Criteria.AddCondition(TeamMembership.Fields.SystemUserId, ConditionOperator.Equal, userId);
        query.Criteria.AddCondition(TeamMembership.Fields.TeamId, ConditionOperator.In, teamIds.Cast<object>().ToArray());
        return new HashSet<Guid>(service.RetrieveMultiple(query).Entities.Select(row => row.GetAttributeValue<Guid>(TeamMembership.Fields.TeamId)));
    }

    private static IReadOnlyList<ApprovalAuthorityGrant> Grants(IEnumerable<Entity> rows, ApprovalAuthorityScope scope) =>
        rows.Select(row => new ApprovalAuthorityGrant(scope, row.GetAttributeValue<string>(Fields.Name) ?? row.Id.ToString(), row.GetAttributeValue<decimal?>(Fields.MaximumAmount) ?? 0m)).ToList();
}
