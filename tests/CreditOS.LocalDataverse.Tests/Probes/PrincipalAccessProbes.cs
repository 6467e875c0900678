using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// RetrievePrincipalAccess (round 17, session 25; 501 "does not implement message" since round 13). Sources: RetrievePrincipalAccessRequest
/// ("retrieve the access rights of the specified security principal (user, team, or organization) to the specified record"; Principal "must
/// be a SystemUser or Team entity"), the AccessRights enum (ReadAccess 1, WriteAccess 2, AppendAccess 4, AppendToAccess 16, CreateAccess 32,
/// DeleteAccess 65536, ShareAccess 262144, AssignAccess 524288), "How access to a record is determined" (power-platform/admin: a privilege
/// check, then an access check by ownership and by the role's access level), and CRMAccount.RetrievePrincipalAccess ("The caller must have
/// the prvReadAccount privilege"). The solution's roles on account: Sales Rep Create Basic, Read/Write/Append/AppendTo Local; Collector
/// Read/AppendTo Local; neither Delete, Share nor Assign.
/// </summary>
public sealed class PrincipalAccessProbes
{
    [Fact]
    public void ARepsOwnAccount_HasTheRightsHerRoleReaches_CreateIncluded_NoDeleteShareOrAssign()
    {
        using var dataverse = new LocalDataverse();
        var rep = User(dataverse, "Sam Sales", "creditOS Sales Rep");
        var account = dataverse.GetOrganizationService().Create(new Entity("account") { ["name"] = "Contoso", ["ownerid"] = new EntityReference("systemuser", rep) });

        var rights = AccessOf(dataverse.GetOrganizationService(), rep, account);

        Assert.Equal(AccessRights.ReadAccess | AccessRights.WriteAccess | AccessRights.AppendAccess | AccessRights.AppendToAccess | AccessRights.CreateAccess, rights);
    }

    [Fact]
    public void ACollector_ReadsAndAppendsToHerUnitsRows_AndHasNothingOnAnotherUnits()
    {
        using var dataverse = new LocalDataverse();
        var collector = User(dataverse, "Cole Collector", "creditOS Collector");
        var otherUnit = dataverse.CreateBusinessUnit("Other unit");
        var colleague = dataverse.CreateUser("Colleague", businessUnitId: otherUnit);
        var service = dataverse.GetOrganizationService();
        var ownUnitsRow = service.Create(new Entity("account") { ["name"] = "Same unit" });
        var otherUnitsRow = service.Create(new Entity("account") { ["name"] = "Other unit", ["ownerid"] = new EntityReference("systemuser", colleague) });

        Assert.Equal(AccessRights.ReadAccess | AccessRights.AppendToAccess, AccessOf(service, collector, ownUnitsRow));
        Assert.Equal(AccessRights.None, AccessOf(service, collector, otherUnitsRow));
    }

    [Fact]
    public void ASystemAdministrator_HasEveryRight()
    {
        using var dataverse = new LocalDataverse();
        var ada = dataverse.CreateUser("Ada Admin");
        dataverse.AssignRole(ada, dataverse.SystemAdministratorRoleId);
        var account = dataverse.GetOrganizationService().Create(new Entity("account") { ["name"] = "Contoso" });

        var rights = AccessOf(dataverse.GetOrganizationService(), ada, account);

        Assert.Equal(
            AccessRights.ReadAccess | AccessRights.WriteAccess | AccessRights.AppendAccess | AccessRights.AppendToAccess | AccessRights.CreateAccess
            | AccessRights.DeleteAccess | AccessRights.ShareAccess | AccessRights.AssignAccess,
            rights);
    }

    /// <summary>The mask is what the operations themselves allow: a right it reports passes, one it leaves out is refused.</summary>
    [Fact]
    public void TheMask_AgreesWithWhatTheUserCanDo()
    {
        using var dataverse = new LocalDataverse();
        var collector = User(dataverse, "Cole Collector", "creditOS Collector");
        var account = dataverse.GetOrganizationService().Create(new Entity("account") { ["name"] = "Contoso" });
        var asCollector = dataverse.GetOrganizationService(collector);

        var rights = AccessOf(dataverse.GetOrganizationService(), collector, account);
        asCollector.Retrieve("account", account, new Microsoft.Xrm.Sdk.Query.ColumnSet("name"));
        FaultAssert.Throws(DataverseErrorCodes.PrivilegeDenied, () => asCollector.Update(new Entity("account", account) { ["name"] = "Renamed" }));

        Assert.True(rights.HasFlag(AccessRights.ReadAccess));
        Assert.False(rights.HasFlag(AccessRights.WriteAccess));
    }

