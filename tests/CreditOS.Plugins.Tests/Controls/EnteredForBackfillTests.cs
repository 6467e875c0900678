extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using Backfill = plugins::CreditOS.Dataverse.Credit.OrderCheck.EnteredForBackfill;
using BackfillPlugin = plugins::CreditOS.Plugins.BackfillOrderEnteredForPlugin;
using OrderState = plugins::CreditOS.Dataverse.Model.SalesOrderState;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 12 (session 19), round 11's leftover: orders entered before <c>cos_enteredfor</c> existed carry none
/// and count in the history of whatever customer they are moved to. <c>cos_BackfillOrderEnteredFor</c> stamps them once
/// after an upgrade, as the credit flow: the worker's application user calls it (a person is refused), it stamps open
/// orders with their customer now, leaves closed orders (read-only in Dataverse, so they cannot be moved) alone, and a
/// second run writes nothing. Orders "from before the upgrade" are made here by clearing the column as SYSTEM.
/// </summary>
public sealed class EnteredForBackfillTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();
    private readonly Guid first;
    private readonly Guid second;
    private readonly Guid cancelled;

    public EnteredForBackfillTests()
    {
        AnAccount().WithLimit(100_000).Create(world.Service);
        AnAccount().WithId(CreditTestIds.SecondCustomer).Named("Fabrikam").WithLimit(100_000).Create(world.Service);
        first = AnOrder().Of(1_000m).Create(world.SalesRep);
        second = AnOrder().WithId(CreditTestIds.SecondOrder).For(CreditTestIds.SecondCustomer).Of(2_000m).Create(world.SalesRep);
        cancelled = AnOrder().WithId(Guid.NewGuid()).Of(500m).Create(world.SalesRep);
        world.SalesRep.Update(new Entity(SalesOrder.EntityLogicalName, cancelled) { [SalesOrder.Fields.StateCode] = new OptionSetValue((int)OrderState.Canceled) });
        foreach (var order in new[] { first, second, cancelled })
        {
            world.Service.Update(new Entity(SalesOrder.EntityLogicalName, order) { [SalesOrder.Fields.EnteredFor] = null });
        }
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void TheWorker_StampsOpenOrdersWithTheirCustomerOnce_LeavingClosedOnes_WhileSamCannotRunIt()
    {
        var bySam = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.SalesRep.Execute(new OrganizationRequest(Backfill.UniqueName))).Detail.Message;
        Assert.Contains("only the creditOS Integration role's application user or SYSTEM runs it", bySam, StringComparison.Ordinal);
        Assert.Null(EnteredFor(first));

        var worker = world.Context.As(world.Context.AUser("creditOS worker").WithRole(SolutionRoles.Integration).WithProfile("creditOS Integration Readers").Create());
        world.ForgetExecutions();
        var run = worker.Execute(new OrganizationRequest(Backfill.UniqueName));

        Assert.Equal(2, run.Results[Backfill.Updated]);
        Assert.Equal(false, run.Results[Backfill.Remaining]);
        Assert.Equal(CreditTestIds.Customer, EnteredFor(first));
        Assert.Equal(CreditTestIds.SecondCustomer, EnteredFor(second));
        Assert.Null(EnteredFor(cancelled));
        Assert.All(world.ExecutionsOf(typeof(BackfillPlugin)), call => Assert.InRange(call.ServiceCalls, 1, Backfill.FixedCalls + 2));

        var again = worker.Execute(new OrganizationRequest(Backfill.UniqueName));
        Assert.Equal(0, again.Results[Backfill.Updated]);
        Assert.Equal(CreditTestIds.Customer, EnteredFor(first));
    }

    private Guid? EnteredFor(Guid order) => world.Order(order).GetAttributeValue<EntityReference>(SalesOrder.Fields.EnteredFor)?.Id;
}
