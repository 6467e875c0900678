extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 23 (session 30): splitting a large order into small ones inside one bulk request. CreateMultiple and
/// ExecuteTransaction run every row's Create in one transaction ("the respective Create and Update event occurs for each
/// Entity instance in the Targets parameter"), so the rows could have been checked against the exposure the request found
/// before any of them was written. Sam (Sales Rep + Credit Readers) enters two orders of 6,000.00 on a 10,000.00 limit in one
/// request: the second is decided on the first's exposure, as when entered one by one.
/// </summary>
public sealed class BulkOrderSplitControlTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public BulkOrderSplitControlTests() => AnAccount().Named("Contoso Industrial").WithLimit(10_000).Create(world.Service);

    public void Dispose() => world.Dispose();

    [Fact]
    public void Sam_SplittingALargeOrderInsideOneCreateMultiple_OrOneExecuteTransaction_EachOrderSeesTheOthersExposure()
    {
        var first = AnOrder().WithId(Guid.NewGuid()).Of(6_000).Build();
        var second = AnOrder().WithId(Guid.NewGuid()).Of(6_000).Build();

        world.SalesRep.Execute(new OrganizationRequest("CreateMultiple") { ["Targets"] = new EntityCollection([first, second]) { EntityName = SalesOrder.EntityLogicalName } });

        Assert.Equal((int)CreditStatus.Approved, world.CreditStatusOf(first.Id));
        Assert.Equal((int)CreditStatus.OnHold, world.CreditStatusOf(second.Id));
        Assert.Equal(12_000m, world.OpenOrders(CreditTestIds.Customer));

        var third = AnOrder().WithId(Guid.NewGuid()).Of(1_000).Build();
        var fourth = AnOrder().WithId(Guid.NewGuid()).Of(1_000).Build();
        world.SalesRep.Execute(new ExecuteTransactionRequest { Requests = [new CreateRequest { Target = third }, new CreateRequest { Target = fourth }] });

        Assert.NotEqual((int)CreditStatus.Approved, world.CreditStatusOf(third.Id));
        Assert.NotEqual((int)CreditStatus.Approved, world.CreditStatusOf(fourth.Id));
        Assert.Equal(14_000m, world.OpenOrders(CreditTestIds.Customer));
    }
}
