extern alias workflows;

using CreditOS.Testing;
using CreditOS.Testing.Builders;
using Microsoft.Xrm.Sdk;
using DecidePlugin = workflows::CreditOS.Workflows.Plugins.DecideCreditApprovalPlugin;

namespace CreditOS.Workflows.Tests;

/// <summary>
/// The organization-service call budget of cos_DecideCreditApproval (<see cref="DecidePlugin.MaximumCalls"/>), measured
/// by the local Dataverse's call accounting on its most expensive paths: an order approved with a temporary limit and a
/// comment, and an order rejected (the rep's task). A customer with many held orders costs no more than one with one.
/// </summary>
public sealed class DecideCreditApprovalBudgetTests : ApprovalTestBase
{
    private static readonly DateTime Today = FixedIds.Now.UtcDateTime;

    public DecideCreditApprovalBudgetTests()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m, customerGroup: KeyAccount);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
    }

    [Fact]
    public void ApprovingAnOrder_WithATemporaryLimitAndAComment_StaysWithinTheBudget()
    {
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);

        var calls = Measure(() => Decide(FixedIds.FinanceApprover, request.Id, Approved, "Seasonal peak.", r =>
        {
            r["cos_temporarylimit"] = new Money(62_000m);
            r["cos_temporarylimitexpireson"] = Today.AddDays(30);
        }));

        Assert.Equal(62_000m, Row("account", FixedIds.CustomerAccount).GetAttributeValue<Money>("cos_temporarylimit").Value);
        Assert.Equal(Released, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
        Assert.InRange(calls, 1, DecidePlugin.MaximumCalls);
    }

    [Fact]
    public void ATeamMember_ApprovingWithATemporaryLimit_StaysWithinTheBudget()
    {
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);

        // Frank holds the Finance approver role through the Finance team: the role check reads his teams too, and so does
        // the approval authority once a team has a row of its own (the matrix's most expensive path).
        Service.Create(new Entity("cos_approvalauthority")
        {
            ["cos_name"] = "Finance credit approvers",
            ["cos_teamid"] = new EntityReference("team", ApprovalsIds.FinanceTeam),
            ["cos_maximumamount"] = 1_000_000m,
        });
        var calls = Measure(() => Decide(ApprovalsIds.SecondFinanceApprover, request.Id, Approved, "Seasonal peak.", r =>
        {
            r["cos_temporarylimit"] = new Money(62_000m);
            r["cos_temporarylimitexpireson"] = Today.AddDays(30);
        }));

        Assert.Equal(Released, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
        Assert.InRange(calls, 1, DecidePlugin.MaximumCalls);
    }

    [Fact]
    public void RejectingAnOrder_StaysWithinTheBudget()
    {
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);

        var calls = Measure(() => Decide(FixedIds.FinanceApprover, request.Id, RejectedDecision, "Two invoices 60 days overdue."));

        Assert.Equal(Rejected, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
        Assert.InRange(calls, 1, DecidePlugin.MaximumCalls);
    }

    [Fact]
    public void ACustomerWithManyHeldOrders_CostsNoMoreThanOneWithOne()
    {
        var first = OnlyRequestFor(ApprovalsIds.HeldOrder);
        var one = Measure(() => Decide(FixedIds.FinanceApprover, first.Id, Approved, "Fine."));
        var more = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var order = Guid.NewGuid();
            Scenario.AHeldOrder(order, FixedIds.CustomerAccount, 12_000m + i, FixedIds.SalesRep);
            more.Add(order);
        }

        var many = Measure(() => Decide(FixedIds.FinanceApprover, OnlyRequestFor(more[^1]).Id, Approved, "Fine."));

        Assert.Equal(one, many);
    }

    private int Measure(Action decide)
    {
        Scenario.Dataverse.ClearPluginExecutions();
        decide();
        var execution = Assert.Single(Scenario.Dataverse.PluginExecutions, e => e.PluginType == typeof(DecidePlugin));
        Assert.True(execution.Succeeded, execution.Error);
        return execution.ServiceCalls;
    }
}
