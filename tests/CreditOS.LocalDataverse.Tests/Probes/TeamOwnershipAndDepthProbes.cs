using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using static CreditOS.LocalDataverse.Tests.Probes.Support.ProbeRoles;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Rows owned by teams, and privilege depth against business units (round 28).
/// "Basic provides access to a record that a user owns, either directly or by virtue of belonging to the team that owns the table
/// record … Within a business unit, Local provides access to all data for that table within the business unit … Deep provides access to
/// the current business unit and any below it in the hierarchy" (Security concepts for developers, developer/data-platform/security-concepts).
/// A team that is to own a row must itself read the table: "it uses the specific team as the owner of the record … If the security role that
/// has read permissions isn't assigned, the Dataverse table throws an exception … Principal team (Id=***, ..., is missing prvReadcol_***
/// privilege (Id=***) on OTC=***." (Set up dual-write security roles and permissions); the local Dataverse checked a user owner only
/// (round 27 left the team). The depth cases are controls: they held before this round and are probed here as a probe would ask them.
/// </summary>
public sealed class TeamOwnershipAndDepthProbes
{
    private static readonly Guid AssignerRole = new("a8000000-0000-4000-8000-000000000001");
    private static readonly Guid CreatorOnlyRole = new("a8000000-0000-4000-8000-000000000002");
    private static readonly Guid BasicReaderRole = new("a8000000-0000-4000-8000-000000000003");
    private static readonly Guid LocalReaderRole = new("a8000000-0000-4000-8000-000000000004");
    private static readonly Guid DeepReaderRole = new("a8000000-0000-4000-8000-000000000005");
    private static readonly Guid TeamCreatorRole = new("a8000000-0000-4000-8000-000000000006");

    [Theory]
    [InlineData("Assign")]
    [InlineData("Update")]
    public void AssigningToATeamWithNoRoles_IsRefusedNamingTheTeam_AndTheOwnerStays(string how)
    {
        using var dataverse = WithProbeRoles();
        var assigner = User(dataverse, "Ada Assigner", AssignerRole);
        var team = dataverse.CreateTeam("Empty desk");
        var account = dataverse.GetOrganizationService().Create(new Entity("account") { ["name"] = "Contoso", ["ownerid"] = new EntityReference("systemuser", assigner) });

        var fault = FaultAssert.Throws(DataverseErrorCodes.PrivilegeDenied, () => Assign(dataverse.GetOrganizationService(assigner), how, account, team));

        Assert.StartsWith($"Principal team (Id={team:D}, type=9, teamType=0, privilegeCount=0, businessUnitId={dataverse.RootBusinessUnitId:D}), is missing prvReadAccount privilege (Id=", fault.Message, StringComparison.Ordinal);
        Assert.EndsWith($"for entity 'account'. context.Caller={assigner:D}", fault.Message, StringComparison.Ordinal);
        Assert.Equal(assigner, OwnerOf(dataverse, account));
    }

    [Fact]
    public void ATeamWhoseMembersReadTheTable_ButWhoseOwnRolesDoNot_CannotOwnARow_EvenForAnAdministrator()
    {
        using var dataverse = WithProbeRoles();
        var admin = User(dataverse, "Ann Admin", dataverse.SystemAdministratorRoleId);
        var team = dataverse.CreateTeam("Creators");
        dataverse.AssignTeamRole(team, CreatorOnlyRole);
        dataverse.AddTeamMember(team, User(dataverse, "Rita Reader", LocalReaderRole));
        var row = new Entity("account") { ["name"] = "Contoso", ["ownerid"] = new EntityReference("team", team) };

        var fault = FaultAssert.Throws(DataverseErrorCodes.PrivilegeDenied, () => dataverse.GetOrganizationService(admin).Create(row));

        Assert.StartsWith($"Principal team (Id={team:D}, type=9, teamType=0, privilegeCount=1,", fault.Message, StringComparison.Ordinal);
        Assert.Contains("is missing prvReadAccount privilege", fault.Message, StringComparison.Ordinal);
        Assert.Empty(dataverse.GetOrganizationService().RetrieveMultiple(new QueryExpression("account")).Entities);
    }

