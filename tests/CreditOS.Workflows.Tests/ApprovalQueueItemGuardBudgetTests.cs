extern alias workflows;

using CreditOS.Testing;
using CreditOS.Testing.Builders;
using Microsoft.Xrm.Sdk;
using GuardPlugin = workflows::CreditOS.Workflows.Plugins.ApprovalQueueItemGuardPlugin;
using Guard = workflows::CreditOS.Dataverse.Approvals.ApprovalQueueItemGuard;

namespace CreditOS.Workflows.Tests;

/// <summary>
/// The call budget of the queue item guard (<see cref="Guard.MaximumCalls"/>): refusing Fiona's removal of an open
/// request's queue item or her deactivating it (round 9), letting her work on it (no call), and the credit flow's own removal when she decides it.
/// </summary>
public sealed class ApprovalQueueItemGuardBudgetTests : ApprovalTestBase
{
    [Fact]
    public void RefusingARemoval_WorkingOnAnItem_AndTheDecisionsOwnRemoval_StayWithinTheBudget()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);
        var item = Assert.Single(Rows("queueitem", "objectid", request.Id));

        var refused = Measure(() => Assert.ThrowsAny<Exception>(() => Scenario.As(FixedIds.FinanceApprover).Delete("queueitem", item.Id)));
        // Controls round 9: deactivating the item (SetState is an Update of statecode) is refused within the same budget.
        refused.AddRange(Measure(() => Assert.ThrowsAny<Exception>(() => Scenario.As(FixedIds.FinanceApprover).Execute(new Microsoft.Crm.Sdk.Messages.SetStateRequest
        {
            EntityMoniker = new EntityReference("queueitem", item.Id),
            State = new OptionSetValue(1),
            Status = new OptionSetValue(2),
        }))));
        var worked = Measure(() => Scenario.As(FixedIds.FinanceApprover).Update(new Entity("queueitem", item.Id) { ["workerid"] = new EntityReference("systemuser", FixedIds.FinanceApprover) }));
        var decided = Measure(() => Decide(FixedIds.FinanceApprover, request.Id, Approved, "Fine."));

        Assert.All(refused.Concat(worked).Concat(decided), calls => Assert.InRange(calls, 0, Guard.MaximumCalls));
        Assert.NotEmpty(refused);
        Assert.NotEmpty(decided);
        Assert.Empty(Rows("queueitem", "objectid", request.Id));
    }

    private List<int> Measure(Action action)
    {
        Scenario.Dataverse.ClearPluginExecutions();
        action();
        return Scenario.Dataverse.PluginExecutions.Where(e => e.PluginType == typeof(GuardPlugin)).Select(e => e.ServiceCalls).ToList();
    }
}
