extern alias plugins;

using CreditOS.LocalDataverse.Pipeline;
using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.BureauReportBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Alert = plugins::CreditOS.Dataverse.Model.CreditAlert;
using Api = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using Policy = plugins::CreditOS.Dataverse.Model.CreditPolicy;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;
using PaymentRescoring = plugins::CreditOS.Dataverse.Credit.Rescoring.PaymentRescoring;
using Rescoring = plugins::CreditOS.Dataverse.Credit.Rescoring.AccountRescoring;

namespace CreditOS.Plugins.Tests;

/// <summary>
/// Every plugin's budget of organization-service calls, held through the local Dataverse's call accounting with a
/// small and a large history: the count is within the stated budget and does not grow with the history.
/// Rescoring costs at most <see cref="Rescoring.MaximumCalls"/> (13): lock claim, account, 3 configuration queries,
/// 6 history aggregates, account write, history row.
/// </summary>
public sealed class PluginBudgetTests
{
    private const int SmallHistory = 5;
    private const int LargeHistory = 300;
    private static readonly Guid EveryChangeRuleSetId = new("e3000000-0000-4000-8000-0000000000b8");

    /// <summary>
    /// The first payment of the day (no running figures yet): account lock claim, account with the named invoices,
    /// settings + one settlement + the full rescoring (configuration and history aggregates) + hold release (account and held orders).
    /// </summary>
    private const int PaymentBudget = plugins::CreditOS.Dataverse.Credit.Payments.PaymentApplication.FixedCalls + 1 + PaymentRescoring.FullCalls + 2;

    /// <summary>
    /// Every later payment of the day (issue 15's aim: at most 6 besides one update per settled invoice): account lock
    /// claim, account with the named invoices, settings with the configuration stamp, orders aggregate, account write,
    /// history row; plus its one settlement.
    /// </summary>
    private const int CheapPaymentCallsBesidesSettlements = plugins::CreditOS.Dataverse.Credit.Payments.PaymentApplication.FixedCalls + PaymentRescoring.CheapCalls;

    /// <summary>
    /// The event-time condition monitor after a rescoring (tier downgrade, Risk score above) or a bureau report's
    /// deteriorations: the conditions and the recorded occurrences, read only when the event can make one true (here no
    /// condition is configured, so it stops after the first), plus one create per action item (none here).
    /// </summary>
    private const int EventMonitorCalls = plugins::CreditOS.Dataverse.Credit.Collections.FollowUp.EventConditionMonitor.MaximumReadCalls;

    /// <summary>Rescoring + hold release (account and held orders) + the event-time condition monitor + the caller's own read of the account (controls round 8).</summary>
    private const int RescoreApiBudget = Rescoring.MaximumCalls + 2 + EventMonitorCalls + plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreCallers.ReadCalls;

    /// <summary>The same with Trigger = event (the asynchronous steps' call): + who may ask for it (controls round 9, at most who SYSTEM is once per organization).</summary>
    private const int RescoreApiEventBudget = RescoreApiBudget + plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreCallers.TriggerCalls;

    [Fact]
    public void PaymentPosting_StaysWithinItsBudget_WhateverTheHistory()
    {
        AssertBudget(typeof(plugins::CreditOS.Plugins.PaymentPostingPlugin), PaymentBudget, world =>
        {
            AnInvoice().Numbered(99_999).Of(1_500m).SettledDaysAgo(null).Create(world.Service);
            return () => APayment().Of(1_500m).Settling("INV-99999").Create(world.Service);
        });
    }

    [Fact]
    public void PaymentPosting_AfterTheFirstOfTheDay_CostsAtMostSixCallsBesidesItsSettlement_WhateverTheHistory()
    {
        Assert.True(CheapPaymentCallsBesidesSettlements <= 6, "issue 15: at most 6 calls per payment besides its settlements");
        AssertBudget(
            typeof(plugins::CreditOS.Plugins.PaymentPostingPlugin),
            CheapPaymentCallsBesidesSettlements + 1,
            world =>
            {
                AnInvoice().Numbered(99_999).Of(1_500m).SettledDaysAgo(null).Create(world.Service);
                AnInvoice().Numbered(99_998).Of(1_200m).IssuedDaysAgo(50).SettledDaysAgo(null).Create(world.Service);
                // The first payment of the day rescores from the aggregates and keeps the figures on the account.
                APayment().Of(600m).Settling("INV-99998").WithErpId("PAY-FIRST").Create(world.Service);
                return () => APayment().Of(1_500m).Settling("INV-99999").WithErpId("PAY-SECOND").Create(world.Service);
            },
            typeof(plugins::CreditOS.Plugins.ConfigurationVersionPlugin));
    }

