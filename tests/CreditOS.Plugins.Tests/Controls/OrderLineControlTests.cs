extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Testing.ServiceFaults;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;
using SalesOrderDetail = plugins::CreditOS.Dataverse.Model.SalesOrderDetail;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// The credit check decides an order on its amount; its lines may not order more than that afterwards. As Sam the
/// sales rep (who writes his own orders, and so their lines: Dataverse has no order-line privileges of its own) and Ada
/// the System Administrator, through the local Dataverse with every plugin of the assembly.
/// </summary>
public sealed class OrderLineControlTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public OrderLineControlTests() => AnAccount().WithLimit(20_000).Create(world.Service);

    public void Dispose() => world.Dispose();

    [Fact]
    public void Sam_CannotAddOrRaiseLinesBeyondTheAmountHisApprovedOrderWasCheckedAt_UntilHeRaisesTheOrderSoItIsCheckedAgain()
    {
        var sam = world.Context.As(FixedIds.SalesRep);
        var order = AnOrder().For(CreditTestIds.Customer).Of(8_000).Create(sam);
        Assert.Equal((int)CreditStatus.Approved, Status(order));
        var first = sam.Create(ALine(order, 10, 500m));
        var second = sam.Create(ALine(order, 6, 500m));

        var added = Refused(() => sam.Create(ALine(order, 40, 500m)));
        var raised = Refused(() => sam.Update(new Entity(SalesOrderDetail.EntityLogicalName, second) { [SalesOrderDetail.Fields.Quantity] = 46m }));
        var byAda = Refused(() => world.Context.As(FixedIds.AdminUser).Create(ALine(order, 40, 500m)));

        Assert.Contains("credit-checked at 8,000.00 (approved)", added, StringComparison.Ordinal);
        Assert.Contains("would total 28,000.00, 20,000.00 more", added, StringComparison.Ordinal);
        Assert.Contains("would total 28,000.00", raised, StringComparison.Ordinal);
        Assert.Contains("Raise the order's amount to 28,000.00 first", byAda, StringComparison.Ordinal);
        Assert.Equal(2, Lines(order));

        sam.Update(new Entity(SalesOrderDetail.EntityLogicalName, first) { [SalesOrderDetail.Fields.Quantity] = 4m });
        sam.Delete(SalesOrderDetail.EntityLogicalName, second);
        sam.Update(new Entity(SalesOrder.EntityLogicalName, order) { [SalesOrder.Fields.TotalAmount] = new Money(22_000m) });
        sam.Create(ALine(order, 40, 500m));

        Assert.Equal((int)CreditStatus.OnHold, Status(order));
        Assert.Equal(2, Lines(order));
        Assert.All(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.OrderLineGuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, 2));
        Assert.Contains(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.OrderLineGuardPlugin)), run => run.ServiceCalls == 0);
    }

    [Fact]
    public void Sam_CannotTouchTheLinesOfAnOrderHeCannotWrite_AsDataverseChecksLinesOnTheirOrder()
    {
        var adasOrder = AnOrder().For(CreditTestIds.Customer).Of(5_000).Create(world.Context.As(FixedIds.AdminUser));
        var line = world.Service.Create(ALine(adasOrder, 1, 1_000m));
        var sam = world.Context.As(FixedIds.SalesRep);

        Assert.Throws<FaultException<OrganizationServiceFault>>(() => sam.Create(ALine(adasOrder, 1, 100m)));
        Assert.Throws<FaultException<OrganizationServiceFault>>(() => sam.Delete(SalesOrderDetail.EntityLogicalName, line));
        Assert.Equal(1, Lines(adasOrder));
    }

    private int Status(Guid order) => world.CreditStatusOf(order);

    private int Lines(Guid order) => world.LinesOf(order);
}
