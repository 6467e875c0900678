using CreditOS.LocalDataverse.Pipeline;
using CreditOS.Testing;
using CreditOS.Testing.Builders;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Workflows.Tests;

/// <summary>
/// A decision is all or nothing: cos_DecideCreditApproval records it and applies it in its own transaction, so a write
/// that fails midway leaves the request undecided and the order, task, history and queue as they were.
/// </summary>
public sealed class DecisionAtomicityTests : ApprovalTestBase
{
    private const string History = "cos_creditscorehistory";

    [Fact]
    public void Reject_WhenRecordingTheHistoryFails_LeavesRequestOrderTaskAndQueueUntouched()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder).ToEntityReference();
        Scenario.Dataverse.RegisterStep(new PluginStepRegistration(
            typeof(RefuseHistoryPlugin), new Guid("0d000000-0000-4000-8000-0000000000a1"), "Create", History, PipelineStageNumber.PreOperation, false, 1, [], null, null, []));

        var failure = Assert.ThrowsAny<Exception>(() => Decide(FixedIds.FinanceApprover, request.Id, RejectedDecision, "Fraud suspicion."));

        Assert.Contains("History is unavailable.", failure.Message, StringComparison.Ordinal);
        var unchanged = Row(Request, request.Id);
        Assert.Equal(Pending, Status(unchanged, "cos_approvalstatus"));
        Assert.Null(unchanged.GetAttributeValue<EntityReference>("cos_decidedby"));
        Assert.Null(unchanged.GetAttributeValue<string>("cos_decisioncomment"));
        Assert.Equal(0, Status(unchanged, "statecode"));
        var order = Row("salesorder", ApprovalsIds.HeldOrder);
        Assert.Equal(OnHold, Status(order, "cos_creditstatus"));
        Assert.Equal("Order exceeds available credit.", order.GetAttributeValue<string>("cos_holdreason"));
        Assert.Empty(Rows("task", "regardingobjectid", ApprovalsIds.HeldOrder));
        Assert.Empty(Rows(History, "cos_creditapprovalrequestid", request.Id));
        Assert.NotEmpty(Rows("queueitem", "objectid", request.Id));
    }

    [Fact]
    public void Reject_WithoutFailures_AppliesEveryWriteInTheSameCall()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder).ToEntityReference();

        var response = Decide(FixedIds.FinanceApprover, request.Id, RejectedDecision, "Fraud suspicion.");

        Assert.Equal("Rejected", response["Outcome"]);
        Assert.Equal(Rejected, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
        Assert.Single(Rows("task", "regardingobjectid", ApprovalsIds.HeldOrder));
        Assert.Single(Rows(History, "cos_creditapprovalrequestid", request.Id));
        var decided = Row(Request, request.Id);
        Assert.Equal(RejectedDecision, Status(decided, "cos_approvalstatus"));
        Assert.Equal(1, Status(decided, "statecode"));
        Assert.Empty(Rows("queueitem", "objectid", request.Id));
    }

    /// <summary>Stands for any write that fails late in the decision: the history row is the last but one.</summary>
    public sealed class RefuseHistoryPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider) =>
            throw new InvalidPluginExecutionException("History is unavailable.");
    }
}