    [Fact]
    public void ConfigurationVersion_StaysWithinItsBudget() =>
        AssertBudget(typeof(plugins::CreditOS.Plugins.ConfigurationVersionPlugin), plugins::CreditOS.Dataverse.Credit.Configuration.ConfigurationVersion.BumpCalls, world => () => world.Service.Update(
            new Entity(Policy.EntityLogicalName, CreditTestIds.StandardPolicy) { [Policy.Fields.GraceDays] = 4 }));

    [Fact]
    public void BureauReport_StaysWithinTheRescoringBudget_WhateverTheHistory() =>
        AssertBudget(typeof(plugins::CreditOS.Plugins.BureauReportPlugin), Rescoring.MaximumCalls + plugins::CreditOS.Dataverse.Credit.Bureau.BureauComparison.Calls + plugins::CreditOS.Dataverse.Credit.Bureau.BureauAlertRaiser.Calls + EventMonitorCalls, world => () => ABureauReport().Create(world.Service));

    [Fact]
    public void BureauReport_WithEvents_AddsOneCreatePerEventToTheRescoringBudget() =>
        AssertBudget(typeof(plugins::CreditOS.Plugins.BureauReportPlugin), Rescoring.MaximumCalls + plugins::CreditOS.Dataverse.Credit.Bureau.BureauComparison.Calls + plugins::CreditOS.Dataverse.Credit.Bureau.BureauAlertRaiser.Calls + 2 + EventMonitorCalls, world => () => ABureauReport().AnsweringEvents(
            "E2", "1\tInternationalRating\t101\tC\tD\t2026-01-15T01:00:00Z", "2\tJudgment\t105\t0\t1\t2026-01-15T01:05:00Z").Create(world.Service));

    [Fact]
    public void FraudFlag_StaysWithinTheRescoringBudget() =>
        AssertBudget(typeof(plugins::CreditOS.Plugins.FraudFlagPlugin), Rescoring.MaximumCalls, world => () => world.Service.Update(
            new Microsoft.Xrm.Sdk.Entity(plugins::CreditOS.Dataverse.Model.Account.EntityLogicalName, CreditTestIds.Customer) { [plugins::CreditOS.Dataverse.Model.Account.Fields.IsFraudFlagged] = true }));

