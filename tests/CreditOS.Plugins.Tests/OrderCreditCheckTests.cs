extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.PolicyBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using OrderChannel = plugins::CreditOS.Dataverse.Model.OrderChannel;
using OrderState = plugins::CreditOS.Dataverse.Model.SalesOrderState;
using Plugin = plugins::CreditOS.Plugins.OrderCreditCheckPlugin;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests;

public sealed class OrderCreditCheckTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public void Dispose() => world.Dispose();

    [Fact]
    public void OrderCreate_WithinLimit_IsApprovedAndCountedInExposure()
    {
        AnAccount().WithLimit(50_000).WithOpenReceivables(10_000).WithOpenOrders(5_000).Create(world.Service);

        var orderId = AnOrder().Of(20_000).Create(world.Service);

        var order = world.Order(orderId);
        Assert.Equal((int)CreditStatus.Approved, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal(25_000m, world.OpenOrders(CreditTestIds.Customer));
        Assert.Equal(35_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.Exposure));
        Assert.Equal(15_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.AvailableCredit));
        Assert.Equal(70m, world.Account(CreditTestIds.Customer).GetAttributeValue<decimal>(Account.Fields.Utilization));
    }

    [Fact]
    public void OrderCreate_OverLimitWithinApprovalMargin_IsHeldWithReasonAndFigures()
    {
        AnAccount().WithLimit(50_000).WithOpenReceivables(45_000).Create(world.Service);

        var orderId = AnOrder().Of(10_000).Create(world.Service);

        var order = world.Order(orderId);
        Assert.Equal((int)CreditStatus.OnHold, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal("OverCreditLimit", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));
        var reason = order.GetAttributeValue<string>(SalesOrder.Fields.HoldReason);
        Assert.Contains("above the credit limit of USD 50,000.00", reason, StringComparison.Ordinal);
        Assert.Contains("order USD 10,000.00", reason, StringComparison.Ordinal);
        Assert.Equal(10_000m, world.OpenOrders(CreditTestIds.Customer));
    }

    [Fact]
    public void OrderCreate_BeyondApprovalMargin_IsKeptRefusedStatingLimitExposureAvailableAndAmount_AndDrawsNoCredit()
    {
        // The shipped policies send every over-limit order to Finance; a company that wants a ceiling sets one.
        world.Service.Update(APolicy().BlockingAbove(1.25m).Build());
        AnAccount().WithLimit(50_000).WithOpenReceivables(45_000).WithOpenOrders(3_000).Create(world.Service);

        var orderId = AnOrder().Of(40_000).Create(world.Service);

        var order = world.Order(orderId);
        Assert.Equal((int)CreditStatus.Refused, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Contains("Limit USD 50,000.00, exposure USD 48,000.00, available USD 2,000.00, order USD 40,000.00", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(order.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode)));
        Assert.Equal(1, world.CountOrders());
        Assert.Equal(3_000m, world.OpenOrders(CreditTestIds.Customer));
        Assert.Equal(48_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.Exposure));
    }

    [Fact]
    public void RefusedOrder_ChangedToAnAmountThatFits_IsCheckedAgainAndCountedOnce()
    {
        world.Service.Update(APolicy().BlockingAbove(1.25m).Build());
        AnAccount().WithLimit(50_000).WithOpenReceivables(45_000).WithOpenOrders(3_000).Create(world.Service);
        var orderId = AnOrder().Of(40_000).Create(world.Service);

        world.Service.Update(new Entity(SalesOrder.EntityLogicalName, orderId) { [SalesOrder.Fields.TotalAmount] = new Money(1_000m) });

        Assert.Equal((int)CreditStatus.Approved, world.Order(orderId).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal(4_000m, world.OpenOrders(CreditTestIds.Customer));
    }

    [Fact]
    public void ApprovedOrder_RaisedBeyondTheMargin_IsRefused_AndItsEarlierAmountLeavesOpenOrders()
    {
        world.Service.Update(APolicy().BlockingAbove(1.25m).Build());
        AnAccount().WithLimit(50_000).WithOpenReceivables(10_000).WithOpenOrders(3_000).Create(world.Service);
        var orderId = AnOrder().Of(5_000).Create(world.Service);
        Assert.Equal(8_000m, world.OpenOrders(CreditTestIds.Customer));

        world.Service.Update(new Entity(SalesOrder.EntityLogicalName, orderId) { [SalesOrder.Fields.TotalAmount] = new Money(90_000m) });

        Assert.Equal((int)CreditStatus.Refused, world.Order(orderId).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal(3_000m, world.OpenOrders(CreditTestIds.Customer));
    }

    [Fact]
    public void OrderCreate_ForSuspendedAccount_IsKeptRefusedWithTheSuspensionReason()
    {
        AnAccount().SuspendedBecause("a court judgment was reported by the bureau on 2026-01-10").Create(world.Service);

        var orderId = AnOrder().Of(100).Create(world.Service);

        var order = world.Order(orderId);
        Assert.Equal((int)CreditStatus.Refused, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Contains("New orders are suspended: a court judgment was reported by the bureau on 2026-01-10.", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
        Assert.Equal(0m, world.OpenOrders(CreditTestIds.Customer));
    }

    [Fact]
    public void OrderCreate_WithOverdueBeyondGrace_IsHeldForFinance()
    {
        AnAccount().WithOpenReceivables(8_000).WithOverdue(3_000, beyondGrace: 2_000, oldestDays: 40).Create(world.Service);

        var orderId = AnOrder().Of(1_000).Create(world.Service);

        var order = world.Order(orderId);
        Assert.Equal((int)CreditStatus.OnHold, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal("OverdueBeyondGrace", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));
        Assert.Contains("USD 2,000.00 is overdue beyond the 5-day grace period", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
    }

    [Fact]
    public void OrderCreate_ForNewCustomerOnStarterTerms_AwaitsPrepayment()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);

        var orderId = AnOrder().Of(2_500).Create(world.Service);

        var order = world.Order(orderId);
        Assert.Equal((int)CreditStatus.AwaitingPrepayment, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal("PrepaymentRequired", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));
    }

    [Fact]
    public void OrderCreate_SmallEdiOrderSlightlyOverLimit_IsApprovedWithinTolerance()
    {
        AnAccount().WithLimit(10_000).WithOpenReceivables(9_500).Create(world.Service);

        var orderId = AnOrder().Of(1_000).Through(OrderChannel.EDI).Create(world.Service);

        Assert.Equal((int)CreditStatus.ApprovedWithinGrace, world.Order(orderId).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
    }

    [Fact]
    public void OrderUpdate_AmountRaisedOverLimit_IsHeldAndExposureMovesByTheDifference()
    {
        AnAccount().WithLimit(50_000).Create(world.Service);
        var orderId = AnOrder().Of(30_000).Create(world.Service);

        world.Service.Update(new Entity(SalesOrder.EntityLogicalName, orderId) { [SalesOrder.Fields.TotalAmount] = new Money(55_000m) });

        var order = world.Order(orderId);
        Assert.Equal((int)CreditStatus.OnHold, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal(55_000m, world.OpenOrders(CreditTestIds.Customer));
    }

    [Fact]
    public void OrderCancelled_ReleasesItsAmountFromOpenOrders_WithoutANewDecision()
    {
        AnAccount().WithLimit(50_000).Create(world.Service);
        var orderId = AnOrder().Of(30_000).Create(world.Service);

        world.Service.Execute(new SetStateRequest
        {
            EntityMoniker = new EntityReference(SalesOrder.EntityLogicalName, orderId),
            State = new OptionSetValue((int)OrderState.Canceled),
            Status = new OptionSetValue(4),
        });

        Assert.Equal(0m, world.OpenOrders(CreditTestIds.Customer));
        Assert.Equal(0m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.Exposure));
        Assert.Equal((int)CreditStatus.Approved, world.Order(orderId).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
    }

    [Fact]
    public void OrderMovedToAnotherCustomer_IsCheckedAgainstTheNewOne_AndLeavesTheOldOnesOpenOrders()
    {
        // The check's decision is read before the asynchronous rescorings run: they recompute these hand-set figures
        // from the customers' invoices (none here) and re-decide the hold, which their own tests cover.
        using var world = CreditWorld.WithAllPluginsQueuingAsyncSteps();
        AnAccount().WithLimit(50_000).Create(world.Service);
        AnAccount().WithId(CreditTestIds.SecondCustomer).Named("Fabrikam Tools").WithLimit(20_000).WithOpenReceivables(15_000).Create(world.Service);
        var orderId = AnOrder().Of(8_000).Create(world.Service);
        world.Dataverse.RunPendingAsyncOperations();

        world.Service.Update(new Entity(SalesOrder.EntityLogicalName, orderId)
        {
            [SalesOrder.Fields.CustomerId] = new EntityReference(Account.EntityLogicalName, CreditTestIds.SecondCustomer),
        });

        var order = world.Order(orderId);
        Assert.Equal((int)CreditStatus.OnHold, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal("OverCreditLimit", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));
        Assert.Equal(8_000m, world.OpenOrders(CreditTestIds.SecondCustomer));
        world.Dataverse.RunPendingAsyncOperations();
        Assert.DoesNotContain(world.Dataverse.AsyncOperations, result => !result.Succeeded);
        Assert.Equal(8_000m, world.OpenOrders(CreditTestIds.SecondCustomer));
        Assert.Equal(0m, world.OpenOrders(CreditTestIds.Customer));
    }

    [Fact]
    public void OrderUpdate_OfColumnsOutsideTheFilter_DoesNotRunTheCheck()
    {
        AnAccount().Create(world.Service);
        var orderId = AnOrder().Of(1_000).Create(world.Service);
        world.ForgetExecutions();

        world.Service.Update(new Entity(SalesOrder.EntityLogicalName, orderId) { [SalesOrder.Fields.Description] = "Deliver to dock 4" });

        Assert.Empty(world.ExecutionsOf(typeof(Plugin)));
    }

    [Fact]
    public void OrderCreate_WithoutCustomer_IsRejectedClearlyAndNothingIsWritten()
    {
        AnAccount().Create(world.Service);

        var error = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => AnOrder().WithoutCustomer().Create(world.Service));

        Assert.Contains("The order has no customer", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, world.CountOrders());
    }

    [Fact]
    public void OrderCreate_ForAContact_IsRejectedBecauseCreditIsKeptOnAccounts()
    {
        var error = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => AnOrder().ForContact(CreditTestIds.Contact).Create(world.Service));

        Assert.Contains("the customer must be an account", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, world.CountOrders());
    }

    [Fact]
    public void OrderCreate_ForAMissingAccount_IsRejectedAndNothingIsWritten()
    {
        var error = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => AnOrder().For(CreditTestIds.MissingAccount).Create(world.Service));

        Assert.Contains(CreditTestIds.MissingAccount.ToString(), error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, world.CountOrders());
    }

    [Fact]
    public void OrderCreate_WithNegativeAmount_IsRejectedAndExposureIsUntouched()
    {
        AnAccount().WithOpenOrders(2_000).Create(world.Service);

        var error = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => AnOrder().Of(-500).Create(world.Service));

        Assert.Contains("The order amount must not be negative (got -500.00)", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, world.CountOrders());
        Assert.Equal(2_000m, world.OpenOrders(CreditTestIds.Customer));
    }

    [Fact]
    public void OrderCreate_InAnotherCurrencyThanTheCustomersCredit_IsRejectedAndRolledBack()
    {
        AnAccount().Create(world.Service);

        var error = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => AnOrder().InCurrency(CreditTestIds.Eur).Of(1_000).Create(world.Service));

        Assert.Contains("enter the order in USD", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, world.CountOrders());
        Assert.Null(world.Account(CreditTestIds.Customer).GetAttributeValue<DateTime?>(Account.Fields.CreditCheckedOn));
    }

    [Fact]
    public void AnAccountCreatedWithoutACurrency_IsInTheBaseCurrency_AsDataverseSetsIt_SoItsOrderIsChecked()
    {
        // Dataverse gives a row with money columns the creator's default currency, else the organization's base one:
        // an account without a currency cannot be created, so the order check's refusal of one is only a safeguard.
        AnAccount().WithoutCurrency().Create(world.Service);

        AnOrder().Of(1_000).Create(world.Service);

        var account = world.Account(CreditTestIds.Customer);
        Assert.Equal(CreditTestIds.Usd, account.GetAttributeValue<EntityReference>(Account.Fields.TransactionCurrencyId).Id);
        Assert.NotNull(account.GetAttributeValue<DateTime?>(Account.Fields.CreditCheckedOn));
        Assert.Equal(1, world.CountOrders());
    }
}
