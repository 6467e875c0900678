extern alias workflows;

using CreditOS.Testing;
using CreditOS.Testing.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using GuardPlugin = workflows::CreditOS.Workflows.Plugins.ApprovalAuthorityGuardPlugin;
using Guard = workflows::CreditOS.Dataverse.Approvals.ApprovalAuthorityGuard;

namespace CreditOS.Workflows.Tests;

/// <summary>
/// The call budget of the approval authority guard (<see cref="Guard.MaximumCalls"/>): Carl, who decides nothing, costs
/// the approver directory's three queries on each save; Frank, a Finance approver through the Finance team, is refused
/// within them.
/// </summary>
public sealed class ApprovalAuthorityGuardBudgetTests : ApprovalTestBase
{
    [Fact]
    public void KeepingTheMatrix_AndBeingRefusedAsAnApprover_StayWithinTheBudget()
    {
        var row = DefaultRow();

        var update = Measure(() => Scenario.As(FixedIds.CreditOfficer).Update(new Entity("cos_approvalauthority", row) { ["cos_maximumamount"] = 500_000m }), succeeded: true);
        var create = Measure(() => Scenario.As(FixedIds.CreditOfficer).Create(new Entity("cos_approvalauthority")
        {
            ["cos_name"] = "Finance credit approvers",
            ["cos_teamid"] = new EntityReference("team", ApprovalsIds.FinanceTeam),
            ["cos_maximumamount"] = 250_000m,
        }), succeeded: true);
        var refused = Measure(() => Assert.ThrowsAny<Exception>(() => Scenario.As(ApprovalsIds.SecondFinanceApprover).Delete("cos_approvalauthority", row)), succeeded: false);

        Assert.All(new[] { update, create, refused }, calls => Assert.InRange(calls, 0, Guard.MaximumCalls));
    }

    private Guid DefaultRow()
    {
        var query = new QueryExpression("cos_approvalauthority") { ColumnSet = new ColumnSet(false) };
        query.Criteria.AddCondition("cos_teamid", ConditionOperator.Null);
        return Assert.Single(Service.RetrieveMultiple(query).Entities).Id;
    }

    private int Measure(Action save, bool succeeded)
    {
        Scenario.Dataverse.ClearPluginExecutions();
        save();
        var execution = Assert.Single(Scenario.Dataverse.PluginExecutions, e => e.PluginType == typeof(GuardPlugin));
        Assert.Equal(succeeded, execution.Succeeded);
        return execution.ServiceCalls;
    }
}
