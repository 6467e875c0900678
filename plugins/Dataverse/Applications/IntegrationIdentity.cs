using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Applications;

/// <summary>
/// The integration worker's identity: a user holding the solution's creditOS Integration role (by its id or as the
/// parent root role of its copy in a business unit, never by name), as the worker's application user does.
/// </summary>
public static class IntegrationIdentity
{
    /// <summary>The id of the role in solution/src/Roles/creditOS Integration.xml.</summary>
    public static readonly Guid IntegrationRoleId = new("767b456f-da4b-5502-907f-7e4201a2616b");

    public static bool IsIntegration(IOrganizationService service, Guid userId)
    {
        var query = new QueryExpression(SystemUserRoles.EntityLogicalName) { ColumnSet = new ColumnSet(SystemUserRoles.Fields.RoleId), TopCount = 1 };
        query.Criteria.AddCondition(SystemUserRoles.Fields.SystemUserId, ConditionOperator.Equal, userId);
        var role = query.AddLink(Role.EntityLogicalName, SystemUserRoles.Fields.RoleId, Role.Fields.RoleId);
        role.LinkCriteria.FilterOperator = LogicalOperator.Or;
        role.LinkCriteria.AddCondition(Role.Fields.RoleId, ConditionOperator.Equal, IntegrationRoleId);
        role.LinkCriteria.AddCondition(Role.Fields.ParentRootRoleId, ConditionOperator.Equal, IntegrationRoleId);
        return service.RetrieveMultiple(query).Entities.Count > 0;
    }
}
