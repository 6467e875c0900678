using System.ServiceModel;
using CreditOS.Testing;
using CreditOS.Testing.Builders;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using static CreditOS.Testing.ServiceFaults;

namespace CreditOS.Workflows.Tests;

/// <summary>
/// The ways around Finance the issue found, each attempted as the user who would try it through the local
/// Dataverse pipeline (request guard registered, the solution's processes running): all refused, nothing changed.
/// </summary>
public sealed class ApprovalBypassTests : ApprovalTestBase
{
    [Fact]
    public void FinanceApprover_RewritingWhoRaisedTheRequestForTheirOwnOrder_IsRefused_AndTheyStillCannotDecideIt()
    {
        // Fiona also enters orders (she holds the Sales Rep role as well): the case segregation of duties is for.
        Scenario.Dataverse.AssignRole(FixedIds.FinanceApprover, Scenario.Dataverse.SolutionRoleId(SolutionRoles.SalesRep));
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.FinanceApprover);
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);

        var rewrite = Refused(() => Scenario.As(FixedIds.FinanceApprover).Update(new Entity(Request, request.Id)
        {
            ["cos_requestedby"] = new EntityReference("systemuser", FixedIds.SalesRep),
        }));
        var decide = Refused(() => Decide(FixedIds.FinanceApprover, request.Id, Approved, "Mine, but fine."));

        Assert.Contains("cos_requestedby is fixed when the request is raised", rewrite, StringComparison.Ordinal);
        Assert.Contains("segregation of duties", decide, StringComparison.Ordinal);
        Assert.Equal(FixedIds.FinanceApprover, Row(Request, request.Id).GetAttributeValue<EntityReference>("cos_requestedby").Id);
        Assert.Equal(OnHold, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
    }

    [Fact]
    public void FinanceApprover_CannotDecideARequestForAnOrderTheyOwn_EvenIfSomeoneElseRaisedIt()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        Service.Update(new Entity("salesorder", ApprovalsIds.HeldOrder) { ["ownerid"] = new EntityReference("systemuser", ApprovalsIds.SecondFinanceApprover) });
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);

        var refusal = Refused(() => Decide(ApprovalsIds.SecondFinanceApprover, request.Id, Approved, "My own customer."));

        Assert.Contains("You own or entered the order", refusal, StringComparison.Ordinal);
        Assert.Equal(Pending, Status(Row(Request, request.Id), "cos_approvalstatus"));
        Assert.Equal(OnHold, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
    }

    [Fact]
    public void ARequestCreatedByAPerson_OrAlreadyApproved_IsRefused()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        Entity ARequest(int status) => new(Request)
        {
            ["cos_name"] = "Hand-made request",
            ["cos_requesttype"] = new OptionSetValue(OrderRequest),
            ["cos_salesorderid"] = new EntityReference("salesorder", ApprovalsIds.HeldOrder),
            ["cos_accountid"] = new EntityReference("account", FixedIds.CustomerAccount),
            ["cos_orderamount"] = new Money(12_000m),
            ["cos_approvalstatus"] = new OptionSetValue(status),
        };

        var approved = Refused(() => Scenario.As(FixedIds.FinanceApprover).Create(ARequest(Approved)));
        var pending = Refused(() => Service.Create(ARequest(Pending)));

        Assert.Contains("cannot be created by hand", approved, StringComparison.Ordinal);
        Assert.Contains("cannot be created by hand", pending, StringComparison.Ordinal);
        Assert.Single(RequestsFor("cos_salesorderid", ApprovalsIds.HeldOrder));
        Assert.Equal(OnHold, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
    }

    [Fact]
    public void SavingTheSameStatusAgain_DoesNothing_AndStartsNoProcess()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);
        Decide(FixedIds.FinanceApprover, request.Id, Approved, "One-off.");
        var runs = RequestProcessRuns(request.Id);
        var decided = Row(Request, request.Id);

        // A form re-sending the status it shows is no change (the column is dropped), so the guard does not refuse it.
        Scenario.As(ApprovalsIds.SecondFinanceApprover).Update(new Entity(Request, request.Id) { ["cos_approvalstatus"] = new OptionSetValue(Approved) });

        AssertProcessesSucceeded();
        Assert.Equal(runs, RequestProcessRuns(request.Id));
        var after = Row(Request, request.Id);
        Assert.Equal(FixedIds.FinanceApprover, after.GetAttributeValue<EntityReference>("cos_decidedby").Id);
        Assert.Equal(decided.GetAttributeValue<DateTime>("cos_decidedon"), after.GetAttributeValue<DateTime>("cos_decidedon"));
        Assert.Single(Rows("cos_creditscorehistory", "cos_creditapprovalrequestid", request.Id));
    }

    [Fact]
    public void APendingRequest_CannotBeRepointedAtALargerHeldOrder()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        Scenario.AHeldOrder(ApprovalsIds.SecondHeldOrder, FixedIds.CustomerAccount, 60_000m, FixedIds.SalesRep);
        var small = OnlyRequestFor(ApprovalsIds.HeldOrder);

        Action Repoint(Guid who) => () => Scenario.As(who).Update(new Entity(Request, small.Id) { ["cos_salesorderid"] = new EntityReference("salesorder", ApprovalsIds.SecondHeldOrder) });

        // The Sales Rep's role only reads requests: Dataverse checks privileges before pre-operation steps (event
        // execution pipeline), so the missing prvWrite refuses him before the guard. Those who may write meet the guard.
        Assert.Contains("is missing prvWritecos_CreditApprovalRequest privilege", Refused(Repoint(FixedIds.SalesRep)), StringComparison.Ordinal);
        foreach (var who in new[] { FixedIds.FinanceApprover, FixedIds.AdminUser })
        {
            Assert.Contains("cos_salesorderid is fixed when the request is raised", Refused(Repoint(who)), StringComparison.Ordinal);
        }

        Decide(FixedIds.FinanceApprover, small.Id, Approved, "The 12,000 one.");

        AssertProcessesSucceeded();
        Assert.Equal(Released, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
        Assert.Equal(OnHold, Status(Row("salesorder", ApprovalsIds.SecondHeldOrder), "cos_creditstatus"));
    }

    [Fact]
    public void ARoleNamedLikeTheFinanceApproverRole_GrantsNothing()
    {
        var lookalike = Service.Create(new Entity("role")
        {
            ["name"] = "creditOS Finance Approver",
            ["businessunitid"] = new EntityReference("businessunit", Scenario.Dataverse.RootBusinessUnitId),
        });
        Service.Associate("systemuser", FixedIds.CreditOfficer, new Relationship("systemuserroles_association"), [new EntityReference("role", lookalike)]);
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);

        var refusal = Refused(() => Decide(FixedIds.CreditOfficer, request.Id, Approved, "I hold the role, by name."));

        Assert.Contains("Only holders of the solution's 'creditOS Finance Approver' role", refusal, StringComparison.Ordinal);
        Assert.Equal(OnHold, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
    }

    [Fact]
    public void TheSolutionsRoleInAChildBusinessUnit_IsRecognisedByItsParentRootRole()
    {
        var division = Scenario.Dataverse.CreateBusinessUnit("Division");
        var copy = Service.Create(new Entity("role")
        {
            ["name"] = "creditOS Finance Approver",
            ["businessunitid"] = new EntityReference("businessunit", division),
            ["parentrootroleid"] = new EntityReference("role", ApprovalsIds.FinanceApproverRole),
        });
        Service.Associate("systemuser", FixedIds.CreditOfficer, new Relationship("systemuserroles_association"), [new EntityReference("role", copy)]);
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);

        Decide(FixedIds.CreditOfficer, OnlyRequestFor(ApprovalsIds.HeldOrder).Id, Approved, "Division approver.");

        AssertProcessesSucceeded();
        Assert.Equal(Released, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
    }

    [Fact]
    public void SalesRep_CannotCancelEscalateOrPreloadADecisionOnTheirRequest()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);
        var rep = Scenario.As(FixedIds.SalesRep);

        Refused(() => rep.Update(new Entity(Request, request.Id) { ["cos_approvalstatus"] = new OptionSetValue(Cancelled) }));
        Refused(() => rep.Update(new Entity(Request, request.Id) { ["cos_approvalstatus"] = new OptionSetValue(Escalated) }));
        var preload = Refused(() => rep.Update(new Entity(Request, request.Id)
        {
            ["cos_temporarylimit"] = new Money(1_000_000m),
            ["cos_temporarylimitexpireson"] = FixedIds.Now.UtcDateTime.AddDays(365),
        }));

        // Refused for the missing prvWrite before the pre-operation guard runs (Dataverse checks privileges first).
        Assert.Contains("is missing prvWritecos_CreditApprovalRequest privilege", preload, StringComparison.Ordinal);
        var unchanged = Row(Request, request.Id);
        Assert.Equal(Pending, Status(unchanged, "cos_approvalstatus"));
        Assert.Null(unchanged.GetAttributeValue<Money>("cos_temporarylimit"));
    }

    private int RequestProcessRuns(Guid requestId) =>
        Scenario.Dataverse.AsyncOperations.Count(o => o.PrimaryEntityId == requestId && o.ProcessName is not null);
}
