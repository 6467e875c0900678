extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Testing.ServiceFaults;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using OrderHeaderGuard = plugins::CreditOS.Dataverse.Credit.OrderCheck.OrderHeaderGuard;
using OrderLineGuard = plugins::CreditOS.Dataverse.Credit.OrderCheck.OrderLineGuard;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;
using SalesOrderDetail = plugins::CreditOS.Dataverse.Model.SalesOrderDetail;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 28: an order billing more than the amount the credit check decided, by routes the order guards did not
/// measure: a credit line (negative quantity, which the standard order line allows) deleted or moved off the order, lines
/// added on top of the freight the order was checked with, and freight entered with a new order. As Sam the sales rep (his
/// own orders and so their lines), Fiona the Finance approver (Write on every order) and Ada the System Administrator,
/// through the local Dataverse with every plug-in. The customer's limit is 20,000.00.
/// </summary>
public sealed class OrderBilledBeyondCheckControlTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public OrderBilledBeyondCheckControlTests() => AnAccount().Named("Contoso Industrial").WithLimit(20_000).Create(world.Service);

    public void Dispose() => world.Dispose();

    private IOrganizationService Sam => world.Context.As(FixedIds.SalesRep);

    [Fact]
    public void Sam_CannotDeleteOrMoveACreditLineOffHisApprovedOrder_ToShipMoreThanItWasCheckedAt()
    {
        var order = AnOrder().Of(10_000).Create(Sam);
        var firstLine = Sam.Create(ALine(order, 1, 10_000m));
        var creditLine = Sam.Create(ALine(order, -1, 10_000m));
        Sam.Create(ALine(order, 1, 10_000m));
        var other = AnOrder().WithId(CreditTestIds.SecondOrder).Of(1_000).Create(Sam);
        Assert.Equal((int)CreditStatus.Approved, Status(order));
        Assert.Equal(11_000m, world.OpenOrders(CreditTestIds.Customer));
        world.ForgetExecutions();

        // Lines of 10,000.00, -10,000.00 and 10,000.00 ship the 10,000.00 checked; without the credit line they ship 20,000.00.
        var deleted = Refused(() => Sam.Delete(SalesOrderDetail.EntityLogicalName, creditLine));
        var moved = Refused(() => Sam.Update(new Entity(SalesOrderDetail.EntityLogicalName, creditLine)
        {
            [SalesOrderDetail.Fields.SalesOrderId] = new EntityReference(SalesOrder.EntityLogicalName, other),
        }));
        var byFiona = Refused(() => world.Context.As(FixedIds.FinanceApprover).Delete(SalesOrderDetail.EntityLogicalName, creditLine));

        Assert.Contains("credit-checked at 10,000.00 (approved); once its credit line of -10,000.00 is deleted, its lines would total 20,000.00, 10,000.00 more than the credit check decided", deleted, StringComparison.Ordinal);
        Assert.Contains("Raise the order's amount to 20,000.00 first, so the credit check decides it again, then delete the line.", deleted, StringComparison.Ordinal);
        Assert.Contains("once its credit line of -10,000.00 is moved to another order, its lines would total 20,000.00", moved, StringComparison.Ordinal);
        Assert.Contains("its lines would total 20,000.00", byFiona, StringComparison.Ordinal);
        Assert.Equal(3, Lines(order));
        Assert.Equal(0, Lines(other));
        Assert.Equal((int)CreditStatus.Approved, Status(order));
        Assert.Equal(11_000m, world.OpenOrders(CreditTestIds.Customer));

        // The honest way: the amount the lines ship, decided again (21,000.00 open on a 20,000.00 limit is not approved), then the line.
        Sam.Update(new Entity(SalesOrder.EntityLogicalName, order) { [SalesOrder.Fields.TotalAmount] = new Money(20_000m) });
        Sam.Delete(SalesOrderDetail.EntityLogicalName, creditLine);
        Assert.NotEqual((int)CreditStatus.Approved, Status(order));
        Assert.NotEqual((int)CreditStatus.ApprovedWithinGrace, Status(order));
        Assert.Equal(2, Lines(order));

        // Any other line bills less when it goes, and costs the guard no call.
        Sam.Delete(SalesOrderDetail.EntityLogicalName, firstLine);
        Assert.Equal(1, Lines(order));

        var runs = world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.OrderLineGuardPlugin));
        Assert.Contains(runs, run => run.ServiceCalls == 0);
        Assert.All(runs, run => Assert.InRange(run.ServiceCalls, 0, OrderLineGuard.MaximumCalls));
    }

    /// <summary>The same attack inside one ExecuteMultiple (ContinueOnError) and one ExecuteTransaction: each Delete runs the line's Delete step.</summary>
    [Fact]
    public void Sam_CannotDeleteTheCreditLine_InsideExecuteMultiple_NorExecuteTransaction()
    {
        var order = AnOrder().Of(10_000).Create(Sam);
        var creditLine = Sam.Create(ALine(order, -2, 5_000m));
        Sam.Create(ALine(order, 1, 10_000m));
        Sam.Create(ALine(order, 1, 10_000m));
        var delete = new DeleteRequest { Target = new EntityReference(SalesOrderDetail.EntityLogicalName, creditLine) };

        var batch = (ExecuteMultipleResponse)Sam.Execute(new ExecuteMultipleRequest
        {
            Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
            Requests = [delete],
        });
        var transaction = Refused(() => Sam.Execute(new ExecuteTransactionRequest { Requests = [delete] }));

        Assert.Contains("once its credit line of -10,000.00 is deleted, its lines would total 20,000.00", batch.Responses[0].Fault?.Message ?? "(no fault)", StringComparison.Ordinal);
        Assert.Contains("once its credit line of -10,000.00 is deleted", transaction, StringComparison.Ordinal);
        Assert.Equal(3, Lines(order));
        Assert.Equal((int)CreditStatus.Approved, Status(order));
        Assert.Equal(10_000m, world.OpenOrders(CreditTestIds.Customer));
    }

    [Fact]
    public void Ada_DeletingAWholeOrderWithACreditLine_TakesItsLinesWithIt()
    {
        var order = AnOrder().Of(1_000).Create(Sam);
        Sam.Create(ALine(order, -1, 1_000m));
        Sam.Create(ALine(order, 1, 1_000m));
        Sam.Create(ALine(order, 1, 1_000m));

        world.Context.As(FixedIds.AdminUser).Delete(SalesOrder.EntityLogicalName, order);

        Assert.Equal(0, world.CountOrders());
        Assert.Equal(0, Lines(order));
    }

    [Fact]
    public void Sam_AndFiona_CannotAddLinesOnTopOfTheFreightTheOrderWasCheckedWith()
    {
        var order = FreightedOrderOf19000();
        world.ForgetExecutions();

        // Lines of 19,000.00 "fit" the 19,000.00 checked, but the order bills them plus the 4,000.00 freight: 23,000.00.
        var bySam = Refused(() => Sam.Create(ALine(order, 1, 4_000m)));
        var byFiona = Refused(() => world.Context.As(FixedIds.FinanceApprover).Create(ALine(order, 1, 4_000m)));

        Assert.Contains("credit-checked at 19,000.00 (approved); with this line its lines would total 19,000.00 and it would bill 23,000.00 (freight 4,000.00), 4,000.00 more than the credit check decided", bySam, StringComparison.Ordinal);
        Assert.Contains("Raise the order's amount to 23,000.00 first", byFiona, StringComparison.Ordinal);
        Assert.Equal(1, Lines(order));
        Assert.Equal(19_000m, world.OpenOrders(CreditTestIds.Customer));

        // The honest way: 23,000.00 decided again is over the 20,000.00 limit and not approved.
        Sam.Update(new Entity(SalesOrder.EntityLogicalName, order) { [SalesOrder.Fields.TotalAmount] = new Money(23_000m) });
        Sam.Create(ALine(order, 1, 4_000m));
        Assert.NotEqual((int)CreditStatus.Approved, Status(order));
        Assert.NotEqual((int)CreditStatus.ApprovedWithinGrace, Status(order));
        Assert.All(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.OrderLineGuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, OrderLineGuard.MaximumCalls));
        Assert.All(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.OrderHeaderGuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, OrderHeaderGuard.MaximumCalls));
    }

    [Fact]
    public void Sam_CannotLowerHisOrdersAmountToWhatItsLinesOrderAlone_WhileItBillsTheirFreightOnTop()
    {
        var order = FreightedOrderOf19000();
        world.ForgetExecutions();

        // Lowered to what the lines order alone, the check would count 15,000.00 for an order billing 19,000.00.
        var lowered = Refused(() => Sam.Update(new Entity(SalesOrder.EntityLogicalName, order) { [SalesOrder.Fields.TotalAmount] = new Money(15_000m) }));
        Assert.Contains("credit-checked at 19,000.00 and its lines order 15,000.00 and it bills 19,000.00 with them (freight 4,000.00); lowering its amount to 15,000.00", lowered, StringComparison.Ordinal);
        Assert.Contains("4,000.00 less than the order bills", lowered, StringComparison.Ordinal);
        Assert.Equal(19_000m, world.Order(order).GetAttributeValue<Money>(SalesOrder.Fields.TotalAmount).Value);
        Assert.Equal(19_000m, world.OpenOrders(CreditTestIds.Customer));

        // Lowered together with the freight, the order bills what it is decided at.
        Sam.Update(new Entity(SalesOrder.EntityLogicalName, order) { [SalesOrder.Fields.FreightAmount] = new Money(0m), [SalesOrder.Fields.TotalAmount] = new Money(15_000m) });
        Assert.Equal(15_000m, world.OpenOrders(CreditTestIds.Customer));
        Assert.All(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.OrderHeaderGuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, OrderHeaderGuard.MaximumCalls));
    }

    /// <summary>Lines of 15,000.00 and freight of 4,000.00, raised with the amount as the header guard asks: checked again at 19,000.00 and approved (limit 20,000.00).</summary>
    private Guid FreightedOrderOf19000()
    {
        var order = AnOrder().Of(15_000).Create(Sam);
        Sam.Create(ALine(order, 1, 15_000m));
        Sam.Update(new Entity(SalesOrder.EntityLogicalName, order)
        {
            [SalesOrder.Fields.FreightAmount] = new Money(4_000m),
            [SalesOrder.Fields.TotalAmount] = new Money(19_000m),
        });
        Assert.Equal((int)CreditStatus.Approved, Status(order));
        return order;
    }

    [Fact]
    public void Sam_CannotEnterAnOrderWhoseFreightOrTaxBillsMoreThanItsAmount_NorUpsertOne_ButADiscountedOneFits()
    {
        var freighted = AnOrder().Of(5_000).Build();
        freighted[SalesOrder.Fields.FreightAmount] = new Money(20_000m);
        var taxed = AnOrder().WithId(CreditTestIds.SecondOrder).Of(5_000).Build();
        taxed[SalesOrder.Fields.TotalTax] = new Money(6_000m);

        var entered = Refused(() => Sam.Create(freighted));
        var upserted = Refused(() => Sam.Execute(new UpsertRequest { Target = taxed }));

        Assert.Contains("is entered at 5,000.00 but bills 20,000.00 before any line (freight 20,000.00), 15,000.00 more than the amount the credit check would decide", entered, StringComparison.Ordinal);
        Assert.Contains("Enter the order's amount as at least 20,000.00", entered, StringComparison.Ordinal);
        Assert.Contains("bills 6,000.00 before any line (tax 6,000.00)", upserted, StringComparison.Ordinal);
        Assert.Equal(0, world.CountOrders());
        Assert.Equal(0m, world.OpenOrders(CreditTestIds.Customer));

        // Freight less a discount within the amount is what the order bills: entered and checked at 5,000.00.
        var fits = AnOrder().Of(5_000).Build();
        fits[SalesOrder.Fields.FreightAmount] = new Money(8_000m);
        fits[SalesOrder.Fields.DiscountAmount] = new Money(3_000m);
        var order = Sam.Create(fits);
        Assert.Equal((int)CreditStatus.Approved, Status(order));
        Assert.Equal(5_000m, world.OpenOrders(CreditTestIds.Customer));
        Assert.All(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.OrderHeaderGuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, OrderHeaderGuard.MaximumCalls));
    }

    private int Status(Guid order) => world.CreditStatusOf(order);

    private int Lines(Guid order) => world.LinesOf(order);
}
