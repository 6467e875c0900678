using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Security;

/// <summary>Field security on the solution's secured columns (account.creditlimit and the credit decision columns).</summary>
public sealed class FieldSecurityTests
{
    [Fact]
    public void Read_WithoutAProfileThatReadsTheColumn_ReturnsTheRowWithoutIt()
    {
        using var env = SecurityTestSetup.Solution();
        var noProfile = env.AUser("Fred Finance").WithRole(SolutionRoles.FinanceApprover).Create();
        var account = env.Service.Create(new Entity("account") { ["name"] = "Contoso", ["creditlimit"] = new Money(50_000m) });

        var row = env.As(noProfile).Retrieve("account", account, new ColumnSet("name", "creditlimit"));
        var listed = env.As(noProfile).RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name", "creditlimit") }).Entities.Single();

        Assert.Equal("Contoso", row.GetAttributeValue<string>("name"));
        Assert.False(row.Contains("creditlimit"));
        Assert.False(listed.Contains("creditlimit"));
        Assert.Equal(50_000m, env.As(FixedIds.SalesRep).Retrieve("account", account, new ColumnSet("creditlimit")).GetAttributeValue<Money>("creditlimit").Value);
    }

    [Fact]
    public void Update_OfASecuredColumn_ByAReadOnlyProfile_IsRefused_AndNothingChanges()
    {
        using var env = SecurityTestSetup.Solution();
        var account = env.As(FixedIds.SalesRep).Create(new Entity("account") { ["name"] = "Contoso" });
        env.Service.Update(new Entity("account", account) { ["creditlimit"] = new Money(50_000m) });

        var fault = FaultAssert.Throws(
            DataverseErrorCodes.AttributePermissionUpdateIsMissingDuringUpdate,
            () => env.As(FixedIds.SalesRep).Update(new Entity("account", account) { ["creditlimit"] = new Money(1_000_000m), ["name"] = "Contoso Ltd" }));

        Assert.Equal(
            $"Caller user with Id {FixedIds.SalesRep:D} does not have update permissions to a Credit Limit secured field on entity Account. The requested operation could not be completed.",
            fault.Message);
        var row = env.Service.Retrieve("account", account, new ColumnSet("creditlimit", "name"));
        Assert.Equal(50_000m, row.GetAttributeValue<Money>("creditlimit").Value);
        Assert.Equal("Contoso", row.GetAttributeValue<string>("name"));
    }

    [Fact]
    public void Create_WithASecuredColumn_WithoutACreatingProfile_IsRefused()
    {
        using var env = SecurityTestSetup.Solution();

        var fault = FaultAssert.Throws(
            DataverseErrorCodes.AttributePrivilegeCreateIsMissing,
            () => env.As(FixedIds.SalesRep).Create(new Entity("account") { ["name"] = "Contoso", ["creditonhold"] = false }));

        Assert.Contains("does not have create permissions to a Credit Hold secured field on entity Account", fault.Message, StringComparison.Ordinal);
        Assert.Equal(0, env.Dataverse.Count("account"));
    }

    [Fact]
    public void FinanceWithTheDecidersProfile_ReadsTheLimit_ButChangesItOnlyThroughALimitRequest()
    {
        using var env = SecurityTestSetup.Solution();
        var account = env.Service.Create(new Entity("account") { ["name"] = "Contoso", ["creditlimit"] = new Money(50_000m) });

        // The Credit Deciders profile grants read only: Finance changes limits through the limit-request path, which the credit flow applies.
        FaultAssert.Throws(
            DataverseErrorCodes.AttributePermissionUpdateIsMissingDuringUpdate,
            () => env.As(FixedIds.FinanceApprover).Update(new Entity("account", account) { ["creditlimit"] = new Money(60_000m) }));

        Assert.Equal(50_000m, env.As(FixedIds.FinanceApprover).Retrieve("account", account, new ColumnSet("creditlimit")).GetAttributeValue<Money>("creditlimit").Value);
    }

    /// <summary>
    /// "When a column is secured, only people who have the system administrator security role can read or set the value"
    /// (Column-level security by using code, "Provide access to secured columns"): the role alone reads and sets a secured
    /// column, with no profile assigned; a user without the role and without a profile still sees the row without it.
    /// </summary>
    [Fact]
    public void SystemAdministrator_WithoutAProfile_ReadsAndSetsSecuredColumns_ByTheRoleAlone()
    {
        using var env = SecurityTestSetup.Solution();
        var admin = env.AUser("Alex Admin").AsSystemAdministrator().Create();
        var noProfile = env.AUser("Fred Finance").WithRole(SolutionRoles.FinanceApprover).Create();
        var account = env.Service.Create(new Entity("account") { ["name"] = "Contoso", ["creditlimit"] = new Money(50_000m) });

        env.As(admin).Update(new Entity("account", account) { ["name"] = "Contoso Ltd", ["creditlimit"] = new Money(40_000m) });
        var created = env.As(admin).Create(new Entity("account") { ["name"] = "Fabrikam", ["creditlimit"] = new Money(5_000m) });
        var row = env.As(admin).Retrieve("account", account, new ColumnSet("name", "creditlimit"));
        var seenWithoutProfile = env.As(noProfile).Retrieve("account", account, new ColumnSet("name", "creditlimit"));

        Assert.Equal("Contoso Ltd", row.GetAttributeValue<string>("name"));
        Assert.Equal(40_000m, row.GetAttributeValue<Money>("creditlimit").Value);
        Assert.Equal(5_000m, env.Service.Retrieve("account", created, new ColumnSet("creditlimit")).GetAttributeValue<Money>("creditlimit").Value);
        Assert.False(seenWithoutProfile.Contains("creditlimit"));
    }

    [Fact]
    public void TeamProfile_GivesItsFieldPermissionsToTheTeamsMembers()
    {
        using var env = SecurityTestSetup.Solution();
        var team = env.ATeam("Finance desk");
        env.Dataverse.AssignTeamFieldSecurityProfile(team, env.Dataverse.SolutionFieldSecurityProfileId(SolutionFieldSecurityProfiles.CreditDeciders));
        var member = env.AUser("Fay Finance").WithRole(SolutionRoles.FinanceApprover).InTeam(team).Create();
        var outsider = env.AUser("Otto Outside").WithRole(SolutionRoles.FinanceApprover).Create();
        var account = env.Service.Create(new Entity("account") { ["name"] = "Contoso", ["creditlimit"] = new Money(55_000m) });

        var seenByMember = env.As(member).Retrieve("account", account, new ColumnSet("name", "creditlimit"));
        var seenByOutsider = env.As(outsider).Retrieve("account", account, new ColumnSet("name", "creditlimit"));

        Assert.Equal(55_000m, seenByMember.GetAttributeValue<Money>("creditlimit").Value);
        Assert.False(seenByOutsider.Contains("creditlimit"));
        Assert.Equal("Contoso", seenByOutsider.GetAttributeValue<string>("name"));
    }

    [Fact]
    public void SystemUser_IsNotSubjectToFieldSecurity()
    {
        using var env = SecurityTestSetup.Solution();
        var account = env.System.Create(new Entity("account") { ["name"] = "Contoso", ["creditlimit"] = new Money(50_000m) });

        env.System.Update(new Entity("account", account) { ["creditlimit"] = new Money(70_000m) });

        Assert.Equal(70_000m, env.System.Retrieve("account", account, new ColumnSet("creditlimit")).GetAttributeValue<Money>("creditlimit").Value);
    }
}
