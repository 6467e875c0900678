using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Security;

/// <summary>Table privileges from the solution's roles, as the people who hold them.</summary>
public sealed class TablePrivilegeTests
{
    [Fact]
    public void SalesRep_CreatingACreditPolicy_IsRefused_ForTheMissingPrivilege_AsDataverseWordsIt()
    {
        using var env = SecurityTestSetup.Solution();

        var fault = FaultAssert.Throws(
            DataverseErrorCodes.PrivilegeDenied,
            () => env.As(FixedIds.SalesRep).Create(new Entity("cos_creditpolicy") { ["cos_name"] = "Generous" }));

        Assert.StartsWith($"Principal user (Id={FixedIds.SalesRep:D}, type=8, roleCount=1, privilegeCount=", fault.Message, StringComparison.Ordinal);
        Assert.Contains("is missing prvCreatecos_CreditPolicy privilege (Id=", fault.Message, StringComparison.Ordinal);
        Assert.Contains("for entity 'cos_creditpolicy'. context.Caller=" + FixedIds.SalesRep.ToString("D"), fault.Message, StringComparison.Ordinal);
        Assert.Equal(0, env.Dataverse.Count("cos_creditpolicy"));
    }

    [Fact]
    public void CreditAdministrator_CreatesACreditPolicy_ThatTheRoleGrants()
    {
        using var env = SecurityTestSetup.Solution();

        var id = env.As(FixedIds.CreditOfficer).Create(new Entity("cos_creditpolicy") { ["cos_name"] = "Standard" });

        Assert.Equal("Standard", env.Service.Retrieve("cos_creditpolicy", id, new ColumnSet("cos_name")).GetAttributeValue<string>("cos_name"));
    }

