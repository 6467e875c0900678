using CreditOS.Dataverse.Model;
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
    private const string TeamMembershipRelationship = "teammembership_association";
    private const string UserRolesRelationship = "systemuserroles_association";

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
        service.Associate(Team.EntityLogicalName, team, new Relationship(TeamMembershipRelationship), [new EntityReference(SystemUser.EntityLogicalName, approver)]);

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

    private static void AssignRole(IOrganizationService service, Guid userId, Guid roleId) =>
        service.Associate(SystemUser.EntityLogicalName, userId, new Relationship(UserRolesRelationship), [new EntityReference(Role.EntityLogicalName, roleId)]);
}

/// <summary>The approval setup: people, the Finance team and the default route's queues.</summary>
internal sealed record FinanceSetup(DemoPeople People, Guid FinanceTeamId, string FinanceTeamName, Guid FinanceQueueId, Guid? EscalationQueueId);
