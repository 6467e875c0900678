extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using OrderChannel = plugins::CreditOS.Dataverse.Model.OrderChannel;
using Policy = plugins::CreditOS.Dataverse.Model.CreditPolicy;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests;

/// <summary>
/// The trusted channel's tolerances are Dataverse configuration: columns of the policy row (cos_trustedchannel and its
/// three amounts), seeded with the shipped EDI values, read by the configuration reader and by the order check's one
/// account read (policy joined), guarded at save. The Credit Administrator changes the row; the next order's decision changes.
/// </summary>
public sealed class TrustedChannelConfigurationTests : IDisposable
{
    // What the settings do, not who may change them (four-eyes off; controls round 14).
    private readonly CreditWorld world = CreditWorld.WithAllPlugins().WithoutConfigurationFourEyes();

    public TrustedChannelConfigurationTests() => AnAccount().WithLimit(10_000).WithOpenReceivables(9_500).Create(world.Service);

    public void Dispose() => world.Dispose();

    private IOrganizationService CreditAdministrator => world.Context.As(FixedIds.CreditOfficer);

    [Fact]
    public void ThePolicyRow_IsSeededWithTodaysEdiTolerances()
    {
        var policy = world.Service.Retrieve(Policy.EntityLogicalName, CreditTestIds.StandardPolicy, new Microsoft.Xrm.Sdk.Query.ColumnSet(true));

        Assert.Equal((int)OrderChannel.EDI, policy.GetAttributeValue<OptionSetValue>(Policy.Fields.TrustedChannel).Value);
        Assert.Equal((2_500m, 2_500m, 1_000m), (Money(policy, Policy.Fields.TrustedMaxOrderAmount), Money(policy, Policy.Fields.TrustedMaxExcessOverLimit), Money(policy, Policy.Fields.TrustedOverdueTolerance)));
        Assert.Equal((int)CreditStatus.ApprovedWithinGrace, Status(AnOrder().Of(1_000).Through(OrderChannel.EDI).Create(world.Service)));
    }

    [Fact]
    public void NoExcessAllowedOnTheRow_TheSameEdiOrderIsHeld()
    {
        CreditAdministrator.Update(new Entity(Policy.EntityLogicalName, CreditTestIds.StandardPolicy) { [Policy.Fields.TrustedMaxExcessOverLimit] = new Money(0m) });

        var orderId = AnOrder().Of(1_000).Through(OrderChannel.EDI).Create(world.Service);

        Assert.Equal((int)CreditStatus.OnHold, Status(orderId));
        Assert.Equal("OverCreditLimit", world.Order(orderId).GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));
    }

    [Fact]
    public void AnotherTrustedChannelOnTheRow_TrustsItsOrders_AndNoLongerEdis()
    {
        CreditAdministrator.Update(new Entity(Policy.EntityLogicalName, CreditTestIds.StandardPolicy) { [Policy.Fields.TrustedChannel] = new OptionSetValue((int)OrderChannel.WebShop) });

        var edi = AnOrder().Of(1_000).Through(OrderChannel.EDI).Create(world.Service);
        var web = AnOrder().WithId(CreditTestIds.SecondOrder).Of(1_000).Through(OrderChannel.WebShop).Create(world.Service);

        Assert.Equal((int)CreditStatus.OnHold, Status(edi));
        Assert.Equal((int)CreditStatus.ApprovedWithinGrace, Status(web));
    }

    [Fact]
    public void ALargerOrderAmountOnTheRow_LetsALargerEdiOrderThrough()
    {
        var before = AnOrder().Of(3_000).Through(OrderChannel.EDI).Create(world.Service);
        Assert.Equal((int)CreditStatus.OnHold, Status(before));

        CreditAdministrator.Update(new Entity(Policy.EntityLogicalName, CreditTestIds.StandardPolicy) { [Policy.Fields.TrustedMaxOrderAmount] = new Money(5_000m) });
        AnAccount().WithId(CreditTestIds.SecondCustomer).WithLimit(10_000).WithOpenReceivables(9_500).Create(world.Service);
        var after = AnOrder().WithId(CreditTestIds.SecondOrder).For(CreditTestIds.SecondCustomer).Of(3_000).Through(OrderChannel.EDI).Create(world.Service);

        // The same order on the same picture (exposure 12,500 of 10,000): over the 2,500 order size before, within 5,000 after.
        Assert.Equal((int)CreditStatus.ApprovedWithinGrace, Status(after));
    }

    [Fact]
    public void ANegativeTolerance_IsRefusedAtSave()
    {
        Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            CreditAdministrator.Update(new Entity(Policy.EntityLogicalName, CreditTestIds.StandardPolicy) { [Policy.Fields.TrustedOverdueTolerance] = new Money(-1m) }));

        var policy = world.Service.Retrieve(Policy.EntityLogicalName, CreditTestIds.StandardPolicy, new Microsoft.Xrm.Sdk.Query.ColumnSet(Policy.Fields.TrustedOverdueTolerance));
        Assert.Equal(1_000m, Money(policy, Policy.Fields.TrustedOverdueTolerance));
    }

    private int Status(Guid orderId) => world.Order(orderId).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value;

    private static decimal Money(Entity row, string column) => row.GetAttributeValue<Money>(column).Value;
}