    [Fact]
    public void UserWithoutRoles_CanReadNothing_AndAQueryFaults()
    {
        using var env = SecurityTestSetup.Solution();
        var nobody = env.AUser("Nick Nobody").Create();
        var account = env.Service.Create(new Entity("account") { ["name"] = "Contoso" });

        FaultAssert.Throws(DataverseErrorCodes.PrivilegeDenied, () => env.As(nobody).Retrieve("account", account, new ColumnSet("name")));
        var fault = FaultAssert.Throws(DataverseErrorCodes.PrivilegeDenied, () => env.As(nobody).RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }));
        Assert.Contains("roleCount=0, privilegeCount=0", fault.Message, StringComparison.Ordinal);
        Assert.Contains("is missing prvReadAccount privilege", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BusinessUnitRead_ReachesRowsOfTheUsersUnit_ButNotAnotherUnitsRow()
    {
        using var env = SecurityTestSetup.Solution();
        var north = env.ABusinessUnit("North");
        var south = env.ABusinessUnit("South");
        var northRep = env.AUser("Nora North").InBusinessUnit(north).WithRole(SolutionRoles.SalesRep).Create();
        var southRep = env.AUser("Saul South").InBusinessUnit(south).WithRole(SolutionRoles.SalesRep).Create();
        var northAccount = env.As(northRep).Create(new Entity("account") { ["name"] = "Northwind" });
        var southAccount = env.As(southRep).Create(new Entity("account") { ["name"] = "Southridge" });

        Assert.Equal("Northwind", env.As(northRep).Retrieve("account", northAccount, new ColumnSet("name")).GetAttributeValue<string>("name"));
        var fault = FaultAssert.Throws(DataverseErrorCodes.AccessDenied, () => env.As(northRep).Retrieve("account", southAccount, new ColumnSet("name")));
        Assert.Contains($"ObjectID: {southAccount:D}", fault.Message, StringComparison.Ordinal);
        Assert.Contains($"OwnerId: {southRep:D}", fault.Message, StringComparison.Ordinal);
        Assert.Contains($"CallingUser: {northRep:D}", fault.Message, StringComparison.Ordinal);
        Assert.Contains($"objectBusinessUnitId: {south:D}", fault.Message, StringComparison.Ordinal);
        Assert.Contains("AccessRights: ReadAccess", fault.Message, StringComparison.Ordinal);

        var visible = env.As(northRep).RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") });
        Assert.Equal([northAccount], visible.Entities.Select(e => e.Id));
    }

    [Fact]
    public void UserLevelWrite_ReachesOnlyTheUsersOwnOrders()
    {
        using var env = SecurityTestSetup.Solution();
        var otherRep = env.AUser("Olive Other").WithRole(SolutionRoles.SalesRep).Create();
        var account = env.Service.Create(new Entity("account") { ["name"] = "Contoso" });
        var mine = env.As(FixedIds.SalesRep).Create(Order(account, "SO-MINE"));
        var theirs = env.As(otherRep).Create(Order(account, "SO-THEIRS"));

        env.As(FixedIds.SalesRep).Update(new Entity("salesorder", mine) { ["description"] = "Rush" });
        var fault = FaultAssert.Throws(DataverseErrorCodes.AccessDenied, () => env.As(FixedIds.SalesRep).Update(new Entity("salesorder", theirs) { ["description"] = "Mine now" }));

        Assert.Contains("AccessRights: WriteAccess", fault.Message, StringComparison.Ordinal);
        Assert.Null(env.Service.Retrieve("salesorder", theirs, new ColumnSet("description")).GetAttributeValue<string>("description"));
    }

    [Fact]
    public void SettingALookup_NeedsAppendToOnTheRowPointedAt()
    {
        using var env = SecurityTestSetup.Solution();
        var south = env.ABusinessUnit("South");
        var southRep = env.AUser("Saul South").InBusinessUnit(south).WithRole(SolutionRoles.SalesRep).Create();
        var southAccount = env.As(southRep).Create(new Entity("account") { ["name"] = "Southridge" });

        var fault = FaultAssert.Throws(DataverseErrorCodes.AccessDenied, () => env.As(FixedIds.SalesRep).Create(Order(southAccount, "SO-1")));

        Assert.Contains("AccessRights: AppendToAccess", fault.Message, StringComparison.Ordinal);
        Assert.Equal(0, env.Dataverse.Count("salesorder"));
    }

    [Fact]
    public void Assign_WithoutTheAssignPrivilege_IsRefused_AndTheOwnerStays()
    {
        using var env = SecurityTestSetup.Solution();
        var account = env.Service.Create(new Entity("account") { ["name"] = "Contoso" });
        var order = env.As(FixedIds.SalesRep).Create(Order(account, "SO-1"));

        FaultAssert.Throws(
            DataverseErrorCodes.PrivilegeDenied,
            () => env.As(FixedIds.SalesRep).Execute(new Microsoft.Crm.Sdk.Messages.AssignRequest
            {
                Target = new EntityReference("salesorder", order),
                Assignee = new EntityReference("systemuser", FixedIds.FinanceApprover),
            }));

        Assert.Equal(FixedIds.SalesRep, env.Service.Retrieve("salesorder", order, new ColumnSet("ownerid")).GetAttributeValue<EntityReference>("ownerid").Id);
    }

    [Fact]
    public void Delete_WithoutTheDeletePrivilege_IsRefused()
    {
        using var env = SecurityTestSetup.Solution();
        var account = env.Service.Create(new Entity("account") { ["name"] = "Contoso" });

        var fault = FaultAssert.Throws(DataverseErrorCodes.PrivilegeDenied, () => env.As(FixedIds.FinanceApprover).Delete("account", account));

        Assert.Contains("is missing prvDeleteAccount privilege", fault.Message, StringComparison.Ordinal);
        Assert.Equal(1, env.Dataverse.Count("account"));
    }

    [Fact]
    public void TeamRole_GivesItsPrivilegesToTheTeamsMembers_AndOnlyToThem()
    {
        using var env = SecurityTestSetup.Solution();
        var team = env.ATeam("Credit desk", solutionRoleNames: SolutionRoles.CreditAdministrator);
        var member = env.AUser("Mia Member").InTeam(team).Create();
        var outsider = env.AUser("Otto Outsider").Create();

        var id = env.As(member).Create(new Entity("cos_credittier") { ["cos_name"] = "Gold" });

        Assert.NotEqual(Guid.Empty, id);
        FaultAssert.Throws(DataverseErrorCodes.PrivilegeDenied, () => env.As(outsider).Create(new Entity("cos_credittier") { ["cos_name"] = "Gold" }));
    }

    [Fact]
    public void SystemAdministrator_PassesEveryTablePrivilege()
    {
        using var env = SecurityTestSetup.Solution();
        var admin = env.AUser("Alex Admin").AsSystemAdministrator().Create();

        var policy = env.As(admin).Create(new Entity("cos_creditpolicy") { ["cos_name"] = "Standard" });
        env.As(admin).Delete("cos_creditpolicy", policy);

        Assert.Equal(0, env.Dataverse.Count("cos_creditpolicy"));
    }

    private static Entity Order(Guid account, string name) => new("salesorder")
    {
        ["name"] = name,
        ["customerid"] = new EntityReference("account", account),
    };
}
