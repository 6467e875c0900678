using CreditOS.Xrm.Model;
using Microsoft.Xrm.Sdk;
using LocalDataverseEnvironment = CreditOS.LocalDataverse.LocalDataverse;

namespace CreditOS.Cli.Demo.Seeding;

/// <summary>
/// The people and places of the approval story: the solution's approval data imported (Finance approval and
/// escalation queues, the Finance team, the default route, environment variables), a sales rep and a finance
/// approver with their security roles, and the approver made a member of the Finance team.
/// </summary>
internal static class FinanceSeeder
{
    public const string SalesRepName = "Sam Rivera";
    public const string FinanceApproverName = "Fiona Grant";
    public const string SalesRepRoleName = "creditOS Sales Rep";
    public const string FinanceApproverRoleName = "creditOS Finance Approver";

    public static FinanceSetup Seed(LocalDataverseEnvironment dataverse, IOrganizationService service)
    {
        var imported = SolutionDataImporter.Import(service, dataverse.Metadata, dataverse.RootBusinessUnitId, dataverse.SystemUserId);
        var team = imported.GetValueOrDefault(Team.EntityLogicalName)?.SingleOrDefault()
            ?? throw new DemoException("The solution's data ships no Finance team.");
        var route = imported.GetValueOrDefault(ApprovalRouting.EntityLogicalName)?.FirstOrDefault()
            ?? throw new DemoException("The solution's data ships no approval route.");
        var routeRow = service.Retrieve(ApprovalRouting.EntityLogicalName, route, new Microsoft.Xrm.Sdk.Query.ColumnSet(ApprovalRouting.Fields.QueueId, ApprovalRouting.Fields.EscalationQueueId));
        var teamName = service.Retrieve(Team.EntityLogicalName, team, new Microsoft.Xrm.Sdk.Query.ColumnSet(Team.Fields.Name)).GetAttributeValue<string>(Team.Fields.Name);

        var salesRep = dataverse.CreateUser(SalesRepName);
        var approver = dataverse.CreateUser(FinanceApproverName);
        var businessUnit = new EntityReference(BusinessUnit.EntityLogicalName, dataverse.RootBusinessUnitId);
        AssignRole(service, salesRep, CreateRole(service, SalesRepRoleName, businessUnit));
        AssignRole(service, approver, CreateRole(service, FinanceApproverRoleName, businessUnit));
        service.Create(new Entity(TeamMembership.EntityLogicalName)
        {
            [TeamMembership.Fields.TeamId] = team,
            [TeamMembership.Fields.SystemUserId] = approver,
        });

        return new FinanceSetup(
            new DemoPeople(salesRep, SalesRepName, approver, FinanceApproverName),
            team,
            teamName,
            routeRow.GetAttributeValue<EntityReference>(ApprovalRouting.Fields.QueueId).Id,
            routeRow.GetAttributeValue<EntityReference>(ApprovalRouting.Fields.EscalationQueueId)?.Id);
    }

    private static Guid CreateRole(IOrganizationService service, string name, EntityReference businessUnit) =>
        service.Create(new Entity(Role.EntityLogicalName)
        {
            [Role.Fields.Name] = name,
            [Role.Fields.BusinessUnitId] = businessUnit,
        });

    // Dataverse links users to roles and teams with Associate; the local Dataverse's solution metadata does not yet
    // name the intersect columns of these many-to-many relationships, so the demo writes the intersect rows directly.
    private static void AssignRole(IOrganizationService service, Guid userId, Guid roleId) =>
        service.Create(new Entity(SystemUserRoles.EntityLogicalName)
        {
            [SystemUserRoles.Fields.SystemUserId] = userId,
            [SystemUserRoles.Fields.RoleId] = roleId,
        });
}

/// <summary>The approval setup: people, the Finance team and the default route's queues.</summary>
internal sealed record FinanceSetup(DemoPeople People, Guid FinanceTeamId, string FinanceTeamName, Guid FinanceQueueId, Guid? EscalationQueueId);