    [Fact]
    public void RescoreAccountApi_StaysWithinItsBudget_WhateverTheHistory() =>
        AssertBudget(typeof(plugins::CreditOS.Plugins.RescoreAccountPlugin), RescoreApiBudget, world => () => world.Service.Execute(
            new OrganizationRequest(Api.UniqueName) { ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) }));

    [Fact]
    public void ReceivableChange_StaysWithinTheRescoringBudget_WhateverTheHistory()
    {
        // The step itself: the Custom API call (the rescoring runs in the Custom API's transaction, within its own budget) and the worklist refresh.
        AssertBudget(typeof(plugins::CreditOS.Plugins.ReceivableChangePlugin), 1 + plugins::CreditOS.Dataverse.Credit.Collections.CollectionsRefresh.OneReceivableCalls, world =>
        {
            // Open and 15 days past due, so the score moves with a small history and a large one alike and both take
            // the full path (account write and history row). An invoice not yet due carries no outcome and may move
            // a 5-invoice score but not a 300-invoice one past its rounding, which would compare two different paths.
            var id = AnInvoice().Numbered(99_998).Of(700m).IssuedDaysAgo(45).SettledDaysAgo(null).Build();
            return () => world.Service.Create(id);
        }, typeof(plugins::CreditOS.Plugins.RescoreAccountPlugin));
    }

    /// <summary>
    /// Session 23: the dispute rescores its customer in its own transaction (who the caller is, the invoice read and
    /// write, the rescoring, the event-time condition monitor).
    /// </summary>
    [Fact]
    public void DisputeInvoice_StaysWithinItsBudget_WhateverTheHistory() =>
        AssertBudget(
            typeof(plugins::CreditOS.Plugins.DisputeInvoicePlugin),
            plugins::CreditOS.Dataverse.Credit.Disputes.InvoiceDispute.CallsBesidesRescoring + Rescoring.MaximumCalls + EventMonitorCalls,
            world =>
            {
                var invoice = AnInvoice().Numbered(99_996).Of(700m).IssuedDaysAgo(5).SettledDaysAgo(null).Create(world.Service);
                return () => world.Context.As(CreditOS.Testing.FixedIds.FinanceApprover).Execute(new OrganizationRequest(plugins::CreditOS.Dataverse.Credit.Disputes.DisputeInvoiceApi.UniqueName)
                {
                    ["Target"] = new EntityReference(Receivable.EntityLogicalName, invoice),
                    ["Reason"] = "Goods returned",
                });
            });

    [Fact]
    public void PaymentSettlingAnInvoice_IsRescoredOnce_ByThePaymentPostingAlone()
    {
        using var world = CreditWorld.WithPlugins(typeof(plugins::CreditOS.Plugins.PaymentPostingPlugin), typeof(plugins::CreditOS.Plugins.ReceivableChangePlugin));
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var invoice = AnInvoice().Numbered(99_997).Of(1_200m).SettledDaysAgo(null).Create(world.Service);
        world.ForgetExecutions();

        var payment = APayment().Of(1_200m).Settling("INV-99997").Create(world.Service);

        var settled = world.Service.Retrieve(Receivable.EntityLogicalName, invoice, new Microsoft.Xrm.Sdk.Query.ColumnSet(Receivable.Fields.OpenAmount, Receivable.Fields.LastPaymentId));
        Assert.Equal(0m, settled.GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value);
        Assert.Equal(payment, settled.GetAttributeValue<EntityReference>(Receivable.Fields.LastPaymentId).Id);
        var receivableStep = world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.ReceivableChangePlugin)).Single();
        Assert.True(receivableStep.Succeeded, receivableStep.Error);
        Assert.Equal(0, receivableStep.ServiceCalls);
        Assert.InRange(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.PaymentPostingPlugin)).Single().ServiceCalls, 1, PaymentBudget);
    }

    [Fact]
    public void ErpChangeOfAnOpenAmount_IsStillRescored()
    {
        using var world = CreditWorld.WithPlugins(typeof(plugins::CreditOS.Plugins.ReceivableChangePlugin), typeof(plugins::CreditOS.Plugins.RescoreAccountPlugin));
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var invoice = AnInvoice().Numbered(99_996).Of(800m).SettledDaysAgo(null).Create(world.Service);
        world.ForgetExecutions();

        world.Service.Update(new Entity(Receivable.EntityLogicalName, invoice) { [Receivable.Fields.OpenAmount] = new Money(300m) });

        var receivableStep = world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.ReceivableChangePlugin)).Single();
        Assert.True(receivableStep.Succeeded, receivableStep.Error);
        Assert.InRange(receivableStep.ServiceCalls, 1, 1 + plugins::CreditOS.Dataverse.Credit.Collections.CollectionsRefresh.OneReceivableCalls);
        var rescoring = world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.RescoreAccountPlugin)).Single();
        Assert.True(rescoring.Succeeded, rescoring.Error);
        Assert.InRange(rescoring.ServiceCalls, 1, RescoreApiEventBudget);
        Assert.Equal(300m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.OpenReceivables));
    }

    [Fact]
    public void OrderLifecycle_StaysWithinTheRescoringBudget_WhateverTheHistory()
    {
        // One Custom API call per customer concerned (here one); the rescoring and the monitor run within the Custom API's budget.
        AssertBudget(typeof(plugins::CreditOS.Plugins.OrderLifecyclePlugin), 1, world =>
        {
            var orderId = OrderBuilder.AnOrder().Of(100m).Create(world.Service);
            return () => world.Service.Execute(new Microsoft.Crm.Sdk.Messages.SetStateRequest
            {
                EntityMoniker = new EntityReference(plugins::CreditOS.Dataverse.Model.SalesOrder.EntityLogicalName, orderId),
                State = new OptionSetValue((int)plugins::CreditOS.Dataverse.Model.SalesOrderState.Fulfilled),
                Status = new OptionSetValue((int)plugins::CreditOS.Dataverse.Model.SalesOrderStatus.Complete),
            });
        }, typeof(plugins::CreditOS.Plugins.RescoreAccountPlugin));
    }

    [Fact]
    public void PostedPaymentGuard_MakesNoCalls()
    {
        using var world = CreditWorld.WithPlugins(typeof(plugins::CreditOS.Plugins.PostedPaymentGuardPlugin));
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var payment = APayment().Of(100m).Build();
        payment.Id = world.Service.Create(payment);

        world.Service.Update(payment);

        var guard = world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.PostedPaymentGuardPlugin)).Single();
        Assert.True(guard.Succeeded, guard.Error);
        Assert.Equal(0, guard.ServiceCalls);
    }

    [Fact]
    public void ReceivableAmendment_StaysWithinItsBudget_WhateverTheHistory()
    {
        const int Budget = plugins::CreditOS.Dataverse.Credit.Payments.AmountSanityLimits.ReceivableCalls + plugins::CreditOS.Dataverse.Credit.Payments.ReceivableAmendment.Calls;
        AssertBudget(typeof(plugins::CreditOS.Plugins.ReceivableAmendmentPlugin), Budget, world =>
        {
            var invoice = AnInvoice().Numbered(99_995).Of(700m).SettledDaysAgo(null).Create(world.Service);
            return () => world.Service.Update(new Entity(Receivable.EntityLogicalName, invoice) { [Receivable.Fields.Amount] = new Money(600m) });
        });
    }

    [Fact]
    public void PolicyGuard_MakesNoCalls()
    {
        using var world = CreditWorld.WithPlugins(typeof(plugins::CreditOS.Plugins.CreditPolicyGuardPlugin));

        world.Service.Update(new Entity(Policy.EntityLogicalName, CreditTestIds.StandardPolicy) { [Policy.Fields.GraceDays] = 4 });

        Assert.Equal(0, world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.CreditPolicyGuardPlugin)).Last().ServiceCalls);
    }

    [Fact]
    public void CreditAlertGuard_MakesNoCalls_ForAnApproversWorkOnAnAlert()
    {
        using var world = CreditWorld.WithPlugins(typeof(plugins::CreditOS.Plugins.CreditAlertGuardPlugin));
        AnAccount().Create(world.Service);
        var alert = world.Service.Create(new Entity(Alert.EntityLogicalName)
        {
            [Alert.Fields.Name] = "Contoso Industrial: utilization at or above 80%",
            [Alert.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
            [Alert.Fields.AlertType] = new OptionSetValue((int)plugins::CreditOS.Dataverse.Model.CreditAlertType.UtilizationThreshold),
            [Alert.Fields.Threshold] = 80m,
            [Alert.Fields.CrossingKey] = "budget:80",
        });
        world.ForgetExecutions();

        // Acknowledged (outside the step's filtering attributes), then noted and closed by Fiona (the state runs the step):
        // no fact changes and the alert is not opened again, so who SYSTEM is is never asked.
        world.CreditManager.Update(new Entity(Alert.EntityLogicalName, alert) { [Alert.Fields.IsAcknowledged] = true });
        world.CreditManager.Update(new Entity(Alert.EntityLogicalName, alert)
        {
            [Alert.Fields.ClosingNote] = "Paid down.",
            [Alert.Fields.StateCode] = new OptionSetValue(1),
            [Alert.Fields.StatusCode] = new OptionSetValue(2),
        });

        var guard = world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.CreditAlertGuardPlugin)).Single();
        Assert.True(guard.Succeeded, guard.Error);
        Assert.Equal(0, guard.ServiceCalls);
    }

    private static void AssertBudget(Type pluginType, int budget, Func<CreditWorld, Action> arrange, params Type[] alsoRegistered)
    {
        var small = Measure(pluginType, SmallHistory, arrange, alsoRegistered);
        var large = Measure(pluginType, LargeHistory, arrange, alsoRegistered);

        Assert.True(small.Succeeded, small.Error);
        Assert.True(large.Succeeded, large.Error);
        Assert.InRange(large.ServiceCalls, 1, budget);
        Assert.Equal(small.ServiceCalls, large.ServiceCalls);
    }

    private static PluginExecution Measure(Type pluginType, int invoices, Func<CreditWorld, Action> arrange, Type[] alsoRegistered)
    {
        using var world = CreditWorld.WithPlugins([typeof(plugins::CreditOS.Plugins.OrderCreditCheckPlugin), pluginType, .. alsoRegistered.Where(type => type != pluginType)]);
        // The shipped rules with a material score change of 0: every stored change is a new picture, so a small and a
        // large history both take the full path (account write and history row) whatever the size of the move; with
        // the shipped half point a 300-invoice score may move too little for a history row, which is cheaper, not a
        // different budget.
        foreach (var row in plugins::CreditOS.Dataverse.Credit.Configuration.CreditConfigurationRecords.SeedScoringRows(
            plugins::CreditOS.CreditEngine.Configuration.DefaultCreditConfiguration.Create() with { ScoreMateriality = new plugins::CreditOS.CreditEngine.Scoring.ScoreMateriality(0m) },
            EveryChangeRuleSetId,
            CreditTestIds.TierId,
            new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)))
        {
            world.Service.Create(row);
        }

        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        foreach (var invoice in AHistoryOf(invoices, amount: 900m, everyDays: 2))
        {
            world.Service.Create(invoice.Build());
        }

        var act = arrange(world);
        world.ForgetExecutions();
        act();
        return world.ExecutionsOf(pluginType).Single();
    }
}
