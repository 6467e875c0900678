extern alias workflows;

using CreditOS.Testing;
using CreditOS.Testing.Builders;
using Microsoft.Xrm.Sdk;
using Activities = workflows::CreditOS.Workflows.Activities;

namespace CreditOS.Workflows.Tests;

public sealed class LimitEscalationAndAlertTests : ApprovalTestBase
{
    private IReadOnlyDictionary<string, object?> RequestLimit(Guid account, int type, decimal limit, DateTime? reviewOn = null) =>
        Scenario.Dataverse.RunWorkflowActivity(
            new Activities.RouteCreditLimitRequest(),
            new Dictionary<string, object?>
            {
                ["Account"] = new EntityReference("account", account),
                ["RequestType"] = new OptionSetValue(type),
                ["RequestedLimit"] = new Money(limit),
                ["Reason"] = "Bureau verification: rating A, solvency 82.",
                ["ReviewOn"] = reviewOn ?? default(DateTime),
            },
            new EntityReference("account", account),
            FixedIds.CreditOfficer);

    [Fact]
    public void InitialLimit_IsRoutedToFinance_AndApprovalSetsItWithTheReviewDate()
    {
        Scenario.AnAccount(ApprovalsIds.NewCustomer, limit: 0m, exposure: 0m);
        var review = FixedIds.Now.UtcDateTime.AddMonths(6);

        var outputs = RequestLimit(ApprovalsIds.NewCustomer, InitialLimit, 20_000m, review);
        var request = (EntityReference)outputs["ApprovalRequest"]!;
        Decide(FixedIds.FinanceApprover, request.Id, Approved, "Verified.");

        AssertProcessesSucceeded();
        Assert.True((bool)outputs["RequiresApproval"]!);
        var account = Row("account", ApprovalsIds.NewCustomer);
        Assert.Equal(20_000m, account.GetAttributeValue<Money>("creditlimit").Value);
        Assert.Equal(review.Date, account.GetAttributeValue<DateTime>("cos_limitreviewon")); // a date-only column keeps the date
        var history = Assert.Single(Rows("cos_creditscorehistory", "cos_creditapprovalrequestid", request.Id));
        Assert.Equal(0m, history.GetAttributeValue<Money>("cos_previouscreditlimit").Value);
        Assert.Equal(20_000m, history.GetAttributeValue<Money>("cos_creditlimit").Value);
    }

