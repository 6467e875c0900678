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

    public const string SalesRepName = "Sam Rivera";
    public const string FinanceApproverName = "Fiona Grant";
    public const string SalesRepRoleName = "creditOS Sales Rep";
    public const string FinanceApproverRoleName = "creditOS Finance Approver";
    public const string SalesRepProfileName = "creditOS Credit Readers";
    public const string FinanceApproverProfileName = "creditOS Credit Deciders";

    public static FinanceSetup Seed(LocalDataverseEnvironment dataverse, IOrganizationService service)
    {
        var imported = SolutionDataImporter.Import(service, dataverse.Metadata, dataverse.RootBusinessUnitId, dataverse.SystemUserId);
        var team = imported.GetValueOrDefault(Team.EntityLogicalName)?.SingleOrDefault()
            ?? throw new DemoException("The solution's data ships no Finance team.");
        var route = imported.GetValueOrDefault(ApprovalRouting.EntityLogicalName)?.FirstOrDefault()
            ?? throw new DemoException("The solution's data ships no approval route.");
        var routeRow = service.Retrieve(ApprovalRouting.EntityLogicalName, route, new Microsoft.Xrm.Sdk.Query.ColumnSet(ApprovalRouting.Fields.QueueId, ApprovalRouting.Fields.EscalationQueueId));
        var teamName = service.Retrieve(Team.EntityLogicalName, team, new Microsoft.Xrm.Sdk.Query.ColumnSet(Team.Fields.Name)).GetAttributeValue<string>(Team.Fields.Name);

        // The people hold the solution's own roles and field security profiles, as an administrator assigns them after import.
        var salesRep = dataverse.CreateUser(SalesRepName);
        var approver = dataverse.CreateUser(FinanceApproverName);
        dataverse.AssignRole(salesRep, dataverse.SolutionRoleId(SalesRepRoleName));
        dataverse.AssignFieldSecurityProfile(salesRep, dataverse.SolutionFieldSecurityProfileId(SalesRepProfileName));
        dataverse.AssignRole(approver, dataverse.SolutionRoleId(FinanceApproverRoleName));
        dataverse.AssignFieldSecurityProfile(approver, dataverse.SolutionFieldSecurityProfileId(FinanceApproverProfileName));
        service.Associate(Team.EntityLogicalName, team, new Relationship(TeamMembershipRelationship), [new EntityReference(SystemUser.EntityLogicalName, approver)]);

        return new FinanceSetup(
            new DemoPeople(salesRep, SalesRepName, approver, FinanceApproverName),
            team,
            teamName,
            routeRow.GetAttributeValue<EntityReference>(ApprovalRouting.Fields.QueueId).Id,
            routeRow.GetAttributeValue<EntityReference>(ApprovalRouting.Fields.EscalationQueueId)?.Id);
    }

}

/// <summary>The approval setup: people, the Finance team and the default route's queues.</summary>
internal sealed record FinanceSetup(DemoPeople People, Guid FinanceTeamId, string FinanceTeamName, Guid FinanceQueueId, Guid? EscalationQueueId);
