extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 25 (session 32), the brief's "owner changed to a team to dodge field security": field security binds the
/// caller whoever owns the row, and a change of owner is Assign (an Update of <c>ownerid</c> needs the table's Assign
/// privilege in Dataverse), which the Sales Rep role does not hold. Sam's Update of the owner of his customer and of his
/// approved order to an owner team is refused by the platform, and both keep their owner. As Sam (Sales Rep, Credit
/// Readers) through the local Dataverse with every plug-in. Held already; pinned.
/// </summary>
public sealed class OwnerToTeamControlTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public OwnerToTeamControlTests() => AnAccount().WithLimit(10_000).Create(world.Service);

    public void Dispose() => world.Dispose();

    [Fact]
    public void Sam_CannotGiveHisCustomerOrHisOrderToATeam_ByUpdatingTheirOwner()
    {
        var sam = world.SalesRep;
        var order = AnOrder().Of(8_000).Create(sam);
        var team = world.Context.ATeam("Sales East");
        var accountOwner = world.Account(CreditTestIds.Customer).GetAttributeValue<EntityReference>(Account.Fields.OwnerId).Id;

        var onAccount = Assert.Throws<FaultException<OrganizationServiceFault>>(
            () => sam.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.OwnerId] = new EntityReference("team", team) })).Detail;
        var onOrder = Assert.Throws<FaultException<OrganizationServiceFault>>(
            () => sam.Update(new Entity(SalesOrder.EntityLogicalName, order) { [SalesOrder.Fields.OwnerId] = new EntityReference("team", team) })).Detail;

        Assert.Contains("prvAssignAccount", onAccount.Message, StringComparison.Ordinal);
        Assert.Contains("prvAssignSalesOrder", onOrder.Message, StringComparison.Ordinal);
        Assert.Equal(accountOwner, world.Account(CreditTestIds.Customer).GetAttributeValue<EntityReference>(Account.Fields.OwnerId).Id);
        Assert.Equal(FixedIds.SalesRep, world.Order(order).GetAttributeValue<EntityReference>(SalesOrder.Fields.OwnerId).Id);
    }
}
