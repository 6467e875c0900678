extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Testing.ServiceFaults;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using OrderState = plugins::CreditOS.Dataverse.Model.SalesOrderState;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// What an order bills after the credit check decided it: its currency, freight, tax and discount, its customer, its
/// state at entry, cancelling and reactivating it, and splitting one large order into small ones. As Sam the sales rep
/// (who writes his own orders) and Ada the System Administrator, through the local Dataverse with every plugin.
/// </summary>
public sealed class OrderAmountControlTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public OrderAmountControlTests() => AnAccount().Named("Contoso Industrial").WithLimit(10_000).Create(world.Service);

    public void Dispose() => world.Dispose();

    private IOrganizationService Sam => world.Context.As(FixedIds.SalesRep);

    [Fact]
    public void Sam_CannotMoveHisApprovedOrderIntoAnotherCurrency_ForTheCheckDecidedItInTheAccountsCurrency()
    {
        var order = AnOrder().Of(8_000).Create(Sam);
        Assert.Equal((int)CreditStatus.Approved, Status(order));

        var refusal = Refused(() => Sam.Update(new Entity(SalesOrder.EntityLogicalName, order)
        {
            [SalesOrder.Fields.TransactionCurrencyId] = new EntityReference(plugins::CreditOS.Dataverse.Model.TransactionCurrency.EntityLogicalName, CreditTestIds.Eur),
        }));

        Assert.Contains("is kept in (USD); enter the order in USD", refusal, StringComparison.Ordinal);
        Assert.Equal(CreditTestIds.Usd, world.Order(order).GetAttributeValue<EntityReference>(SalesOrder.Fields.TransactionCurrencyId).Id);
        Assert.Equal(8_000m, world.OpenOrders(CreditTestIds.Customer));
        Assert.All(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.OrderCreditCheckPlugin)), run => Assert.InRange(run.ServiceCalls, 0, 3));
    }

    [Fact]
    public void Sam_CannotRaiseTheFreightOrTaxNorLowerTheDiscountOfHisCheckedOrder_UnlessItsAmountIsCheckedAgain_NorCanAda()
    {
        var row = AnOrder().Of(8_000).Build();
        row[SalesOrder.Fields.DiscountAmount] = new Money(500m);
        row[SalesOrder.Fields.DiscountPercentage] = 10m;
        var order = Sam.Create(row);
        Sam.Create(ALine(order, 16, 500m));
        world.ForgetExecutions();

        var freight = Refused(() => Sam.Update(Change(order, SalesOrder.Fields.FreightAmount, new Money(90_000m))));
        var tax = Refused(() => Sam.Update(Change(order, SalesOrder.Fields.TotalTax, new Money(1_900m))));
        var discount = Refused(() => Sam.Update(Change(order, SalesOrder.Fields.DiscountAmount, new Money(0m))));
        var percentage = Refused(() => Sam.Update(Change(order, SalesOrder.Fields.DiscountPercentage, 0m)));
        var byAda = Refused(() => world.Context.As(FixedIds.AdminUser).Update(Change(order, SalesOrder.Fields.FreightAmount, new Money(90_000m))));

        Assert.Contains("credit-checked at 8,000.00; raising its freight from 0.00 to 90,000.00 would bill 90,000.00 more, 98,000.00 in all", freight, StringComparison.Ordinal);
        Assert.Contains("raising its tax from 0.00 to 1,900.00 would bill 1,900.00 more", tax, StringComparison.Ordinal);
        Assert.Contains("lowering its discount from 500.00 to 0.00 would bill 500.00 more", discount, StringComparison.Ordinal);
        Assert.Contains("lowering its discount from 10% to 0% (of lines totalling 8,000.00) would bill 800.00 more", percentage, StringComparison.Ordinal);
        Assert.Contains("Save the order's amount (98,000.00)", byAda, StringComparison.Ordinal);
        Assert.Null(world.Order(order).GetAttributeValue<Money>(SalesOrder.Fields.FreightAmount));

        Sam.Update(Change(order, SalesOrder.Fields.DiscountAmount, new Money(800m)));
        Sam.Update(new Entity(SalesOrder.EntityLogicalName, order) { [SalesOrder.Fields.FreightAmount] = new Money(90_000m), [SalesOrder.Fields.TotalAmount] = new Money(98_000m) });

        Assert.NotEqual((int)CreditStatus.Approved, Status(order));
        Assert.NotEqual((int)CreditStatus.ApprovedWithinGrace, Status(order));
        var runs = world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.OrderHeaderGuardPlugin));
        Assert.All(runs, run => Assert.InRange(run.ServiceCalls, 0, plugins::CreditOS.Dataverse.Credit.OrderCheck.OrderHeaderGuard.MaximumCalls));
        Assert.Contains(runs, run => run.ServiceCalls == 0);
    }

    [Fact]
    public void Sam_CannotEnterAnOrderAlreadySubmittedOrFulfilled_ForDataverseTakesNoStateOnCreate()
    {
        foreach (var state in new[] { OrderState.Submitted, OrderState.Fulfilled, OrderState.Invoiced })
        {
            var row = AnOrder().WithId(Guid.NewGuid()).Of(50_000).Build();
            row[SalesOrder.Fields.StateCode] = new OptionSetValue((int)state);

            var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Sam.Create(row));

            Assert.Equal(unchecked((int)0x80040203), refusal.Detail.ErrorCode);
            Assert.Contains("'statecode' of entity 'salesorder' is not valid for create", refusal.Detail.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0, world.CountOrders());
    }

    [Fact]
    public void Sam_SplittingALargeOrderIntoSmallOnes_EachSeesTheOthersExposure_SoTheSecondIsHeld()
    {
        var first = AnOrder().Of(6_000).Create(Sam);
        var second = AnOrder().WithId(CreditTestIds.SecondOrder).Of(6_000).Create(Sam);
        var third = AnOrder().WithId(Guid.NewGuid()).Of(3_000).Create(Sam);

        Assert.Equal((int)CreditStatus.Approved, Status(first));
        Assert.Equal((int)CreditStatus.OnHold, Status(second));
        Assert.Contains("6,000.00", world.Order(second).GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
        Assert.NotEqual((int)CreditStatus.Approved, Status(third));
        Assert.Equal(15_000m, world.OpenOrders(CreditTestIds.Customer));
    }

    [Fact]
    public void Sam_CancellingAnApprovedOrderAndReactivatingItLater_ChecksItAgainstTheCreditUsedMeanwhile()
    {
        var first = AnOrder().Of(8_000).Create(Sam);
        Sam.Execute(SetState(first, OrderState.Canceled));
        var meanwhile = AnOrder().WithId(CreditTestIds.SecondOrder).Of(9_000).Create(Sam);

        Sam.Execute(SetState(first, OrderState.Active));

        // Cancelling took the first order out of open orders, so the one entered meanwhile saw none of it; reactivated,
        // the first is decided again on the exposure the second now draws (the cancellation's rescoring put this new
        // customer on starter terms, so both wait for prepayment rather than being approved).
        Assert.Contains("exposure USD 0.00", world.Order(meanwhile).GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
        Assert.Contains("exposure USD 9,000.00, available USD 1,000.00, order USD 8,000.00", world.Order(first).GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
        Assert.NotEqual((int)CreditStatus.Approved, Status(first));
        Assert.NotEqual((int)CreditStatus.ApprovedWithinGrace, Status(first));
        Assert.Equal(17_000m, world.OpenOrders(CreditTestIds.Customer));
    }

    [Fact]
    public void Sam_MovingHisApprovedOrderToAnotherCustomer_ChecksItAgainstThatCustomersCredit()
    {
        AnAccount().WithId(CreditTestIds.SecondCustomer).Named("Fabrikam Small").WithLimit(1_000).Create(world.Service);
        var order = AnOrder().Of(8_000).Create(Sam);

        Sam.Update(new Entity(SalesOrder.EntityLogicalName, order) { [SalesOrder.Fields.CustomerId] = new EntityReference(Account.EntityLogicalName, CreditTestIds.SecondCustomer) });

        Assert.NotEqual((int)CreditStatus.Approved, Status(order));
        Assert.Equal(0m, world.OpenOrders(CreditTestIds.Customer));
    }

    private static Entity Change(Guid order, string column, object value) => new(SalesOrder.EntityLogicalName, order) { [column] = value };

    private static SetStateRequest SetState(Guid order, OrderState state) => new()
    {
        EntityMoniker = new EntityReference(SalesOrder.EntityLogicalName, order),
        State = new OptionSetValue((int)state),
        Status = new OptionSetValue(state == OrderState.Canceled ? 4 : 1), // No Money / New
    };

    private int Status(Guid order) => world.Order(order).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value;
}