    [Fact]
    public void AMemberCreatingARowForTheirTeam_WhoseRolesDoNotRead_IsRefused()
    {
        using var dataverse = WithProbeRoles();
        var team = dataverse.CreateTeam("Creators");
        dataverse.AssignTeamRole(team, TeamCreatorRole);
        var member = User(dataverse, "Mia Member", LocalReaderRole);
        dataverse.AddTeamMember(team, member);

        var fault = FaultAssert.Throws(
            DataverseErrorCodes.PrivilegeDenied,
            () => dataverse.GetOrganizationService(member).Create(new Entity("account") { ["name"] = "Contoso", ["ownerid"] = new EntityReference("team", team) }));

        Assert.StartsWith($"Principal team (Id={team:D}, type=9,", fault.Message, StringComparison.Ordinal);
        Assert.EndsWith($"context.Caller={member:D}", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_ATeamRowIsInTheTeamsUnit_ReadByItsMembersWithBasicRead_NotByOthers()
    {
        using var dataverse = WithProbeRoles();
        var north = dataverse.CreateBusinessUnit("North");
        var team = dataverse.CreateTeam("North desk", north);
        dataverse.AssignTeamRole(team, BasicReaderRole);
        var member = User(dataverse, "Mia Member", BasicReaderRole);
        dataverse.AddTeamMember(team, member);
        var outsider = User(dataverse, "Otto Outsider", BasicReaderRole);
        var northLocal = User(dataverse, "Nora North", LocalReaderRole, north);
        var rootLocal = User(dataverse, "Rob Root", LocalReaderRole);
        var assigner = User(dataverse, "Ada Assigner", AssignerRole);
        var account = dataverse.GetOrganizationService().Create(new Entity("account") { ["name"] = "Contoso", ["ownerid"] = new EntityReference("systemuser", assigner) });

        Assign(dataverse.GetOrganizationService(assigner), "Assign", account, team);

        var stored = dataverse.GetOrganizationService().Retrieve("account", account, new ColumnSet("ownerid", "owningbusinessunit"));
        Assert.Equal(("team", team), (stored.GetAttributeValue<EntityReference>("ownerid").LogicalName, stored.GetAttributeValue<EntityReference>("ownerid").Id));
        Assert.Equal(north, stored.GetAttributeValue<EntityReference>("owningbusinessunit").Id);
        Assert.Equal("Contoso", dataverse.GetOrganizationService(member).Retrieve("account", account, new ColumnSet("name")).GetAttributeValue<string>("name"));
        Assert.Equal("Contoso", dataverse.GetOrganizationService(northLocal).Retrieve("account", account, new ColumnSet("name")).GetAttributeValue<string>("name"));
        var denied = FaultAssert.Throws(DataverseErrorCodes.AccessDenied, () => dataverse.GetOrganizationService(outsider).Retrieve("account", account, new ColumnSet("name")));
        Assert.Contains($"OwnerId: {team:D},  OwnerIdType: 9", denied.Message, StringComparison.Ordinal);
        FaultAssert.Throws(DataverseErrorCodes.AccessDenied, () => dataverse.GetOrganizationService(rootLocal).Retrieve("account", account, new ColumnSet("name")));
        Assert.Empty(dataverse.GetOrganizationService(outsider).RetrieveMultiple(new QueryExpression("account")).Entities);
    }

    [Fact]
    public void Control_DeepReadReachesChildUnits_NotTheParent_LocalReadOnlyItsOwnUnit()
    {
        using var dataverse = WithProbeRoles();
        var parent = dataverse.CreateBusinessUnit("Europe");
        var child = dataverse.CreateBusinessUnit("France", parentBusinessUnitId: parent);
        var parentDeep = User(dataverse, "Pia Parent", DeepReaderRole, parent);
        var parentLocal = User(dataverse, "Paul Parent", LocalReaderRole, parent);
        var childDeep = User(dataverse, "Chloe Child", DeepReaderRole, child);
        var inParent = Owned(dataverse, "In Europe", User(dataverse, "Owen Europe", BasicReaderRole, parent));
        var inChild = Owned(dataverse, "In France", User(dataverse, "Odile France", BasicReaderRole, child));

        Assert.Equal(["In Europe", "In France"], Names(dataverse, parentDeep));
        Assert.Equal(["In Europe"], Names(dataverse, parentLocal));
        Assert.Equal(["In France"], Names(dataverse, childDeep));
        FaultAssert.Throws(DataverseErrorCodes.AccessDenied, () => dataverse.GetOrganizationService(parentLocal).Retrieve("account", inChild, new ColumnSet("name")));
        FaultAssert.Throws(DataverseErrorCodes.AccessDenied, () => dataverse.GetOrganizationService(childDeep).Retrieve("account", inParent, new ColumnSet("name")));
    }

    private static LocalDataverse WithProbeRoles() => WithRoles(
        Role(AssignerRole, "Probe Assigner", "Global", "prvReadAccount", "prvWriteAccount", "prvAssignAccount"),
        Role(CreatorOnlyRole, "Probe Creator Only", "Global", "prvCreateAccount"),
        Role(BasicReaderRole, "Probe Basic Reader", "Basic", "prvReadAccount"),
        Role(LocalReaderRole, "Probe Local Reader", "Local", "prvReadAccount", "prvCreateAccount", "prvAssignAccount"),
        Role(DeepReaderRole, "Probe Deep Reader", "Deep", "prvReadAccount"),
        Role(TeamCreatorRole, "Probe Team Creator", "Basic", "prvCreateAccount"));

    private static Guid Owned(LocalDataverse dataverse, string name, Guid owner) =>
        dataverse.GetOrganizationService().Create(new Entity("account") { ["name"] = name, ["ownerid"] = new EntityReference("systemuser", owner) });

    private static string[] Names(LocalDataverse dataverse, Guid user) =>
        [.. dataverse.GetOrganizationService(user).RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") })
            .Entities.Select(e => e.GetAttributeValue<string>("name")).Order(StringComparer.Ordinal)];

    private static void Assign(IOrganizationService service, string how, Guid account, Guid team) =>
        GiveAccount(service, how, account, new EntityReference("team", team));
}
