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
        typeof(plugins::CreditOS.Plugins.OrderCreditCheckPlugin));

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

    private void BreakTheConfiguration() =>
        world.Service.Update(new Entity(Tier.EntityLogicalName, CreditTestIds.TierId("WATCH")) { [Tier.Fields.Rank] = 3 });

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
