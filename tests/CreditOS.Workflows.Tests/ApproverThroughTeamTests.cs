using System.ServiceModel;
using CreditOS.Testing;
using CreditOS.Testing.Builders;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Workflows.Tests;

/// <summary>
/// Dataverse gives a team's members the team's security roles, so a Finance approver may hold the solution's
/// "creditOS Finance Approver" role through a team instead of directly. The decision guard recognises the role by its
/// identity (role id or parent root role id) held either way, and refuses a user whose roles, direct or through their
/// teams, do not include it. Each case decides as that user through the local Dataverse, which gives them their
/// teams' table privileges and field security profiles.
/// </summary>
public sealed class ApproverThroughTeamTests : ApprovalTestBase
{
    [Fact]
    public void AFinanceApproverHoldingTheRoleThroughATeam_MayDecide()
    {
        var team = Scenario.Dataverse.CreateTeam("Regional finance");
        Scenario.Dataverse.AssignTeamRole(team, ApprovalsIds.FinanceApproverRole);
        Scenario.Dataverse.AssignTeamFieldSecurityProfile(team, Scenario.Dataverse.SolutionFieldSecurityProfileId(SolutionFieldSecurityProfiles.CreditDeciders));
        var tina = Scenario.Context.AUser("Tina Team").InTeam(team).Create();
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);

        Decide(tina, request.Id, Approved, "Approved by the regional finance team.");

        AssertProcessesSucceeded();
        Assert.Equal(tina, Row(Request, request.Id).GetAttributeValue<EntityReference>("cos_decidedby").Id);
        Assert.Equal(Released, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
    }

    [Fact]
    public void TheRolesCopyInAChildBusinessUnit_HeldThroughThatUnitsTeam_IsRecognisedByItsParentRootRole()
    {
        var division = Scenario.Dataverse.CreateBusinessUnit("Division");
        var copy = Service.Create(new Entity("role")
        {
            ["name"] = "creditOS Finance Approver",
            ["businessunitid"] = new EntityReference("businessunit", division),
            ["parentrootroleid"] = new EntityReference("role", ApprovalsIds.FinanceApproverRole),
        });
        var team = Scenario.Dataverse.CreateTeam("Division finance", division);
        Scenario.Dataverse.AssignTeamRole(team, copy);
        var dora = Scenario.Context.AUser("Dora Division").InBusinessUnit(division).InTeam(team)
            .WithProfile(SolutionFieldSecurityProfiles.CreditDeciders).Create();
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);

        Decide(dora, OnlyRequestFor(ApprovalsIds.HeldOrder).Id, Approved, "Division approver, through the division's team.");

        AssertProcessesSucceeded();
        Assert.Equal(Released, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
    }

    [Fact]
    public void AUserWhoseTeamsHoldOtherRoles_OrARoleNamedLikeIt_IsRefused()
    {
        // The team's Credit Administrator role lets its members write approval requests, so the refusal below is the
        // decision guard's, not a missing table privilege; the look-alike role has the right name and no identity.
        var lookalike = Service.Create(new Entity("role")
        {
            ["name"] = "creditOS Finance Approver",
            ["businessunitid"] = new EntityReference("businessunit", Scenario.Dataverse.RootBusinessUnitId),
        });
        var team = Scenario.Dataverse.CreateTeam("Credit desk");
        Scenario.Dataverse.AssignTeamRole(team, Scenario.Dataverse.SolutionRoleId(SolutionRoles.CreditAdministrator));
        Scenario.Dataverse.AssignTeamRole(team, lookalike);
        Scenario.Dataverse.AssignTeamFieldSecurityProfile(team, Scenario.Dataverse.SolutionFieldSecurityProfileId(SolutionFieldSecurityProfiles.CreditDeciders));
        var oscar = Scenario.Context.AUser("Oscar Other").InTeam(team).Create();
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Decide(oscar, request.Id, Approved, "My team is credit.")).Detail.Message;

        Assert.Contains("Only holders of the solution's 'creditOS Finance Approver' role", refusal, StringComparison.Ordinal);
        Assert.Equal(Pending, Status(Row(Request, request.Id), "cos_approvalstatus"));
        Assert.Equal(OnHold, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
    }

    [Fact]
    public void AMemberWhoLeftTheApproversTeam_CanNoLongerDecide()
    {
        var team = Scenario.Dataverse.CreateTeam("Regional finance");
        Scenario.Dataverse.AssignTeamRole(team, ApprovalsIds.FinanceApproverRole);
        Scenario.Dataverse.AssignTeamRole(team, Scenario.Dataverse.SolutionRoleId(SolutionRoles.CreditAdministrator));
        Scenario.Dataverse.AssignTeamFieldSecurityProfile(team, Scenario.Dataverse.SolutionFieldSecurityProfileId(SolutionFieldSecurityProfiles.CreditDeciders));
        var lena = Scenario.Context.AUser("Lena Left").InTeam(team).Create();
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);

        // She keeps a direct Credit Administrator role, so she can still write the request; only the team gave her the approver role.
        Scenario.Dataverse.AssignRole(lena, Scenario.Dataverse.SolutionRoleId(SolutionRoles.CreditAdministrator));
        Scenario.Dataverse.AssignFieldSecurityProfile(lena, Scenario.Dataverse.SolutionFieldSecurityProfileId(SolutionFieldSecurityProfiles.CreditDeciders));
        Service.Disassociate("team", team, new Relationship("teammembership_association"), [new EntityReference("systemuser", lena)]);
        Assert.Empty(Rows("teammembership", "systemuserid", lena));
        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Decide(lena, request.Id, Approved, "Still mine?")).Detail.Message;

        Assert.Contains("Only holders of the solution's 'creditOS Finance Approver' role", refusal, StringComparison.Ordinal);
        Assert.Equal(OnHold, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
    }
}
