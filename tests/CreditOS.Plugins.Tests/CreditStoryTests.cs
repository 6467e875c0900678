extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.BureauReportBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Api = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using History = plugins::CreditOS.Dataverse.Model.CreditScoreHistory;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;
using Trigger = plugins::CreditOS.Dataverse.Model.ScoreTrigger;

namespace CreditOS.Plugins.Tests;

/// <summary>The lead's run story, step by step, through the pipeline with every creditOS plugin registered.</summary>
public sealed class CreditStoryTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public void Dispose() => world.Dispose();

    [Fact]
    public void GoodCustomer_IsScoredFromItsHistory_AndItsOrderIsApproved()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        foreach (var invoice in AHistoryOf(24, amount: 8_000m, everyDays: 30))
        {
            invoice.Create(world.Service);
        }

        var response = Rescore(CreditTestIds.Customer);
        var orderId = AnOrder().Of(10_000).Create(world.Service);

        var account = world.Account(CreditTestIds.Customer);
        Assert.False(account.GetAttributeValue<bool>(Account.Fields.IsStarterTerms));
        Assert.NotNull(account.GetAttributeValue<EntityReference>(Account.Fields.CreditTierId));
        Assert.True(account.GetAttributeValue<Money>(Account.Fields.CreditLimit).Value > 10_000m);
        Assert.Equal((decimal)response.Results[Api.Response.RiskScore], account.GetAttributeValue<decimal>(Account.Fields.RiskScore));
        Assert.False(string.IsNullOrEmpty((string)response.Results[Api.Response.Reasons]));
        Assert.Equal((int)CreditStatus.Approved, world.Order(orderId).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
    }

    [Fact]
    public void NewCustomer_IsPutOnStarterTerms_AndItsFirstOrderWaitsForPrepayment()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);

        Rescore(CreditTestIds.Customer);
        var orderId = AnOrder().Of(2_000).Create(world.Service);

        var account = world.Account(CreditTestIds.Customer);
        Assert.True(account.GetAttributeValue<bool>(Account.Fields.IsStarterTerms));
        Assert.Equal(CreditTestIds.TierId("STARTER"), account.GetAttributeValue<EntityReference>(Account.Fields.CreditTierId).Id);
        var order = world.Order(orderId);
        Assert.Equal((int)CreditStatus.AwaitingPrepayment, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal("PrepaymentRequired", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));
    }

    [Fact]
    public void PaymentOfTheOverdueInvoice_LiftsTheHoldItCaused()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        foreach (var invoice in AHistoryOf(24, amount: 8_000m, everyDays: 30))
        {
            invoice.Create(world.Service);
        }

        AnInvoice().Numbered(900).Of(4_000m).IssuedDaysAgo(70).DueAfter(30).SettledDaysAgo(null).Create(world.Service);
        Rescore(CreditTestIds.Customer);
        var orderId = AnOrder().Of(1_000).Create(world.Service);
        Assert.Equal("OverdueBeyondGrace", world.Order(orderId).GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));

        APayment().Of(4_000m).Settling("INV-00900").Create(world.Service);

        var order = world.Order(orderId);
        Assert.Equal((int)CreditStatus.Released, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Contains("payment PAY-1 cured the hold (OverdueBeyondGrace)", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
        var settled = world.Service.RetrieveMultiple(new QueryByAttribute(Receivable.EntityLogicalName) { ColumnSet = new ColumnSet(Receivable.Fields.OpenAmount, Receivable.Fields.SettledOn, Receivable.Fields.DaysLate), Attributes = { Receivable.Fields.ErpId }, Values = { "INV-00900" } }).Entities.Single();
        Assert.Equal(0m, settled.GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value);
        Assert.Equal(CreditTestIds.Today, settled.GetAttributeValue<DateTime>(Receivable.Fields.SettledOn));
        Assert.Equal(40, settled.GetAttributeValue<int>(Receivable.Fields.DaysLate));
        Assert.Equal(0m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.OverdueAmount));
    }

    [Fact]
    public void PartialPaymentThatLeavesItOverdue_KeepsTheOrderOnHold()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        foreach (var invoice in AHistoryOf(24, amount: 8_000m, everyDays: 30))
        {
            invoice.Create(world.Service);
        }

        AnInvoice().Numbered(900).Of(4_000m).IssuedDaysAgo(70).DueAfter(30).SettledDaysAgo(null).Create(world.Service);
        Rescore(CreditTestIds.Customer);
        var orderId = AnOrder().Of(1_000).Create(world.Service);

        APayment().Of(1_500m).Settling("INV-00900").Create(world.Service);

        var order = world.Order(orderId);
        Assert.Equal((int)CreditStatus.OnHold, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal(2_500m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.OverdueAmount));
    }

    [Fact]
    public void BureauJudgment_SuspendsTheCustomerAtOnce_AndTheNextOrderIsKeptRefusedWithTheReason()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        foreach (var invoice in AHistoryOf(24, amount: 8_000m, everyDays: 30))
        {
            invoice.Create(world.Service);
        }

        ABureauReport().WithJudgment().ReportedDaysAgo(1).Create(world.Service);

        var account = world.Account(CreditTestIds.Customer);
        Assert.True(account.GetAttributeValue<bool>(Account.Fields.IsSuspended));
        var refused = world.Order(AnOrder().Of(500).Create(world.Service));
        Assert.Equal((int)plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus.Refused, refused.GetAttributeValue<OptionSetValue>(plugins::CreditOS.Dataverse.Model.SalesOrder.Fields.CreditStatus).Value);
        Assert.Contains("New orders are suspended: the bureau report of 2026-01-14 shows 1 judgment(s)", refused.GetAttributeValue<string>(plugins::CreditOS.Dataverse.Model.SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
        Assert.Equal(0m, world.OpenOrders(CreditTestIds.Customer));
    }

    [Fact]
    public void RescoringThatChangesThePicture_RecordsHistoryWithTriggerAndReasons_AndAnUnchangedRescoreDoesNot()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var before = CountHistory();

        Rescore(CreditTestIds.Customer);
        var afterFirst = CountHistory();
        var second = Rescore(CreditTestIds.Customer);

        Assert.Equal(before + 1, afterFirst);
        Assert.Equal(afterFirst, CountHistory());
        Assert.False((bool)second.Results[Api.Response.Changed]);
        var entry = LatestHistory();
        Assert.Equal((int)Trigger.OnDemand, entry.GetAttributeValue<OptionSetValue>(History.Fields.Trigger).Value);
        Assert.False(string.IsNullOrEmpty(entry.GetAttributeValue<string>(History.Fields.RuleSetVersion)));
    }

    [Fact]
    public void RescoringWithTheScheduledTrigger_RecordsScheduledScoring()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);

        world.Service.Execute(new OrganizationRequest(Api.UniqueName)
        {
            ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
            [Api.Request.Trigger] = new OptionSetValue((int)Trigger.Scheduled),
        });

        var entry = LatestHistory();
        Assert.Equal((int)Trigger.Scheduled, entry.GetAttributeValue<OptionSetValue>(History.Fields.Trigger).Value);
        Assert.Equal("scheduled batch rescore", entry.GetAttributeValue<string>(History.Fields.TriggerDetail));
    }

    [Fact]
    public void RescoringWithAnUnknownTrigger_IsRefusedWithTheValuesItTakes_AndScoresNothing()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var before = CountHistory();

        var error = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => world.Service.Execute(new OrganizationRequest(Api.UniqueName)
        {
            ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
            [Api.Request.Trigger] = new OptionSetValue(7),
        }));

        Assert.Contains("Trigger 7 is not a score trigger", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, CountHistory());
        Assert.Null(world.Account(CreditTestIds.Customer).GetAttributeValue<DateTime?>(Account.Fields.LastScoredOn));
    }

    [Fact]
    public void RescoringWithATriggerOfTheWrongType_IsRefusedByThePlatform()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);

        var error = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => world.Service.Execute(new OrganizationRequest(Api.UniqueName)
        {
            ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
            [Api.Request.Trigger] = (int)Trigger.Scheduled,
        }));

        Assert.Contains("'Trigger' of Custom API cos_RescoreAccount must be of type OptionSetValue, not Int32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoringRulesKeptInDataverse_AreTheOnesTheScoreRecords()
    {
        var ruleSetId = world.Service.Create(new Entity(plugins::CreditOS.Dataverse.Model.ScoringRuleSet.EntityLogicalName)
        {
            [plugins::CreditOS.Dataverse.Model.ScoringRuleSet.Fields.Name] = "Custom",
            [plugins::CreditOS.Dataverse.Model.ScoringRuleSet.Fields.Version] = 7,
            [plugins::CreditOS.Dataverse.Model.ScoringRuleSet.Fields.IsDefault] = true,
        });
        world.Service.Create(Band(ruleSetId, "ActiveMonths", points: 60));
        world.Service.Create(Band(ruleSetId, "LateShare6Months", points: 20));
        AnAccount().Unscored().WithLimit(0).Create(world.Service);

        Rescore(CreditTestIds.Customer);

        Assert.Equal("Custom v7", world.Account(CreditTestIds.Customer).GetAttributeValue<string>(Account.Fields.RuleSetVersion));
    }

    [Fact]
    public void PaymentNamingAnUnknownInvoice_IsRefused_AndNothingIsApplied()
    {
        AnAccount().Create(world.Service);
        AnInvoice().Numbered(1).Of(2_000m).SettledDaysAgo(null).Create(world.Service);

        var error = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(
            () => APayment().Of(3_000m).Settling("INV-00001", "INV-09999").Create(world.Service));

        Assert.Contains("INV-09999", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, world.Dataverse.Count(plugins::CreditOS.Dataverse.Model.Payment.EntityLogicalName));
        var invoice = world.Service.RetrieveMultiple(new QueryExpression(Receivable.EntityLogicalName) { ColumnSet = new ColumnSet(Receivable.Fields.OpenAmount) }).Entities.Single();
        Assert.Equal(2_000m, invoice.GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value);
    }

    [Fact]
    public void ZeroPayment_IsRefusedWithAClearMessage()
    {
        AnAccount().Create(world.Service);

        var error = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => APayment().Of(0m).Create(world.Service));

        Assert.Contains("A payment must be a positive amount (got 0.00)", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, world.Dataverse.Count(plugins::CreditOS.Dataverse.Model.Payment.EntityLogicalName));
    }

    [Fact]
    public void NegativePayment_IsRefusedByTheColumnsMinimum_AndNothingIsWritten()
    {
        AnAccount().Create(world.Service);

        var error = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => APayment().Of(-10m).Create(world.Service));

        Assert.Contains("-10", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, world.Dataverse.Count(plugins::CreditOS.Dataverse.Model.Payment.EntityLogicalName));
    }

    private OrganizationResponse Rescore(Guid accountId) =>
        world.Service.Execute(new OrganizationRequest(Api.UniqueName) { ["Target"] = new EntityReference(Account.EntityLogicalName, accountId) });

    private static Entity Band(Guid ruleSetId, string factor, decimal points) => new(plugins::CreditOS.Dataverse.Model.ScoringRule.EntityLogicalName)
    {
        [plugins::CreditOS.Dataverse.Model.ScoringRule.Fields.Name] = factor,
        [plugins::CreditOS.Dataverse.Model.ScoringRule.Fields.ScoringRuleSetId] = new EntityReference(plugins::CreditOS.Dataverse.Model.ScoringRuleSet.EntityLogicalName, ruleSetId),
        [plugins::CreditOS.Dataverse.Model.ScoringRule.Fields.Factor] = factor,
        [plugins::CreditOS.Dataverse.Model.ScoringRule.Fields.BandFrom] = 0m,
        [plugins::CreditOS.Dataverse.Model.ScoringRule.Fields.Points] = points,
        [plugins::CreditOS.Dataverse.Model.ScoringRule.Fields.Weight] = 1m,
    };

    private int CountHistory() => world.Dataverse.Count(History.EntityLogicalName);

    private Entity LatestHistory()
    {
        var query = new QueryExpression(History.EntityLogicalName) { ColumnSet = new ColumnSet(History.Fields.Trigger, History.Fields.TriggerDetail, History.Fields.RuleSetVersion), TopCount = 1 };
        query.AddOrder(History.Fields.ScoredOn, OrderType.Descending);
        return world.Service.RetrieveMultiple(query).Entities.Single();
    }
}