    /// <summary>Whether CreateAccess follows the Create privilege's depth, or the table privilege alone, is not published: the one case where the two differ is refused.</summary>
    [Fact]
    public void CreateHeldAtADepthThatDoesNotReachTheRow_IsNotImplemented_NotGuessed()
    {
        using var dataverse = new LocalDataverse();
        var rep = User(dataverse, "Sam Sales", "creditOS Sales Rep");
        var account = dataverse.GetOrganizationService().Create(new Entity("account") { ["name"] = "Someone else's" });

        var fault = FaultAssert.Throws(DataverseErrorCodes.UnexpectedError, () => AccessOf(dataverse.GetOrganizationService(), rep, account));

        Assert.Contains("does not implement RetrievePrincipalAccess's CreateAccess", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingRowOrUser_IsNotFound_AndAPrincipalThatIsNoUserOrTeam_IsRefused()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var rep = User(dataverse, "Sam Sales", "creditOS Sales Rep");
        var account = service.Create(new Entity("account") { ["name"] = "Contoso" });
        var missing = new Guid("0d0d0000-0000-4000-8000-00000000beef");

        var noRow = FaultAssert.Throws(DataverseErrorCodes.ObjectDoesNotExist, () => AccessOf(service, rep, missing));
        var noUser = FaultAssert.Throws(DataverseErrorCodes.ObjectDoesNotExist, () => AccessOf(service, missing, account));
        FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () => service.Execute(new RetrievePrincipalAccessRequest
        {
            Principal = new EntityReference("account", account),
            Target = new EntityReference("account", account),
        }));

        Assert.Equal($"account With Id = {missing:D} Does Not Exist", noRow.Message);
        Assert.Equal($"systemuser With Id = {missing:D} Does Not Exist", noUser.Message);
    }

    /// <summary>
    /// A team principal (501 before round 28): the rights of the team's own roles, reaching from its business unit, and at Basic its own
    /// rows ("Basic provides access to a record that a user owns, either directly or by virtue of belonging to the team that owns the table
    /// record", Security concepts for developers). A member's roles are not the team's.
    /// </summary>
    [Fact]
    public void ATeamPrincipal_HasTheRightsOfItsOwnRoles_NotOfItsMembers()
    {
        using var dataverse = new LocalDataverse();
        var bare = dataverse.CreateTeam("No roles");
        dataverse.AddTeamMember(bare, User(dataverse, "Sam Sales", "creditOS Sales Rep"));
        var collections = dataverse.CreateTeam("Collections");
        dataverse.AssignTeamRole(collections, dataverse.SolutionRoleId("creditOS Collector"));
        var otherUnit = dataverse.CreateBusinessUnit("Other unit");
        var service = dataverse.GetOrganizationService();
        var account = service.Create(new Entity("account") { ["name"] = "Contoso" });
        var otherUnitsAccount = service.Create(new Entity("account") { ["name"] = "Fabrikam", ["ownerid"] = new EntityReference("systemuser", dataverse.CreateUser("Olga Other", businessUnitId: otherUnit)) });

        Assert.Equal(AccessRights.None, TeamAccessOf(service, bare, account));
        Assert.Equal(AccessRights.ReadAccess | AccessRights.AppendToAccess, TeamAccessOf(service, collections, account));
        Assert.Equal(AccessRights.None, TeamAccessOf(service, collections, otherUnitsAccount));
        var missing = FaultAssert.Throws(DataverseErrorCodes.ObjectDoesNotExist, () => TeamAccessOf(service, Guid.NewGuid(), account));
        Assert.StartsWith("team With Id = ", missing.Message, StringComparison.Ordinal);
    }

    private static AccessRights TeamAccessOf(IOrganizationService service, Guid team, Guid account) =>
        ((RetrievePrincipalAccessResponse)service.Execute(new RetrievePrincipalAccessRequest
        {
            Principal = new EntityReference("team", team),
            Target = new EntityReference("account", account),
        })).AccessRights;

    /// <summary>The caller reads the row to ask about it; asking about a row of another unit is refused as reading it is.</summary>
    [Fact]
    public void ACallerWhoCannotReadTheRow_IsRefused()
    {
        using var dataverse = new LocalDataverse();
        var collector = User(dataverse, "Cole Collector", "creditOS Collector");
        var otherUnit = dataverse.CreateBusinessUnit("Other unit");
        var colleague = dataverse.CreateUser("Colleague", businessUnitId: otherUnit);
        var account = dataverse.GetOrganizationService().Create(new Entity("account") { ["name"] = "Other unit", ["ownerid"] = new EntityReference("systemuser", colleague) });

        FaultAssert.Throws(DataverseErrorCodes.AccessDenied, () => AccessOf(dataverse.GetOrganizationService(collector), collector, account));
    }

    private static Guid User(LocalDataverse dataverse, string name, string role)
    {
        var user = dataverse.CreateUser(name);
        dataverse.AssignRole(user, dataverse.SolutionRoleId(role));
        return user;
    }

    private static AccessRights AccessOf(IOrganizationService service, Guid user, Guid account) =>
        ((RetrievePrincipalAccessResponse)service.Execute(new RetrievePrincipalAccessRequest
        {
            Principal = new EntityReference("systemuser", user),
            Target = new EntityReference("account", account),
        })).AccessRights;
}
