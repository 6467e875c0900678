extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using OrderState = plugins::CreditOS.Dataverse.Model.SalesOrderState;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests;

/// <summary>
/// Orders whose only hold reason is prepayment (starter terms, Prepay tier) wait for the customer's payment, not for
/// Finance: saved Awaiting prepayment, no approval request, not fulfillable, released by the payment posting when the
/// account's unapplied cash (what its payments did not apply to invoices, accumulated) covers the order. Every plugin of both assemblies and the solution's processes are active,
/// so the routing process would raise a request if the order were held for Finance.
/// </summary>
public sealed class AwaitingPrepaymentTests : IDisposable
{
    private const string Request = "cos_creditapprovalrequest";
    private const string UnappliedCashColumn = plugins::CreditOS.Dataverse.Model.Account.Fields.UnappliedCash;
    private const int Pending = (int)plugins::CreditOS.Dataverse.Model.CreditApprovalStatus.Pending;
    private readonly CreditWorld world = CreditWorld.WithPluginsAndApprovals();

    public void Dispose() => world.Dispose();

    [Fact]
    public void StarterCustomersOrder_AwaitsPrepayment_WithNoFinanceRequest_AndCannotBeFulfilledOrInvoiced()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);

        var orderId = SamEntersTheOrder(2_500m);

        var order = world.Order(orderId);
        Assert.Equal((int)CreditStatus.AwaitingPrepayment, Status(order));
        Assert.Equal("PrepaymentRequired", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));
        Assert.StartsWith("Awaiting prepayment.", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
        Assert.Empty(RequestsFor(orderId));
        foreach (var state in new[] { OrderState.Fulfilled, OrderState.Invoiced })
        {
            var refused = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Service.Update(new Entity(SalesOrder.EntityLogicalName, orderId)
            {
                [SalesOrder.Fields.StateCode] = new OptionSetValue((int)state),
            }));
            Assert.Contains("awaiting the customer's prepayment", refused.Detail.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void APaymentCoveringTheOrder_ReleasesIt_AndItCanThenBeFulfilled()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var orderId = SamEntersTheOrder(2_500m);

        APayment().Of(2_500m).WithErpId("PREPAY-1").Create(world.Service);

        var order = world.Order(orderId);
        Assert.Equal((int)CreditStatus.Released, Status(order));
        Assert.Null(order.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));
        Assert.StartsWith("Released: payment PREPAY-1 paid the order of 2,500.00 in advance", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
        Assert.Empty(RequestsFor(orderId));
        world.Service.Update(new Entity(SalesOrder.EntityLogicalName, orderId) { [SalesOrder.Fields.StateCode] = new OptionSetValue((int)OrderState.Fulfilled) });
        Assert.Equal((int)OrderState.Fulfilled, world.Order(orderId).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.StateCode).Value);
    }

    [Fact]
    public void APaymentShortOfTheOrder_LeavesItAwaiting_AndCashIsSpentOldestOrderFirst()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var first = SamEntersTheOrder(2_500m);
        var second = AnOrder().WithId(CreditTestIds.SecondOrder).Of(1_000m).Create(world.Context.As(FixedIds.SalesRep));
        world.Context.Clock.Advance(TimeSpan.FromMinutes(1));

        APayment().Of(2_000m).WithErpId("PREPAY-SHORT").Create(world.Service);

        // 2,000 does not cover the older order of 2,500; it covers the newer one of 1,000 in full, so that one is released.
        Assert.Equal((int)CreditStatus.AwaitingPrepayment, Status(world.Order(first)));
        Assert.Equal((int)CreditStatus.Released, Status(world.Order(second)));

        // The 1,000 the first payment had left adds up with the next one: 1,000 + 1,499.99 is still a cent short of 2,500.
        Assert.Equal(1_000m, world.AccountMoney(CreditTestIds.Customer, UnappliedCashColumn));
        APayment().Of(1_499.99m).WithErpId("PREPAY-SHORT-2").Create(world.Service);
        Assert.Equal((int)CreditStatus.AwaitingPrepayment, Status(world.Order(first)));
        Assert.Equal(2_499.99m, world.AccountMoney(CreditTestIds.Customer, UnappliedCashColumn));

        APayment().Of(0.01m).WithErpId("PREPAY-LAST-CENT").Create(world.Service);
        Assert.Equal((int)CreditStatus.Released, Status(world.Order(first)));
        Assert.Equal(0m, world.AccountMoney(CreditTestIds.Customer, UnappliedCashColumn));
    }

    [Fact]
    public void TwoPartialPrepayments_AddUp_AndReleaseTheOrderTheyCoverTogether_KeepingWhatIsLeft()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var orderId = SamEntersTheOrder(2_500m);

        APayment().Of(1_000m).WithErpId("PREPAY-PART-1").Create(world.Service);
        Assert.Equal((int)CreditStatus.AwaitingPrepayment, Status(world.Order(orderId)));
        Assert.Equal(1_000m, world.AccountMoney(CreditTestIds.Customer, UnappliedCashColumn));

        APayment().Of(1_800m).WithErpId("PREPAY-PART-2").Create(world.Service);

        var order = world.Order(orderId);
        Assert.Equal((int)CreditStatus.Released, Status(order));
        Assert.StartsWith("Released: payment PREPAY-PART-2 paid the order of 2,500.00 in advance (300.00 of its unapplied cash left)", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
        Assert.Equal(300m, world.AccountMoney(CreditTestIds.Customer, UnappliedCashColumn));
    }

    [Fact]
    public void UnappliedCash_IsCreditOwned_SoASalesRepCannotWriteItToReleaseOrders()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);

        var refused = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Context.As(FixedIds.SalesRep).Update(
            new Entity(plugins::CreditOS.Dataverse.Model.Account.EntityLogicalName, CreditTestIds.Customer) { [UnappliedCashColumn] = new Money(1_000_000m) }));

        Assert.Equal(0m, world.AccountMoney(CreditTestIds.Customer, UnappliedCashColumn));
    }

    [Fact]
    public void ACancelledOrderAwaitingPrepayment_LeavesOpenOrders_AndALaterPaymentDoesNotReleaseIt()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        var orderId = SamEntersTheOrder(2_500m);
        Assert.Equal(2_500m, world.OpenOrders(CreditTestIds.Customer));

        world.Context.As(FixedIds.SalesRep).Update(new Entity(SalesOrder.EntityLogicalName, orderId) { [SalesOrder.Fields.StateCode] = new OptionSetValue((int)OrderState.Canceled) });
        APayment().Of(2_500m).WithErpId("PREPAY-AFTER-CANCEL").Create(world.Service);

        var order = world.Order(orderId);
        Assert.Equal((int)OrderState.Canceled, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.StateCode).Value);
        Assert.NotEqual((int)CreditStatus.Released, Status(order));
        Assert.Equal(0m, world.OpenOrders(CreditTestIds.Customer));
    }

    [Fact]
    public void PrepaymentWithOverdueBeyondGrace_IsHeldForFinance_AndWhenThePaymentCuresTheOverdueItOnlyAwaitsPrepayment()
    {
        AnAccount().OnPolicy(CreditTestIds.PolicyId("PREPAY")).WithLimit(0).WithOpenReceivables(2_000m).WithOverdue(2_000m, beyondGrace: 2_000m, oldestDays: 40).Create(world.Service);
        var orderId = SamEntersTheOrder(1_500m);

        var held = world.Order(orderId);
        Assert.Equal((int)CreditStatus.OnHold, Status(held));
        Assert.Equal("PrepaymentRequired,OverdueBeyondGrace", held.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));
        var request = Assert.Single(RequestsFor(orderId));
        Assert.Equal(Pending, request.GetAttributeValue<OptionSetValue>("cos_approvalstatus").Value);

        // The ERP has no overdue invoice of this customer: the payment's rescoring finds none beyond grace. 500 does not
        // pay the order in advance, so it leaves Finance's queue for "Awaiting prepayment" and its request is cancelled.
        APayment().Of(500m).WithErpId("PART-PREPAY").Create(world.Service);

        var awaiting = world.Order(orderId);
        Assert.Equal((int)CreditStatus.AwaitingPrepayment, Status(awaiting));
        Assert.Equal("PrepaymentRequired", awaiting.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));
        Assert.NotEqual(Pending, Assert.Single(RequestsFor(orderId)).GetAttributeValue<OptionSetValue>("cos_approvalstatus").Value);
    }

    private Guid SamEntersTheOrder(decimal amount) => AnOrder().Of(amount).Create(world.Context.As(FixedIds.SalesRep));

    private List<Entity> RequestsFor(Guid orderId)
    {
        var query = new QueryExpression(Request) { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition("cos_salesorderid", ConditionOperator.Equal, orderId);
        return [.. world.Service.RetrieveMultiple(query).Entities];
    }

    private static int Status(Entity order) => order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value;
}
