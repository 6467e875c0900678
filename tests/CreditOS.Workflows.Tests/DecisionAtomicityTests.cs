extern alias workflows;

using CreditOS.LocalDataverse.Pipeline;
using CreditOS.Testing;
using CreditOS.Testing.Builders;
using Microsoft.Xrm.Sdk;
using Activities = workflows::CreditOS.Workflows.Activities;

namespace CreditOS.Workflows.Tests;

/// <summary>Applying a decision is all or nothing: a write that fails midway leaves the earlier ones undone.</summary>
public sealed class DecisionAtomicityTests : ApprovalTestBase
{
    private const string History = "cos_creditscorehistory";

    public DecisionAtomicityTests()
        : base(queueAsyncWork: true)
    {
    }

    [Fact]
    public void Reject_WhenRecordingTheHistoryFails_LeavesOrderTaskAndRequestUntouched()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        Scenario.Dataverse.RunPendingAsyncOperations();
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder).ToEntityReference();
        Decide(FixedIds.FinanceApprover, request.Id, RejectedDecision, "Fraud suspicion.");
        Scenario.Dataverse.RegisterStep(new PluginStepRegistration(
            typeof(RefuseHistoryPlugin), new Guid("0d000000-0000-4000-8000-0000000000a1"), "Create", History, PipelineStageNumber.PreOperation, false, 1, [], null, null, []));

        Assert.ThrowsAny<Exception>(() => Scenario.Dataverse.RunWorkflowActivity(
            new Activities.ApplyCreditDecision(),
            new Dictionary<string, object?> { ["ApprovalRequest"] = request, ["CancelOrderOnReject"] = true },
            request));

        var order = Row("salesorder", ApprovalsIds.HeldOrder);
        Assert.Equal(0, Status(order, "statecode"));
        Assert.Equal(OnHold, Status(order, "cos_creditstatus"));
        Assert.Empty(Rows("task", "regardingobjectid", ApprovalsIds.HeldOrder));
        Assert.Empty(Rows(History, "cos_creditapprovalrequestid", request.Id));
        Assert.Equal(0, Status(Row(Request, request.Id), "statecode"));
        Assert.NotEmpty(Rows("queueitem", "objectid", request.Id));
    }

    [Fact]
    public void Reject_WithoutFailures_AppliesEveryWrite()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        Scenario.Dataverse.RunPendingAsyncOperations();
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder).ToEntityReference();
        Decide(FixedIds.FinanceApprover, request.Id, RejectedDecision, "Fraud suspicion.");

        Scenario.Dataverse.RunWorkflowActivity(
            new Activities.ApplyCreditDecision(),
            new Dictionary<string, object?> { ["ApprovalRequest"] = request, ["CancelOrderOnReject"] = true },
            request);

        Assert.Equal(2, Status(Row("salesorder", ApprovalsIds.HeldOrder), "statecode"));
        Assert.Single(Rows("task", "regardingobjectid", ApprovalsIds.HeldOrder));
        Assert.Single(Rows(History, "cos_creditapprovalrequestid", request.Id));
        Assert.Equal(1, Status(Row(Request, request.Id), "statecode"));
        Assert.Empty(Rows("queueitem", "objectid", request.Id));
    }

    /// <summary>Stands for any write that fails late in the decision: the history row is the last but one.</summary>
    public sealed class RefuseHistoryPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider) =>
            throw new InvalidPluginExecutionException("History is unavailable.");
    }
}
