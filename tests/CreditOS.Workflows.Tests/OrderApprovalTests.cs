extern alias workflows;

using System.ServiceModel;
using CreditOS.Testing;
using CreditOS.Testing.Builders;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Workflows.Tests;

public sealed class OrderApprovalTests : ApprovalTestBase
{
    [Fact]
    public void HeldOrder_IsRoutedByTheProcess_ToTheFinanceQueueWithItsFigures()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, limit: 50_000m, exposure: 45_000m);

        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);

        AssertProcessesSucceeded();
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);
        Assert.Equal(Pending, Status(request, "cos_approvalstatus"));
        Assert.Equal(12_000m, request.GetAttributeValue<Money>("cos_orderamount").Value);
        Assert.Equal(50_000m, request.GetAttributeValue<Money>("cos_creditlimit").Value);
        Assert.Equal(45_000m, request.GetAttributeValue<Money>("cos_exposure").Value);
        Assert.Equal(5_000m, request.GetAttributeValue<Money>("cos_availablecredit").Value);
        Assert.Equal("Order exceeds available credit.", request.GetAttributeValue<string>("cos_decisionreason"));
        Assert.Equal(FixedIds.SalesRep, request.GetAttributeValue<EntityReference>("cos_requestedby").Id);
        Assert.Equal(FixedIds.Now.UtcDateTime.AddHours(24), request.GetAttributeValue<DateTime>("cos_dueby"));
        var item = Assert.Single(Rows("queueitem", "objectid", request.Id));
        Assert.Equal(ApprovalsIds.FinanceQueue, item.GetAttributeValue<EntityReference>("queueid").Id);
    }

    [Fact]
    public void RoutingTheSameOrderTwice_KeepsOneOpenRequest()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        var first = OnlyRequestFor(ApprovalsIds.HeldOrder);

        var outputs = Scenario.Dataverse.RunWorkflowActivity(
            new workflows::CreditOS.Workflows.Activities.RouteOrderForCreditApproval(),
            new Dictionary<string, object?> { ["Order"] = new EntityReference("salesorder", ApprovalsIds.HeldOrder) },
            new EntityReference("salesorder", ApprovalsIds.HeldOrder));

        Assert.Equal(first.Id, ((EntityReference)outputs["ApprovalRequest"]!).Id);
        Assert.False((bool)outputs["Created"]!);
        Assert.Single(RequestsFor("cos_salesorderid", ApprovalsIds.HeldOrder));
        Assert.Single(Rows("queueitem", "objectid", first.Id));
    }

    [Fact]
    public void HeldOrderOfASegmentWithItsOwnRoute_GoesToTheSegmentQueue()
    {
        Service.Create(new Entity("queue", ApprovalsIds.KeyAccountQueue) { ["name"] = "Credit approvals - key accounts" });
        Service.Create(new Entity("cos_approvalrouting", ApprovalsIds.KeyAccountRoute)
        {
            ["cos_name"] = "Key accounts",
            ["cos_customergroup"] = new OptionSetValue(KeyAccount),
            ["cos_queueid"] = new EntityReference("queue", ApprovalsIds.KeyAccountQueue),
            ["cos_dueinhours"] = 4,
        });
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m, customerGroup: KeyAccount);

        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);

        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);
        Assert.Equal(ApprovalsIds.KeyAccountQueue, request.GetAttributeValue<EntityReference>("cos_queueid").Id);
        Assert.Equal(FixedIds.Now.UtcDateTime.AddHours(4), request.GetAttributeValue<DateTime>("cos_dueby"));
    }

    [Fact]
    public void DueTime_ComesFromTheEnvironmentVariable()
    {
        var byName = new Microsoft.Xrm.Sdk.Query.QueryByAttribute("environmentvariabledefinition") { ColumnSet = new(true) };
        byName.AddAttributeValue("schemaname", "cos_ApprovalDueHours");
        var definition = Assert.Single(Service.RetrieveMultiple(byName).Entities);
        Service.Create(new Entity("environmentvariablevalue")
        {
            ["schemaname"] = "cos_ApprovalDueHours",
            ["value"] = "8",
            ["environmentvariabledefinitionid"] = definition.ToEntityReference(),
        });
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);

        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);

        Assert.Equal(FixedIds.Now.UtcDateTime.AddHours(8), OnlyRequestFor(ApprovalsIds.HeldOrder).GetAttributeValue<DateTime>("cos_dueby"));
    }

    [Fact]
    public void Approve_ByFinanceApprover_ReleasesTheOrder_AndRecordsTheDecision()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);

        Decide(FixedIds.FinanceApprover, request.Id, Approved, "Long-standing customer, one-off.");

        AssertProcessesSucceeded();
        var order = Row("salesorder", ApprovalsIds.HeldOrder);
        Assert.Equal(Released, Status(order, "cos_creditstatus"));
        Assert.StartsWith("Order released by Finance as a one-off: Long-standing customer, one-off. It had been held: ", order.GetAttributeValue<string>("cos_holdreason"), StringComparison.Ordinal);
        Assert.Null(order.GetAttributeValue<string>("cos_holdreasoncode"));
        var decided = Row(Request, request.Id);
        Assert.Equal(FixedIds.FinanceApprover, decided.GetAttributeValue<EntityReference>("cos_decidedby").Id);
        Assert.Equal(FixedIds.Now.UtcDateTime, decided.GetAttributeValue<DateTime>("cos_decidedon"));
        Assert.Equal(1, Status(decided, "statecode"));
        Assert.Empty(Rows("queueitem", "objectid", request.Id));
        var history = Assert.Single(Rows("cos_creditscorehistory", "cos_creditapprovalrequestid", request.Id));
        Assert.Equal(FixedIds.FinanceApprover, history.GetAttributeValue<EntityReference>("cos_decidedby").Id);
        Assert.Equal("Long-standing customer, one-off.", history.GetAttributeValue<string>("cos_comment"));
        Assert.Equal(FixedIds.CustomerAccount, history.GetAttributeValue<EntityReference>("cos_accountid").Id);
    }

    [Fact]
    public void Approve_WithATemporaryLimit_RecordsItOnTheAccount()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);
        var expires = FixedIds.Now.UtcDateTime.AddDays(30);

        Decide(ApprovalsIds.SecondFinanceApprover, request.Id, Approved, "Seasonal peak.", r =>
        {
            r["cos_temporarylimit"] = new Money(60_000m);
            r["cos_temporarylimitexpireson"] = expires;
        });

        AssertProcessesSucceeded();
        var account = Row("account", FixedIds.CustomerAccount);
        Assert.Equal(60_000m, account.GetAttributeValue<Money>("cos_temporarylimit").Value);
        Assert.Equal(expires.Date, account.GetAttributeValue<DateTime>("cos_temporarylimitexpireson")); // a date-only column keeps the date
        Assert.Equal(50_000m, account.GetAttributeValue<Money>("creditlimit").Value);
        Assert.Equal(Released, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
    }

    [Fact]
    public void Approve_WithATemporaryLimitButNoExpiry_IsRefused_AndNothingIsSaved()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            Decide(FixedIds.FinanceApprover, request.Id, Approved, "Seasonal peak.", r => r["cos_temporarylimit"] = new Money(60_000m)));

        Assert.Contains("without an expiry date", refusal.Detail.Message, StringComparison.Ordinal);
        var unchanged = Row(Request, request.Id);
        Assert.Equal(Pending, Status(unchanged, "cos_approvalstatus"));
        Assert.Null(unchanged.GetAttributeValue<Money>("cos_temporarylimit"));
        Assert.Null(unchanged.GetAttributeValue<EntityReference>("cos_decidedby"));
        Assert.Equal(OnHold, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
        Assert.Null(Row("account", FixedIds.CustomerAccount).GetAttributeValue<Money>("cos_temporarylimit"));
    }

    [Fact]
    public void Reject_KeepsTheOrderStopped_TellsTheSalesRepWhy_AndRecordsIt()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);

        Decide(FixedIds.FinanceApprover, request.Id, RejectedDecision, "Two invoices 60 days overdue.");

        AssertProcessesSucceeded();
        var order = Row("salesorder", ApprovalsIds.HeldOrder);
        Assert.Equal(Rejected, Status(order, "cos_creditstatus"));
        Assert.Contains("Two invoices 60 days overdue.", order.GetAttributeValue<string>("cos_holdreason"), StringComparison.Ordinal);
        Assert.Equal(0, Status(order, "statecode"));
        var task = Assert.Single(Rows("task", "regardingobjectid", ApprovalsIds.HeldOrder));
        Assert.Equal(FixedIds.SalesRep, task.GetAttributeValue<EntityReference>("ownerid").Id);
        Assert.Contains("Two invoices 60 days overdue.", task.GetAttributeValue<string>("description"), StringComparison.Ordinal);
        var history = Assert.Single(Rows("cos_creditscorehistory", "cos_creditapprovalrequestid", request.Id));
        Assert.Equal("Order rejected by Finance", history.GetAttributeValue<string>("cos_name"));
    }

    [Fact]
    public void Decision_ByANonApprover_IsRefused_AndNothingChanges()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Decide(FixedIds.CreditOfficer, request.Id, Approved, "Looks fine to me."));

        Assert.Contains("Only holders of the solution's 'creditOS Finance Approver' role", refusal.Detail.Message, StringComparison.Ordinal);
        var unchanged = Row(Request, request.Id);
        Assert.Equal(Pending, Status(unchanged, "cos_approvalstatus"));
        Assert.Null(unchanged.GetAttributeValue<string>("cos_decisioncomment"));
        Assert.Equal(OnHold, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
    }

    [Fact]
    public void Decision_OnYourOwnOrder_IsRefused_EvenForAFinanceApprover()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        // Fiona also enters orders (she holds the Sales Rep role as well): the case segregation of duties is for.
        Scenario.Dataverse.AssignRole(FixedIds.FinanceApprover, Scenario.Dataverse.SolutionRoleId(SolutionRoles.SalesRep));
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.FinanceApprover);
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Decide(FixedIds.FinanceApprover, request.Id, Approved, "Mine."));

        Assert.Contains("segregation of duties", refusal.Detail.Message, StringComparison.Ordinal);
        Assert.Equal(Pending, Status(Row(Request, request.Id), "cos_approvalstatus"));
        Assert.Equal(OnHold, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
    }

    [Fact]
    public void Decision_IsFinal_ASecondDecisionIsRefused()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);
        Decide(FixedIds.FinanceApprover, request.Id, Approved, "Ok.");

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Decide(ApprovalsIds.SecondFinanceApprover, request.Id, RejectedDecision, "No."));

        Assert.Contains("already approved", refusal.Detail.Message, StringComparison.Ordinal);
        Assert.Equal(Released, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
    }

    [Fact]
    public void OrderChangedWhilePending_CancelsTheRequest_AndRaisesOneForTheNewAmount()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        var original = OnlyRequestFor(ApprovalsIds.HeldOrder);

        Scenario.As(FixedIds.SalesRep).Update(new Entity("salesorder", ApprovalsIds.HeldOrder) { ["totalamount"] = new Money(20_000m) });

        AssertProcessesSucceeded();
        var stale = Row(Request, original.Id);
        Assert.Equal(Cancelled, Status(stale, "cos_approvalstatus"));
        Assert.Contains("changed from 12,000.00 to 20,000.00", stale.GetAttributeValue<string>("cos_decisioncomment"), StringComparison.Ordinal);
        Assert.Empty(Rows("queueitem", "objectid", original.Id));
        var fresh = OnlyRequestFor(ApprovalsIds.HeldOrder);
        Assert.Equal(20_000m, fresh.GetAttributeValue<Money>("cos_orderamount").Value);
        Assert.Throws<FaultException<OrganizationServiceFault>>(() => Decide(FixedIds.FinanceApprover, original.Id, Approved, "Too late."));
    }

    [Fact]
    public void OrderNoLongerHeld_CancelsItsPendingRequest()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        var original = OnlyRequestFor(ApprovalsIds.HeldOrder);

        Service.Update(new Entity("salesorder", ApprovalsIds.HeldOrder) { ["cos_creditstatus"] = new OptionSetValue(OrderApproved) });

        Assert.Equal(Cancelled, Status(Row(Request, original.Id), "cos_approvalstatus"));
        Assert.Empty(Rows("queueitem", "objectid", original.Id));
    }
}
