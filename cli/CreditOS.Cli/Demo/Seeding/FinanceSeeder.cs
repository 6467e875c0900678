using CreditOS.Xrm.Model;
using Microsoft.Xrm.Sdk;
using LocalDataverseEnvironment = CreditOS.LocalDataverse.LocalDataverse;

namespace CreditOS.Cli.Demo.Seeding;

/// <summary>
/// The people and places of the approval story: a sales rep and a finance approver with their security roles,
/// the Finance team (the approver is a member), the Finance approval queue and its escalation queue, and the
/// default approval route pointing at them.
/// </summary>
internal static class FinanceSeeder
{
    public const string SalesRepName = "Sam Rivera";
    public const string FinanceApproverName = "Fiona Grant";
    public const string SalesRepRoleName = "creditOS Sales Rep";
    public const string FinanceApproverRoleName = "creditOS Finance Approver";
    public const string FinanceTeamName = "Finance";
    public const string FinanceQueueName = "Finance credit approvals";
    public const string EscalationQueueName = "Finance credit escalations";
    private const string DefaultRouteName = "Default: Finance";
    private const int ApprovalDueHours = 24;

    public static (DemoPeople People, Guid TeamId, Guid QueueId, Guid EscalationQueueId) Seed(LocalDataverseEnvironment dataverse, IOrganizationService service)
    {
        var salesRep = dataverse.CreateUser(SalesRepName);
        var approver = dataverse.CreateUser(FinanceApproverName);
        var businessUnit = new EntityReference(BusinessUnit.EntityLogicalName, dataverse.RootBusinessUnitId);

        var salesRepRole = CreateRole(service, SalesRepRoleName, businessUnit);
        var approverRole = CreateRole(service, FinanceApproverRoleName, businessUnit);
        AssignRole(service, salesRep, salesRepRole);
        AssignRole(service, approver, approverRole);

        var queue = CreateQueue(service, FinanceQueueName, businessUnit);
        var escalation = CreateQueue(service, EscalationQueueName, businessUnit);
        var team = service.Create(new Entity(Team.EntityLogicalName)
        {
            [Team.Fields.Name] = FinanceTeamName,
            [Team.Fields.BusinessUnitId] = businessUnit,
            [Team.Fields.TeamType] = new OptionSetValue((int)TeamType.Owner),
            [Team.Fields.AdministratorId] = new EntityReference(SystemUser.EntityLogicalName, approver),
            [Team.Fields.QueueId] = new EntityReference(Queue.EntityLogicalName, queue),
            [Team.Fields.Description] = "Decides credit approvals for orders held over their limit.",
        });
        service.Create(new Entity(TeamMembership.EntityLogicalName)
        {
            [TeamMembership.Fields.TeamId] = team,
            [TeamMembership.Fields.SystemUserId] = approver,
        });
        service.Create(new Entity(ApprovalRouting.EntityLogicalName)
        {
            [ApprovalRouting.Fields.Name] = DefaultRouteName,
            [ApprovalRouting.Fields.QueueId] = new EntityReference(Queue.EntityLogicalName, queue),
            [ApprovalRouting.Fields.EscalationQueueId] = new EntityReference(Queue.EntityLogicalName, escalation),
            [ApprovalRouting.Fields.DueInHours] = ApprovalDueHours,
        });

        return (new DemoPeople(salesRep, SalesRepName, approver, FinanceApproverName), team, queue, escalation);
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

    private static Guid CreateQueue(IOrganizationService service, string name, EntityReference businessUnit) =>
        service.Create(new Entity(Queue.EntityLogicalName)
        {
            [Queue.Fields.Name] = name,
            [Queue.Fields.BusinessUnitId] = businessUnit,
            [Queue.Fields.QueueViewType] = new OptionSetValue((int)QueueViewType.Public),
        });
}
