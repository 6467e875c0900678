extern alias workflows;

using CreditOS.Testing;
using CreditOS.Testing.Builders;
using Microsoft.Xrm.Sdk;
using Activities = workflows::CreditOS.Workflows.Activities;

namespace CreditOS.Workflows.Tests;

/// <summary>The activity run on its own, before the decision process gets to it (async work queued).</summary>
public sealed class ApplyCreditDecisionActivityTests : ApprovalTestBase
{
    public ApplyCreditDecisionActivityTests()
        : base(queueAsyncWork: true)
    {
    }

    [Fact]
    public void Reject_WithCancelOrder_CancelsTheOrder_AndTheProcessLaterFindsItDone()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        Scenario.Dataverse.RunPendingAsyncOperations();
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder).ToEntityReference();
        Decide(FixedIds.FinanceApprover, request.Id, RejectedDecision, "Fraud suspicion.");

        var outputs = Scenario.Dataverse.RunWorkflowActivity(
            new Activities.ApplyCreditDecision(),
            new Dictionary<string, object?> { ["ApprovalRequest"] = request, ["CancelOrderOnReject"] = true },
            request);
        Scenario.Dataverse.RunPendingAsyncOperations();

        Assert.Equal("Rejected", outputs["Outcome"]);
        var order = Row("salesorder", ApprovalsIds.HeldOrder);
        Assert.Equal(2, Status(order, "statecode"));
        Assert.Equal(Rejected, Status(order, "cos_creditstatus"));
        Assert.Single(Rows("task", "regardingobjectid", ApprovalsIds.HeldOrder));
        Assert.Single(Rows("cos_creditscorehistory", "cos_creditapprovalrequestid", request.Id));
        AssertProcessesSucceeded();
    }

    [Fact]
    public void PendingRequest_IsNotApplied()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        Scenario.Dataverse.RunPendingAsyncOperations();
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder).ToEntityReference();

        var outputs = Scenario.Dataverse.RunWorkflowActivity(
            new Activities.ApplyCreditDecision(),
            new Dictionary<string, object?> { ["ApprovalRequest"] = request },
            request);

        Assert.Equal("NotDecided", outputs["Outcome"]);
        Assert.Equal(OnHold, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
        Assert.Empty(Rows("cos_creditscorehistory", "cos_creditapprovalrequestid", request.Id));
    }
}
