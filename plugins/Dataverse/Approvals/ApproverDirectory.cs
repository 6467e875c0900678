using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Approvals;

/// <summary>Who may decide approval requests: members of the Finance approver role or of the Finance team.</summary>
public static class ApproverDirectory
{
    private const string RoleAlias = "role";

    public static bool IsFinanceApprover(IOrganizationService service, Guid userId) =>
        HoldsFinanceApproverRole(service, userId) || IsFinanceTeamMember(service, userId);

    private static bool HoldsFinanceApproverRole(IOrganizationService service, Guid userId)
    {
        var query = new QueryExpression(SystemUserRoles.EntityLogicalName) { ColumnSet = new ColumnSet(SystemUserRoles.Fields.RoleId), TopCount = 1 };
        query.Criteria.AddCondition(SystemUserRoles.Fields.SystemUserId, ConditionOperator.Equal, userId);
        var role = query.AddLink(Role.EntityLogicalName, SystemUserRoles.Fields.RoleId, Role.Fields.RoleId);
        role.EntityAlias = RoleAlias;
        role.LinkCriteria.AddCondition(Role.Fields.Name, ConditionOperator.Equal, ApprovalConfiguration.FinanceApproverRoleName);
        return service.RetrieveMultiple(query).Entities.Count > 0;
    }

    private static bool IsFinanceTeamMember(IOrganizationService service, Guid userId)
    {
        var query = new QueryExpression(TeamMembership.EntityLogicalName) { ColumnSet = new ColumnSet(TeamMembership.Fields.TeamId), TopCount = 1 };
        query.Criteria.AddCondition(TeamMembership.Fields.SystemUserId, ConditionOperator.Equal, userId);
        query.Criteria.AddCondition(TeamMembership.Fields.TeamId, ConditionOperator.Equal, ApprovalConfiguration.FinanceTeamId);
        return service.RetrieveMultiple(query).Entities.Count > 0;
    }
}
