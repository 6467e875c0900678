extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Alert = plugins::CreditOS.Dataverse.Model.CreditAlert;
using AlertType = plugins::CreditOS.Dataverse.Model.CreditAlertType;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using HoldSource = plugins::CreditOS.Dataverse.Model.CreditHoldSource;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;
using Tier = plugins::CreditOS.Dataverse.Model.CreditTier;

namespace CreditOS.Plugins.Tests;

/// <summary>
/// Money is never refused because of credit configuration: with a configuration that cannot score (two tiers share a
/// rank, saved before the guards existed), payments and receivables still land, the account is held and admins alerted.
/// </summary>
public sealed class ScoringFailureTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithPlugins(
        typeof(plugins::CreditOS.Plugins.PaymentPostingPlugin),
        typeof(plugins::CreditOS.Plugins.ReceivableChangePlugin),
        typeof(plugins::CreditOS.Plugins.RescoreAccountPlugin),
        typeof(plugins::CreditOS.Plugins.OrderCreditCheckPlugin),
        typeof(plugins::CreditOS.Plugins.CreditColumnGuardPlugin));

    public void Dispose() => world.Dispose();

    [Fact]
    public void APayment_PostsAndSettles_WhenScoringCannotRun_AndTheAccountIsHeldWithAnAlert()
    {
        AnAccount().WithLimit(50_000).WithOpenReceivables(4_000).Create(world.Service);
        var invoice = AnInvoice().Numbered(900).Of(4_000m).IssuedDaysAgo(20).DueAfter(30).SettledDaysAgo(null).Create(world.Service);
        BreakTheConfiguration();

        APayment().Of(4_000m).Settling("INV-00900").Create(world.Service);

        Assert.Equal(0m, world.Service.Retrieve(Receivable.EntityLogicalName, invoice, new ColumnSet(Receivable.Fields.OpenAmount)).GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value);
        AssertHeldWithAlert("payment");
    }

    [Fact]
    public void AnErpInvoice_IsKept_WhenScoringCannotRun_TheSystemJobFailsWithTheReason_AndTheNextOrderIsNotApproved()
    {
        AnAccount().WithLimit(50_000).WithOpenReceivables(10_000).Create(world.Service);
        BreakTheConfiguration();

        var invoice = AnInvoice().Numbered(901).Of(94_900m).IssuedDaysAgo(1).DueAfter(30).SettledDaysAgo(null).Create(world.Service);

        Assert.NotEqual(Guid.Empty, invoice);
        var job = Assert.Single(world.Dataverse.AsyncOperations, o => o.PrimaryEntityId == invoice);
        Assert.False(job.Succeeded);
        Assert.Contains("share rank", job.Error, StringComparison.Ordinal);
        AssertHeldWithAlert("receivable change");
    }

    [Fact]
    public void ALaterSuccessfulRescoring_LiftsTheHoldAScoringFailureSet_AndResolvesItsAlert()
    {
        AnAccount().WithLimit(50_000).WithOpenReceivables(8_000).Create(world.Service);
        AnInvoice().Numbered(910).Of(4_000m).IssuedDaysAgo(20).DueAfter(30).SettledDaysAgo(null).Create(world.Service);
        AnInvoice().Numbered(911).Of(4_000m).IssuedDaysAgo(20).DueAfter(30).SettledDaysAgo(null).Create(world.Service);
        BreakTheConfiguration();
        APayment().Of(4_000m).Settling("INV-00910").Create(world.Service);
        AssertHeldWithAlert("payment");
        Assert.Equal((int)HoldSource.ScoringFailure, HoldSourceOf(CreditTestIds.Customer));

        RepairTheConfiguration();
        APayment().WithErpId("PAY-911").Of(4_000m).Settling("INV-00911").Create(world.Service);

        var account = world.Account(CreditTestIds.Customer);
        Assert.False(account.GetAttributeValue<bool>(Account.Fields.CreditOnHold));
        Assert.Null(account.GetAttributeValue<OptionSetValue>(Account.Fields.CreditHoldSource));
        var alert = Assert.Single(ScoringAlerts());
        Assert.Equal(1, alert.GetAttributeValue<OptionSetValue>(Alert.Fields.StateCode).Value);
        Assert.Equal(2, alert.GetAttributeValue<OptionSetValue>(Alert.Fields.StatusCode).Value);
        // The next order is judged on the recomputed figures, no longer held for the account's credit hold (this young
        // account's recomputed terms are prepayment, which holds it for its own stated reason).
        var order = world.Order(AnOrder().WithId(Guid.NewGuid()).Of(1_000).Create(world.Service));
        Assert.DoesNotContain(AccountHoldReason, order.GetAttributeValue<string>(SalesOrder.Fields.HoldReason) ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void AHoldAnotherWriterSet_StaysThroughAScoringFailureAndTheSuccessfulRescoringAfterIt()
    {
        AnAccount().WithLimit(50_000).WithOpenReceivables(8_000).Create(world.Service);
        AnInvoice().Numbered(920).Of(4_000m).IssuedDaysAgo(20).DueAfter(30).SettledDaysAgo(null).Create(world.Service);
        AnInvoice().Numbered(921).Of(4_000m).IssuedDaysAgo(20).DueAfter(30).SettledDaysAgo(null).Create(world.Service);
        PutOnHoldAsFinance();
        Assert.Equal((int)HoldSource.AnotherWriter, HoldSourceOf(CreditTestIds.Customer));

        BreakTheConfiguration();
        APayment().Of(4_000m).Settling("INV-00920").Create(world.Service);
        Assert.Equal((int)HoldSource.AnotherWriter, HoldSourceOf(CreditTestIds.Customer));
        RepairTheConfiguration();
        APayment().WithErpId("PAY-921").Of(4_000m).Settling("INV-00921").Create(world.Service);

        Assert.True(world.Account(CreditTestIds.Customer).GetAttributeValue<bool>(Account.Fields.CreditOnHold));
        Assert.Equal((int)HoldSource.AnotherWriter, HoldSourceOf(CreditTestIds.Customer));
        var order = world.Order(AnOrder().WithId(Guid.NewGuid()).Of(1_000).Create(world.Service));
        Assert.Equal((int)CreditStatus.OnHold, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Contains(AccountHoldReason, order.GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
    }

    [Fact]
    public void AHoldAnotherWriterPutsOnAScoringFailuresHold_IsTheirs_AndTheSuccessfulRescoringLeavesIt()
    {
        AnAccount().WithLimit(50_000).WithOpenReceivables(8_000).Create(world.Service);
        AnInvoice().Numbered(930).Of(4_000m).IssuedDaysAgo(20).DueAfter(30).SettledDaysAgo(null).Create(world.Service);
        AnInvoice().Numbered(931).Of(4_000m).IssuedDaysAgo(20).DueAfter(30).SettledDaysAgo(null).Create(world.Service);
        BreakTheConfiguration();
        APayment().Of(4_000m).Settling("INV-00930").Create(world.Service);
        Assert.Equal((int)HoldSource.ScoringFailure, HoldSourceOf(CreditTestIds.Customer));

        // Finance (a process running as the credit flow) holds the account too, for its own reason.
        PutOnHoldAsFinance();
        RepairTheConfiguration();
        APayment().WithErpId("PAY-931").Of(4_000m).Settling("INV-00931").Create(world.Service);

        Assert.True(world.Account(CreditTestIds.Customer).GetAttributeValue<bool>(Account.Fields.CreditOnHold));
        Assert.Equal((int)HoldSource.AnotherWriter, HoldSourceOf(CreditTestIds.Customer));
    }

    [Fact]
    public void AScoringFailuresHold_ReSentUnchangedByASalesRep_IsRefused_AndStaysTheScoringFailures()
    {
        AnAccount().WithLimit(50_000).WithOpenReceivables(4_000).Create(world.Service);
        AnInvoice().Numbered(940).Of(4_000m).IssuedDaysAgo(20).DueAfter(30).SettledDaysAgo(null).Create(world.Service);
        BreakTheConfiguration();
        APayment().Of(4_000m).Settling("INV-00940").Create(world.Service);

        // Re-sending the hold unchanged cannot make it the rep's: the secured column cannot even be sent by them.
        Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => world.Context.As(CreditOS.Testing.FixedIds.SalesRep)
            .Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.CreditOnHold] = true }));

        Assert.Equal((int)HoldSource.ScoringFailure, HoldSourceOf(CreditTestIds.Customer));
    }

    /// <summary>The order check's reason for an account on credit hold (the engine's text for a manual hold).</summary>
    private const string AccountHoldReason = "Credit management has put the account on hold";

    private int? originalWatchRank;

    private void BreakTheConfiguration()
    {
        originalWatchRank = world.Service.Retrieve(Tier.EntityLogicalName, CreditTestIds.TierId("WATCH"), new ColumnSet(Tier.Fields.Rank)).GetAttributeValue<int>(Tier.Fields.Rank);
        world.Service.Update(new Entity(Tier.EntityLogicalName, CreditTestIds.TierId("WATCH")) { [Tier.Fields.Rank] = 3 });
    }

    private void RepairTheConfiguration() =>
        world.Service.Update(new Entity(Tier.EntityLogicalName, CreditTestIds.TierId("WATCH")) { [Tier.Fields.Rank] = originalWatchRank ?? throw new InvalidOperationException("Break the configuration first.") });

    private void PutOnHoldAsFinance() =>
        world.Service.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.CreditOnHold] = true });

    private int? HoldSourceOf(Guid accountId) => world.Account(accountId).GetAttributeValue<OptionSetValue>(Account.Fields.CreditHoldSource)?.Value;

    private IReadOnlyList<Entity> ScoringAlerts()
    {
        var query = new QueryExpression(Alert.EntityLogicalName) { ColumnSet = new ColumnSet(Alert.Fields.AlertType, Alert.Fields.StateCode, Alert.Fields.StatusCode) };
        query.Criteria.AddCondition(Alert.Fields.AccountId, ConditionOperator.Equal, CreditTestIds.Customer);
        query.Criteria.AddCondition(Alert.Fields.AlertType, ConditionOperator.Equal, (int)AlertType.ScoringFailed);
        return world.Service.RetrieveMultiple(query).Entities.ToList();
    }

    private void AssertHeldWithAlert(string cause)
    {
        Assert.True(world.Account(CreditTestIds.Customer).GetAttributeValue<bool>(Account.Fields.CreditOnHold));
        var query = new QueryExpression(Alert.EntityLogicalName) { ColumnSet = new ColumnSet(Alert.Fields.AlertType, Alert.Fields.Message, Alert.Fields.Name) };
        query.Criteria.AddCondition(Alert.Fields.AccountId, ConditionOperator.Equal, CreditTestIds.Customer);
        var alert = Assert.Single(world.Service.RetrieveMultiple(query).Entities);
        Assert.Equal((int)AlertType.ScoringFailed, alert.GetAttributeValue<OptionSetValue>(Alert.Fields.AlertType).Value);
        Assert.Contains(cause, alert.GetAttributeValue<string>(Alert.Fields.Name), StringComparison.Ordinal);
        Assert.Contains("The credit configuration is not valid", alert.GetAttributeValue<string>(Alert.Fields.Message), StringComparison.Ordinal);

        Guid orderId;
        try
        {
            orderId = AnOrder().WithId(Guid.NewGuid()).Of(1_000).Create(world.Service);
        }
        catch (System.ServiceModel.FaultException<OrganizationServiceFault>)
        {
            return;
        }

        Assert.Equal((int)CreditStatus.OnHold, world.Order(orderId).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
    }
}
