using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Guards;

/// <summary>
/// Whether a user holds one of the solution's security roles, directly or through a team, recognised by its id (as the
/// role id or the parent root role id: a role copied into a child business unit keeps its root), never by name.
/// </summary>
public static class RoleHolders
{
    /// <summary>At most <see cref="Calls"/>: the role held directly, then through any team the user is a member of.</summary>
    public const int Calls = 2;

    public static bool Holds(IOrganizationService service, Guid userId, Guid roleId)
    {
        var direct = new QueryExpression(SystemUserRoles.EntityLogicalName) { ColumnSet = new ColumnSet(SystemUserRoles.Fields.RoleId), TopCount = 1 };
        direct.Criteria.AddCondition(SystemUserRoles.Fields.SystemUserId, ConditionOperator.Equal, userId);
        FilterToRole(direct.AddLink(Role.EntityLogicalName, SystemUserRoles.Fields.RoleId, Role.Fields.RoleId), roleId);
        if (service.RetrieveMultiple(direct).Entities.Count > 0)
        {
            return true;
        }

        var throughTeam = new QueryExpression(TeamMembership.EntityLogicalName) { ColumnSet = new ColumnSet(TeamMembership.Fields.TeamId), TopCount = 1 };
        throughTeam.Criteria.AddCondition(TeamMembership.Fields.SystemUserId, ConditionOperator.Equal, userId);
        var teamRoles = throughTeam.AddLink(TeamRoles.EntityLogicalName, TeamMembership.Fields.TeamId, TeamRoles.Fields.TeamId);
        FilterToRole(teamRoles.AddLink(Role.EntityLogicalName, TeamRoles.Fields.RoleId, Role.Fields.RoleId), roleId);
        return service.RetrieveMultiple(throughTeam).Entities.Count > 0;
    }

    private static void FilterToRole(LinkEntity role, Guid roleId)
    {
        role.EntityAlias = "role";
        role.LinkCriteria.FilterOperator = LogicalOperator.Or;
        role.LinkCriteria.AddCondition(Role.Fields.RoleId, ConditionOperator.Equal, roleId);
        role.LinkCriteria.AddCondition(Role.Fields.ParentRootRoleId, ConditionOperator.Equal, roleId);
    }
}
