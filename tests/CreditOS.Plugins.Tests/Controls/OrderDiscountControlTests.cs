extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using OrderHeaderGuard = plugins::CreditOS.Dataverse.Credit.OrderCheck.OrderHeaderGuard;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 25 (session 32): a decided order's discount percentage is measured against what its lines order, not
/// against the header's <c>totallineitemamount</c>, which Sam the sales rep may write and no guard watches. As Sam, through
/// the local Dataverse with every plugin.
/// </summary>
public sealed class OrderDiscountControlTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public OrderDiscountControlTests() => AnAccount().Named("Contoso Industrial").WithLimit(10_000).Create(world.Service);

    public void Dispose() => world.Dispose();

    private IOrganizationService Sam => world.Context.As(FixedIds.SalesRep);

    [Fact]
    public void Sam_CannotLowerHisCheckedOrdersDiscountPercentage_AfterWritingItsDetailAmountDownToNothing()
    {
        // Lines of 8,000.00 less 50% plus 4,000.00 of freight: the order bills the 8,000.00 the check approved.
        var row = AnOrder().Of(8_000).Build();
        row[SalesOrder.Fields.DiscountPercentage] = 50m;
        row[SalesOrder.Fields.FreightAmount] = new Money(4_000m);
        var order = Sam.Create(row);
        Sam.Create(ALine(order, 16, 500m));
        Assert.Equal((int)CreditStatus.Approved, Status(order));
        world.ForgetExecutions();

        // The figure the guard used to measure the percentage against: Sam writes it down and nothing stops him.
        Sam.Update(new Entity(SalesOrder.EntityLogicalName, order) { [SalesOrder.Fields.TotalLineItemAmount] = new Money(0m) });
        Assert.Equal(0m, world.Order(order).GetAttributeValue<Money>(SalesOrder.Fields.TotalLineItemAmount).Value);

        // Then he lowers the discount and re-sends the amount checked: measured against the figure he wrote, the change
        // added nothing, so the check approved 8,000.00 again for an order billing 12,000.00.
        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Sam.Update(new Entity(SalesOrder.EntityLogicalName, order)
        {
            [SalesOrder.Fields.DiscountPercentage] = 0m,
            [SalesOrder.Fields.TotalAmount] = new Money(8_000m),
        })).Detail.Message;

        Assert.Contains("credit-checked at 8,000.00; lowering its discount from 50% to 0% (of lines totalling 8,000.00) would bill 4,000.00 more, 12,000.00 in all, but its amount was saved as 8,000.00", refusal, StringComparison.Ordinal);
        Assert.Equal(50m, world.Order(order).GetAttributeValue<decimal>(SalesOrder.Fields.DiscountPercentage));
        Assert.Equal((int)CreditStatus.Approved, Status(order));
        Assert.Equal(8_000m, world.OpenOrders(CreditTestIds.Customer));

        // The honest way: the amount it would bill saved with the change, which the check decides again (over the 10,000.00 limit).
        Sam.Update(new Entity(SalesOrder.EntityLogicalName, order)
        {
            [SalesOrder.Fields.DiscountPercentage] = 0m,
            [SalesOrder.Fields.TotalAmount] = new Money(12_000m),
        });
        Assert.NotEqual((int)CreditStatus.Approved, Status(order));
        Assert.NotEqual((int)CreditStatus.ApprovedWithinGrace, Status(order));

        var runs = world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.OrderHeaderGuardPlugin));
        Assert.Contains(runs, run => run.ServiceCalls >= 1);
        Assert.All(runs, run => Assert.InRange(run.ServiceCalls, 0, OrderHeaderGuard.MaximumCalls));
    }

    private int Status(Guid order) => world.Order(order).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value;
}
