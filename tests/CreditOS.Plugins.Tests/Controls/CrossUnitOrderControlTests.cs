extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 27 (session 34), the brief's "an order for an account the rep cannot read": the Sales Rep role reads
/// and appends to accounts of its business unit only (Local), and setting an order's customer asks AppendTo on the
/// account, so Sam cannot enter an order, nor move his own, onto a customer of the East unit (whose limit he could
/// otherwise draw on, unseen by its account manager). As Sam (Sales Rep, Credit Readers) through the local Dataverse with
/// every plug-in. Held already by the platform's privileges; pinned.
/// </summary>
public sealed class CrossUnitOrderControlTests : IDisposable
{
    /// <summary>0x80048306: the privilege is held (Local) but does not reach a row of another business unit.</summary>
    private const int AccessDenied = unchecked((int)0x80048306);
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();
    private readonly Guid eastCustomer = new("c0000000-0000-4000-8000-0000000027e1");

    public CrossUnitOrderControlTests()
    {
        AnAccount().WithLimit(10_000).Create(world.Service);
        var east = world.Context.ABusinessUnit("East");
        var erin = world.Context.AUser("Erin East").WithRole(SolutionRoles.SalesRep).InBusinessUnit(east).Create();
        var theirs = AnAccount().WithId(eastCustomer).Named("Fabrikam East").WithLimit(500_000).Build();
        theirs["ownerid"] = new EntityReference("systemuser", erin);
        world.Service.Create(theirs);
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void Sam_CannotEnterAnOrderForACustomerOfAnotherUnit_NorMoveHisOrderOntoIt()
    {
        var orders = world.Dataverse.Count(SalesOrder.EntityLogicalName);

        var entered = Assert.Throws<FaultException<OrganizationServiceFault>>(() => AnOrder().For(eastCustomer).Of(8_000).Create(world.SalesRep)).Detail;

        Assert.Equal(AccessDenied, entered.ErrorCode);
        Assert.Contains("ObjectID: " + eastCustomer.ToString("D"), entered.Message, StringComparison.Ordinal);
        Assert.Equal(orders, world.Dataverse.Count(SalesOrder.EntityLogicalName));

        var order = AnOrder().Of(8_000).Create(world.SalesRep);
        var moved = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.SalesRep.Update(new Entity(SalesOrder.EntityLogicalName, order)
        {
            [SalesOrder.Fields.CustomerId] = new EntityReference("account", eastCustomer),
        })).Detail;

        Assert.Equal(AccessDenied, moved.ErrorCode);
        Assert.Contains("ObjectID: " + eastCustomer.ToString("D"), moved.Message, StringComparison.Ordinal);
        Assert.Equal(CreditTestIds.Customer, world.Order(order).GetAttributeValue<EntityReference>(SalesOrder.Fields.CustomerId).Id);
    }
}