    [Fact]
    public void LimitIncreaseAboveTheConfiguredAmount_NeedsFinance_AndRejectionLeavesTheLimit()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 10_000m);

        var request = (EntityReference)RequestLimit(FixedIds.CustomerAccount, LimitIncrease, 100_000m)["ApprovalRequest"]!;
        Decide(FixedIds.FinanceApprover, request.Id, RejectedDecision, "Too big a step.");

        AssertProcessesSucceeded();
        Assert.Equal(50_000m, Row("account", FixedIds.CustomerAccount).GetAttributeValue<Money>("creditlimit").Value);
        var history = Assert.Single(Rows("cos_creditscorehistory", "cos_creditapprovalrequestid", request.Id));
        Assert.Equal("Too big a step.", history.GetAttributeValue<string>("cos_comment"));
    }

    [Fact]
    public void LimitIncreaseWithinTheConfiguredAmount_IsAppliedAtOnce_AndRecorded()
    {
        Scenario.AnAccountOnCredit(FixedIds.CustomerAccount, 50_000m, 10_000m);

        var outputs = RequestLimit(FixedIds.CustomerAccount, LimitIncrease, 60_000m);

        Assert.False((bool)outputs["RequiresApproval"]!);
        Assert.Empty(RequestsFor("cos_accountid", FixedIds.CustomerAccount));
        Assert.Equal(60_000m, Row("account", FixedIds.CustomerAccount).GetAttributeValue<Money>("creditlimit").Value);
        Assert.Single(Rows("cos_creditscorehistory", "cos_accountid", FixedIds.CustomerAccount));
    }

    [Fact]
    public void LimitIncreaseWithinTheConfiguredAmount_WhenRecordingTheHistoryFails_LeavesTheLimitUnchanged()
    {
        Scenario.AnAccountOnCredit(FixedIds.CustomerAccount, 50_000m, 10_000m);
        Scenario.Dataverse.RegisterStep(new CreditOS.LocalDataverse.Pipeline.PluginStepRegistration(
            typeof(DecisionAtomicityTests.RefuseHistoryPlugin), new Guid("0d000000-0000-4000-8000-0000000000a2"), "Create", "cos_creditscorehistory",
            CreditOS.LocalDataverse.Pipeline.PipelineStageNumber.PreOperation, false, 1, [], null, null, []));

        Assert.ThrowsAny<Exception>(() => RequestLimit(FixedIds.CustomerAccount, LimitIncrease, 60_000m));

        Assert.Equal(50_000m, Row("account", FixedIds.CustomerAccount).GetAttributeValue<Money>("creditlimit").Value);
        Assert.Empty(Rows("cos_creditscorehistory", "cos_accountid", FixedIds.CustomerAccount));
    }

    [Fact]
    public void InitialLimit_ForACustomerWithOrders_IsRefused_AndNothingIsWritten()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 0m, 0m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 1_000m, FixedIds.SalesRep);
        var before = RequestsFor("cos_accountid", FixedIds.CustomerAccount).Count;

        var refusal = Assert.ThrowsAny<Exception>(() => RequestLimit(FixedIds.CustomerAccount, InitialLimit, 20_000m));

        Assert.Contains("already has orders", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(before, RequestsFor("cos_accountid", FixedIds.CustomerAccount).Count);
    }

    [Fact]
    public void PendingRequestPastItsDueTime_MovesToTheEscalationQueue_AndIsFlagged()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);
        Scenario.Context.Clock.Advance(TimeSpan.FromHours(25));

        var outputs = Scenario.Dataverse.RunWorkflowActivity(new Activities.EscalateOverdueCreditApprovals(), new Dictionary<string, object?>(), request.ToEntityReference());

        Assert.Equal(1, outputs["Escalated"]);
        var escalated = Row(Request, request.Id);
        Assert.Equal(Escalated, Status(escalated, "cos_approvalstatus"));
        Assert.Equal(FixedIds.Now.UtcDateTime.AddHours(25), escalated.GetAttributeValue<DateTime>("cos_escalatedon"));
        var item = Assert.Single(Rows("queueitem", "objectid", request.Id));
        Assert.Equal(ApprovalsIds.EscalationQueue, item.GetAttributeValue<EntityReference>("queueid").Id);

        Decide(FixedIds.FinanceApprover, request.Id, Approved, "Sorry for the delay.");
        Assert.Equal(Released, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
    }

    [Fact]
    public void PendingRequestNotYetDue_IsNotEscalated()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        Scenario.Context.Clock.Advance(TimeSpan.FromHours(23));

        var outputs = Scenario.Dataverse.RunWorkflowActivity(new Activities.EscalateOverdueCreditApprovals(), new Dictionary<string, object?>(), new EntityReference("salesorder", ApprovalsIds.HeldOrder));

        Assert.Equal(0, outputs["Escalated"]);
        Assert.Equal(Pending, Status(OnlyRequestFor(ApprovalsIds.HeldOrder), "cos_approvalstatus"));
    }

    [Fact]
    public void UtilizationCrossingTheThresholds_RaisesOneAlertPerCrossing_WithoutDuplicates()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 100_000m, 50_000m);

        Service.Update(new Entity("account", FixedIds.CustomerAccount) { ["cos_exposure"] = new Money(85_000m) });
        Service.Update(new Entity("account", FixedIds.CustomerAccount) { ["cos_exposure"] = new Money(90_000m) });
        Service.Update(new Entity("account", FixedIds.CustomerAccount) { ["cos_exposure"] = new Money(96_000m) });

        AssertProcessesSucceeded();
        var alerts = Rows("cos_creditalert", "cos_accountid", FixedIds.CustomerAccount);
        Assert.Equal([80m, 95m], alerts.Select(a => a.GetAttributeValue<decimal>("cos_threshold")).Order().ToArray());
    }

    [Fact]
    public void UtilizationAgainstAValidTemporaryLimit_RaisesNoAlert()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 100_000m, 50_000m);
        Service.Update(new Entity("account", FixedIds.CustomerAccount)
        {
            ["cos_temporarylimit"] = new Money(200_000m),
            ["cos_temporarylimitexpireson"] = Scenario.Context.Clock.GetUtcNow().UtcDateTime.Date.AddDays(10),
        });

        // 90,000 is 90% of the permanent limit but 45% of the temporary limit in force: the old evaluator raised 80%.
        Service.Update(new Entity("account", FixedIds.CustomerAccount) { ["cos_exposure"] = new Money(90_000m) });

        AssertProcessesSucceeded();
        Assert.Empty(Rows("cos_creditalert", "cos_accountid", FixedIds.CustomerAccount));
    }

    [Fact]
    public void AlertThresholdsOfTheAccountsPolicy_ReplaceTheDefaults()
    {
        var policy = Service.Create(new Entity("cos_creditpolicy")
        {
            ["cos_name"] = "Watched",
            ["cos_code"] = "WATCHED",
            ["cos_alertthresholdwarning"] = 60m,
            ["cos_alertthresholdcritical"] = 70m,
            ["cos_overduealertamount"] = new Money(500m),
        });
        Scenario.AnAccount(FixedIds.CustomerAccount, 100_000m, 10_000m);
        Service.Update(new Entity("account", FixedIds.CustomerAccount) { ["cos_creditpolicyid"] = new EntityReference("cos_creditpolicy", policy) });

        // Below the environment's 80% and overdue level, above the policy's 60% and 500: the old evaluator raised nothing.
        Service.Update(new Entity("account", FixedIds.CustomerAccount) { ["cos_exposure"] = new Money(65_000m), ["cos_overdueamount"] = new Money(1_000m) });

        AssertProcessesSucceeded();
        var alerts = Rows("cos_creditalert", "cos_accountid", FixedIds.CustomerAccount);
        Assert.Equal([60m, 500m], alerts.Select(a => a.GetAttributeValue<decimal>("cos_threshold")).Order().ToArray());
    }

    [Fact]
    public void OverdueAboveTheConfiguredLevel_RaisesAnAlert_AndANewCrossingAfterRecoveryRaisesAnother()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 100_000m, 10_000m);

        Service.Update(new Entity("account", FixedIds.CustomerAccount) { ["cos_overdueamount"] = new Money(12_000m) });
        Service.Update(new Entity("account", FixedIds.CustomerAccount) { ["cos_overdueamount"] = new Money(15_000m) });
        Scenario.Context.Clock.Advance(TimeSpan.FromDays(1));
        Service.Update(new Entity("account", FixedIds.CustomerAccount) { ["cos_overdueamount"] = new Money(0m) });
        Scenario.Context.Clock.Advance(TimeSpan.FromDays(1));
        Service.Update(new Entity("account", FixedIds.CustomerAccount) { ["cos_overdueamount"] = new Money(11_000m) });

        AssertProcessesSucceeded();
        var alerts = Rows("cos_creditalert", "cos_accountid", FixedIds.CustomerAccount);
        Assert.Equal(2, alerts.Count);
        Assert.Single(alerts, a => a.GetAttributeValue<OptionSetValue>("statecode").Value == 0);
    }
}
