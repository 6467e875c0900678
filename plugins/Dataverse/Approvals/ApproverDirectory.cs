using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// Who may decide approval requests: holders of the solution's Finance approver role, recognised by its identity
/// (<see cref="ApprovalConfiguration.FinanceApproverRoleId"/> as role id or parent root role id, so its copy in any
/// business unit counts), whether the role is assigned to the user or to a team they belong to (Dataverse gives
/// members the roles of their teams), and members of the Finance team. Never by a role's name, which anyone with
/// the right to create roles can copy. The cheapest answer comes first: most approvers hold the role themselves.
/// </summary>
public static class ApproverDirectory
{
    private const string RoleAlias = "role";

    public static bool IsFinanceApprover(IOrganizationService service, Guid userId) =>
        HoldsFinanceApproverRole(service, userId) || HoldsFinanceApproverRoleThroughATeam(service, userId) || IsFinanceTeamMember(service, userId);

    private static bool HoldsFinanceApproverRole(IOrganizationService service, Guid userId)
    {
        var query = new QueryExpression(SystemUserRoles.EntityLogicalName) { ColumnSet = new ColumnSet(SystemUserRoles.Fields.RoleId), TopCount = 1 };
        query.Criteria.AddCondition(SystemUserRoles.Fields.SystemUserId, ConditionOperator.Equal, userId);
        var role = query.AddLink(Role.EntityLogicalName, SystemUserRoles.Fields.RoleId, Role.Fields.RoleId);
        role.EntityAlias = RoleAlias;
        FilterToFinanceApproverRole(role);
        return service.RetrieveMultiple(query).Entities.Count > 0;
    }

    /// <summary>Any team the user is a member of (teammembership) that holds the role (teamroles): owner teams and Entra group teams alike.</summary>
    private static bool HoldsFinanceApproverRoleThroughATeam(IOrganizationService service, Guid userId)
    {
        var query = new QueryExpression(TeamMembership.EntityLogicalName) { ColumnSet = new ColumnSet(TeamMembership.Fields.TeamId), TopCount = 1 };
        query.Criteria.AddCondition(TeamMembership.Fields.SystemUserId, ConditionOperator.Equal, userId);
        var teamRoles = query.AddLink(TeamRoles.EntityLogicalName, TeamMembership.Fields.TeamId, TeamRoles.Fields.TeamId);
        var role = teamRoles.AddLink(Role.EntityLogicalName, TeamRoles.Fields.RoleId, Role.Fields.RoleId);
        role.EntityAlias = RoleAlias;
        FilterToFinanceApproverRole(role);
        return service.RetrieveMultiple(query).Entities.Count > 0;
    }

    private static void FilterToFinanceApproverRole(LinkEntity role)
    {
        role.LinkCriteria.FilterOperator = LogicalOperator.Or;
        role.LinkCriteria.AddCondition(Role.Fields.RoleId, ConditionOperator.Equal, ApprovalConfiguration.FinanceApproverRoleId);
        role.LinkCriteria.AddCondition(Role.Fields.ParentRootRoleId, ConditionOperator.Equal, ApprovalConfiguration.FinanceApproverRoleId);
    }

    private static bool IsFinanceTeamMember(IOrganizationService service, Guid userId)
    {
        var query = new QueryExpression(TeamMembership.EntityLogicalName) { ColumnSet = new ColumnSet(TeamMembership.Fields.TeamId), TopCount = 1 };
        query.Criteria.AddCondition(TeamMembership.Fields.SystemUserId, ConditionOperator.Equal, userId);
        query.Criteria.AddCondition(TeamMembership.Fields.TeamId, ConditionOperator.Equal, ApprovalConfiguration.FinanceTeamId);
        return service.RetrieveMultiple(query).Entities.Count > 0;
    }
}
