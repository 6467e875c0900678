extern alias workflows;

using CreditOS.Testing;
using CreditOS.Testing.Builders;
using Microsoft.Xrm.Sdk;
using EscalatePlugin = workflows::CreditOS.Workflows.Plugins.EscalateOverdueCreditApprovalsPlugin;
using EvaluatePlugin = workflows::CreditOS.Workflows.Plugins.EvaluateCreditThresholdsPlugin;
using RequestLimitPlugin = workflows::CreditOS.Workflows.Plugins.RequestCreditLimitPlugin;
using RoutePlugin = workflows::CreditOS.Workflows.Plugins.RouteOrderForCreditApprovalPlugin;
using RouteLimitPlugin = workflows::CreditOS.Workflows.Plugins.RouteCreditLimitRequestPlugin;
using LimitRouter = workflows::CreditOS.Dataverse.Approvals.CreditLimitRequestRouter;
using Router = workflows::CreditOS.Dataverse.Approvals.OrderApprovalRouter;

namespace CreditOS.Workflows.Tests;

/// <summary>
/// The organization-service call budgets of the workflow steps' Custom APIs, measured by the local Dataverse's call
/// accounting as the people who call them: routing a held order (Sam's order), evaluating thresholds, escalating overdue
/// requests (reads constant, one queue move and one update per request), Carl's typed limit requests and Sam's own.
/// </summary>
public sealed class WorkflowStepBudgetTests : ApprovalTestBase
{
    [Fact]
    public void RoutingAHeldOrder_RaisesItsRequest_WithinTheBudget()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m, customerGroup: KeyAccount);
        Scenario.Dataverse.ClearPluginExecutions();

        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);

        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);
        Assert.Equal(45_000m, request.GetAttributeValue<Money>("cos_exposure").Value);
        Assert.StartsWith("Order SO-", request.GetAttributeValue<string>("cos_name"), StringComparison.Ordinal);
        var routings = Routings();
        Assert.Contains(routings, calls => calls == RoutePlugin.MaximumCalls);
        Assert.All(routings, calls => Assert.InRange(calls, 1, RoutePlugin.MaximumCalls));
    }

    [Fact]
    public void AHeldOrderWhoseAmountChanged_CancelsTheStaleRequest_AndRaisesANewOne_WithinTheBudgetAndOneCancellation()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        var stale = OnlyRequestFor(ApprovalsIds.HeldOrder);
        Scenario.Dataverse.ClearPluginExecutions();

        Scenario.Dataverse.GetOrganizationService().Update(new Entity("salesorder", ApprovalsIds.HeldOrder) { ["totalamount"] = new Money(14_000m) });

        var fresh = OnlyRequestFor(ApprovalsIds.HeldOrder);
        Assert.NotEqual(stale.Id, fresh.Id);
        var cancelled = Row(Request, stale.Id);
        Assert.Equal(Cancelled, Status(cancelled, "cos_approvalstatus"));
        Assert.Equal(1, Status(cancelled, "statecode"));
        Assert.Contains("from 12,000.00 to 14,000.00", cancelled.GetAttributeValue<string>("cos_decisioncomment"), StringComparison.Ordinal);
        Assert.Empty(Rows("queueitem", "objectid", stale.Id));
        // One stale request with its one queue item: the raise's budget, the cancellation and the item's removal.
        Assert.Equal(RoutePlugin.MaximumCalls + Router.CallsPerCancelledRequest + 1, Assert.Single(Routings()));
    }

    [Fact]
    public void ThresholdEvaluation_RaisingAllThreeAlertsAtOnce_StaysWithinTheBudget()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 100_000m, 50_000m);
        Scenario.Dataverse.ClearPluginExecutions();

        Service.Update(new Entity("account", FixedIds.CustomerAccount) { ["cos_exposure"] = new Money(96_000m), ["cos_overdueamount"] = new Money(90_000m) });

        AssertProcessesSucceeded();
        Assert.Equal(3, Rows("cos_creditalert", "cos_accountid", FixedIds.CustomerAccount).Count);
        var evaluate = Assert.Single(Scenario.Dataverse.PluginExecutions, e => e.PluginType == typeof(EvaluatePlugin));
        Assert.True(evaluate.Succeeded, evaluate.Error);
        Assert.Equal(EvaluatePlugin.MaximumCalls, evaluate.ServiceCalls);
    }

    [Fact]
    public void ThresholdEvaluation_ClosingAlertsWhenTheAccountRecovers_StaysWithinTheBudget()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 100_000m, 50_000m);
        Service.Update(new Entity("account", FixedIds.CustomerAccount) { ["cos_exposure"] = new Money(96_000m), ["cos_overdueamount"] = new Money(90_000m) });
        Scenario.Dataverse.ClearPluginExecutions();

        Service.Update(new Entity("account", FixedIds.CustomerAccount) { ["cos_exposure"] = new Money(10_000m), ["cos_overdueamount"] = new Money(0m) });

        AssertProcessesSucceeded();
        Assert.All(Rows("cos_creditalert", "cos_accountid", FixedIds.CustomerAccount), alert => Assert.Equal(1, Status(alert, "statecode")));
        var evaluate = Assert.Single(Scenario.Dataverse.PluginExecutions, e => e.PluginType == typeof(EvaluatePlugin));
        Assert.InRange(evaluate.ServiceCalls, 1, EvaluatePlugin.MaximumCalls);
    }

    [Fact]
    public void Escalation_ReadsTheSameWhateverTheNumberOfOverdueRequests_AndWritesTwicePerRequest()
    {
        var one = EscalateOverdue(1);
        var four = EscalateOverdue(4);

        Assert.InRange(one, 1, EscalatePlugin.MaximumCalls(1));
        Assert.InRange(four, 1, EscalatePlugin.MaximumCalls(4));
        Assert.Equal(3 * 2, four - one);
    }

    [Fact]
    public void ACreditAdministratorsTypedLimitRequests_StayWithinTheBudget()
    {
        var forFinance = Scenario.AnAccount(Guid.NewGuid(), 50_000m, 10_000m);
        var atOnce = Scenario.AnAccountOnCredit(Guid.NewGuid(), 50_000m, 10_000m);
        var initial = Scenario.AnAccount(Guid.NewGuid(), 0m, 0m);

        var calls = new[]
        {
            Calls<RouteLimitPlugin>(() => RouteLimit(forFinance, LimitIncrease, 100_000m)),
            Calls<RouteLimitPlugin>(() => RouteLimit(atOnce, LimitIncrease, 55_000m)),
            Calls<RouteLimitPlugin>(() => RouteLimit(initial, InitialLimit, 20_000m)),
        };

        Assert.Single(RequestsFor("cos_accountid", forFinance));
        Assert.Equal(55_000m, Row("account", atOnce).GetAttributeValue<Money>("creditlimit").Value);
        Assert.Single(RequestsFor("cos_accountid", initial));
        Assert.All(calls, count => Assert.InRange(count, 1, RouteLimitPlugin.MaximumCalls));
    }

    [Fact]
    public void ASalesRepsLimitRequest_WithATemporaryDate_ReadsTheRouteOnce_WithinTheBudget()
    {
        var temporary = Scenario.AnAccount(Guid.NewGuid(), 50_000m, 10_000m);
        var small = Scenario.AnAccountOnCredit(Guid.NewGuid(), 50_000m, 10_000m);

        var withDate = Calls<RequestLimitPlugin>(() => Scenario.As(FixedIds.SalesRep).Execute(new OrganizationRequest("cos_RequestCreditLimit")
        {
            ["Target"] = new EntityReference("account", temporary),
            ["RequestedLimit"] = new Money(150_000m),
            ["Reason"] = "Seasonal peak.",
            ["TemporaryUntil"] = FixedIds.Now.UtcDateTime.AddDays(40),
        }));
        var applied = Calls<RequestLimitPlugin>(() => Scenario.As(FixedIds.SalesRep).Execute(new OrganizationRequest("cos_RequestCreditLimit")
        {
            ["Target"] = new EntityReference("account", small),
            ["RequestedLimit"] = new Money(55_000m),
            ["Reason"] = "A few more orders.",
        }));

        Assert.Single(RequestsFor("cos_accountid", temporary));
        Assert.Equal(55_000m, Row("account", small).GetAttributeValue<Money>("creditlimit").Value);
        // Controls round 10: an increase applied without Finance first asks whether the requester decides approvals (three
        // queries to answer "no" for Sam), so the rep's small increase is now the dearest path and the request the
        // cheaper one by those queries.
        Assert.Equal(RequestLimitPlugin.MaximumCalls - LimitRouter.ApproverCalls, withDate);
        Assert.Equal(RequestLimitPlugin.MaximumCalls, applied);
    }

    private int EscalateOverdue(int requests)
    {
        for (var i = 0; i < requests; i++)
        {
            var account = Scenario.AnAccount(Guid.NewGuid(), 50_000m, 45_000m, customerGroup: i % 2 == 0 ? KeyAccount : null);
            Scenario.AHeldOrder(Guid.NewGuid(), account, 12_000m + i, FixedIds.SalesRep);
        }

        Scenario.Context.Clock.Advance(TimeSpan.FromHours(25));
        var escalated = 0;
        var calls = Calls<EscalatePlugin>(() => escalated = (int)Scenario.As(FixedIds.FinanceApprover).Execute(new OrganizationRequest("cos_EscalateOverdueCreditApprovals"))["Escalated"]);
        Assert.Equal(requests, escalated);
        return calls;
    }

    private void RouteLimit(Guid account, int type, decimal limit) => Scenario.As(FixedIds.CreditOfficer).Execute(new OrganizationRequest("cos_RouteCreditLimitRequest")
    {
        ["Target"] = new EntityReference("account", account),
        ["RequestType"] = type,
        ["RequestedLimit"] = new Money(limit),
        ["Reason"] = "Bureau verification: rating A, solvency 82.",
    });

    private List<int> Routings()
    {
        var routings = Scenario.Dataverse.PluginExecutions.Where(e => e.PluginType == typeof(RoutePlugin)).ToList();
        Assert.All(routings, route => Assert.True(route.Succeeded, route.Error));
        return routings.Select(route => route.ServiceCalls).ToList();
    }

    private int Calls<TPlugin>(Action act)
    {
        Scenario.Dataverse.ClearPluginExecutions();
        act();
        var execution = Assert.Single(Scenario.Dataverse.PluginExecutions, e => e.PluginType == typeof(TPlugin));
        Assert.True(execution.Succeeded, execution.Error);
        return execution.ServiceCalls;
    }
}
