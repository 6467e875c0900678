extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.PolicyBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using OrderCheckPlugin = plugins::CreditOS.Plugins.OrderCreditCheckPlugin;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Groups;

/// <summary>
/// Credit groups through the local Dataverse: a parent account holds a group limit shared with its subsidiaries; an
/// order within the subsidiary's own limit that takes the group over its limit is held (or refused) naming the group
/// and its figures; the order check stays within its budget whatever the group's size.
/// </summary>
public sealed class CreditGroupOrderTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    private IOrganizationService SalesRep => world.Context.As(FixedIds.SalesRep);

    public void Dispose() => world.Dispose();

    [Fact]
    public void ASubsidiarysOrder_WithinItsOwnLimit_ThatTakesTheGroupOverItsLimit_IsHeld_NamingTheGroupAndItsFigures()
    {
        AGroup(groupLimit: 100_000, parentReceivables: 60_000, subsidiaryReceivables: 10_000);

        var orderId = AnOrder().For(CreditTestIds.Customer).Of(35_000).Create(SalesRep);

        var order = world.Order(orderId);
        Assert.Equal((int)CreditStatus.OnHold, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal("OverGroupLimit", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));
        Assert.Contains(
            "This order of USD 35,000.00 takes the exposure of the credit group Northwind Holdings to USD 105,000.00 (105% of it), above the group limit of USD 100,000.00 (group available before the order USD 30,000.00)",
            order.GetAttributeValue<string>(SalesOrder.Fields.HoldReason),
            StringComparison.Ordinal);
    }

    [Fact]
    public void ASubsidiarysOrder_WithinBothLimits_IsApproved_AndCountsTowardTheGroupsNextOrder()
    {
        AGroup(groupLimit: 100_000, parentReceivables: 60_000, subsidiaryReceivables: 10_000);

        var first = AnOrder().For(CreditTestIds.Customer).Of(20_000).Create(SalesRep);
        var second = AnOrder().WithId(CreditTestIds.SecondOrder).For(CreditTestIds.SecondCustomer).Of(15_000).Create(SalesRep);

        Assert.Equal((int)CreditStatus.Approved, StatusOf(first));
        Assert.Equal((int)CreditStatus.OnHold, StatusOf(second));
        Assert.Contains("to USD 105,000.00", world.Order(second).GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
    }

    [Fact]
    public void TheGroupParentsOwnOrder_CountsTheSubsidiariesExposure()
    {
        AGroup(groupLimit: 100_000, parentReceivables: 10_000, subsidiaryReceivables: 45_000, secondSubsidiaryReceivables: 40_000);

        var orderId = AnOrder().For(CreditTestIds.GroupParent).Of(10_000).Create(SalesRep);

        Assert.Equal((int)CreditStatus.OnHold, StatusOf(orderId));
        Assert.Contains("to USD 105,000.00", world.Order(orderId).GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
    }

    [Fact]
    public void AnOrderOverTheSubsidiarysOwnLimit_ButWithinTheGroup_IsHeldForTheOwnLimitOnly()
    {
        AGroup(groupLimit: 500_000, parentReceivables: 0, subsidiaryReceivables: 45_000);

        var orderId = AnOrder().For(CreditTestIds.Customer).Of(10_000).Create(SalesRep);

        Assert.Equal("OverCreditLimit", world.Order(orderId).GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(200)]
    public void ASubsidiarysOrderCheck_MakesFiveCalls_WhateverTheGroupsSize(int otherSubsidiaries)
    {
        AGroup(groupLimit: 1_000_000, parentReceivables: 0, subsidiaryReceivables: 0);
        for (var i = 0; i < otherSubsidiaries; i++)
        {
            AnAccount().WithId(Guid.NewGuid()).Named("Northwind branch " + i).WithOpenReceivables(100).SubsidiaryOf(CreditTestIds.GroupParent).Create(world.Service);
        }

        world.ForgetExecutions();
        AnOrder().For(CreditTestIds.Customer).Of(1_000).Create(SalesRep);

        var check = world.ExecutionsOf(typeof(OrderCheckPlugin)).Single();
        Assert.True(check.Succeeded, check.Error);
        Assert.Equal(5, check.ServiceCalls);
        Assert.Contains("credit group", check.Trace, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAccountOutsideAnyGroup_StillMakesThreeCalls()
    {
        AnAccount().WithLimit(50_000).Create(world.Service);

        world.ForgetExecutions();
        AnOrder().Of(1_000).Create(SalesRep);

        Assert.Equal(3, world.ExecutionsOf(typeof(OrderCheckPlugin)).Single().ServiceCalls);
    }

    [Fact]
    public void TheGroupLimit_IsCreditOwned_ASalesRepCannotSetIt()
    {
        AGroup(groupLimit: 100_000, parentReceivables: 0, subsidiaryReceivables: 0);

        var refusal = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(
            () => SalesRep.Update(new Entity(Account.EntityLogicalName, CreditTestIds.GroupParent) { [Account.Fields.GroupLimit] = new Money(10_000_000m) }));

        Assert.Contains("cos_grouplimit", refusal.Detail.Message, StringComparison.Ordinal);
        Assert.Equal(100_000m, world.AccountMoney(CreditTestIds.GroupParent, Account.Fields.GroupLimit));
    }

    private void AGroup(decimal groupLimit, decimal parentReceivables, decimal subsidiaryReceivables, decimal secondSubsidiaryReceivables = 0m)
    {
        world.Service.Update(APolicy().BlockingAbove(2.0m).Build());
        AnAccount().WithId(CreditTestIds.GroupParent).Named("Northwind Holdings").WithLimit(100_000).WithOpenReceivables(parentReceivables).WithGroupLimit(groupLimit).Create(world.Service);
        AnAccount().WithId(CreditTestIds.Customer).Named("Northwind Retail").WithLimit(50_000).WithOpenReceivables(subsidiaryReceivables).SubsidiaryOf(CreditTestIds.GroupParent).Create(world.Service);
        AnAccount().WithId(CreditTestIds.SecondCustomer).Named("Northwind Trade").WithLimit(50_000).WithOpenReceivables(secondSubsidiaryReceivables).SubsidiaryOf(CreditTestIds.GroupParent).Create(world.Service);
    }

    private int StatusOf(Guid orderId) => world.Order(orderId).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value;
}
