extern alias plugins;

using System.ServiceModel;
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
/// Credit groups over the whole corporate hierarchy, through the local Dataverse as Sam the sales rep: Northwind
/// Holdings (group limit) → Northwind Europe → Northwind Paris (the customer). Every account up the line holding a group
/// limit is a group the customer is in, and the order must keep each within its limit.
/// </summary>
public sealed class CorporateHierarchyGroupTests : IDisposable
{
    private static readonly Guid Europe = new("c0000000-0000-4000-8000-0000000000b1");
    private const int AccountLoopBeingCreated = unchecked((int)0x80040507);

    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    private IOrganizationService SalesRep => world.Context.As(FixedIds.SalesRep);

    public void Dispose() => world.Dispose();

    [Fact]
    public void AGrandchildsOrder_WithinItsOwnAndItsParentsGroup_IsHeldByTheGrandparentsGroupLimit_NamingItWithItsFigures()
    {
        world.Service.Update(APolicy().BlockingAbove(2.0m).Build());
        ThreeLevels(holdingsGroupLimit: 200_000, holdingsReceivables: 150_000, europeGroupLimit: 100_000, europeReceivables: 20_000, parisReceivables: 10_000);

        var orderId = AnOrder().For(CreditTestIds.Customer).Of(30_000).Create(SalesRep);

        var order = world.Order(orderId);
        Assert.Equal((int)CreditStatus.OnHold, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal("OverGroupLimit", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));
        var reason = order.GetAttributeValue<string>(SalesOrder.Fields.HoldReason);
        Assert.Contains(
            "This order of USD 30,000.00 takes the exposure of the credit group Northwind Holdings to USD 210,000.00 (105% of it), above the group limit of USD 200,000.00 (group available before the order USD 20,000.00)",
            reason,
            StringComparison.Ordinal);
        Assert.DoesNotContain("Northwind Europe", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AGrandchildsOrder_WithinEveryGroup_IsApproved_AndCountsInEachGroupAbove()
    {
        world.Service.Update(APolicy().BlockingAbove(2.0m).Build());
        ThreeLevels(holdingsGroupLimit: 300_000, holdingsReceivables: 150_000, europeGroupLimit: 100_000, europeReceivables: 20_000, parisReceivables: 10_000);

        var first = AnOrder().For(CreditTestIds.Customer).Of(30_000).Create(SalesRep);
        var europeOrder = AnOrder().WithId(CreditTestIds.SecondOrder).For(Europe).Of(45_000).Create(SalesRep);

        Assert.Equal((int)CreditStatus.Approved, world.Order(first).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal((int)CreditStatus.OnHold, world.Order(europeOrder).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Contains(
            "credit group Northwind Europe to USD 105,000.00",
            world.Order(europeOrder).GetAttributeValue<string>(SalesOrder.Fields.HoldReason),
            StringComparison.Ordinal);
    }

    [Fact]
    public void AGrandchildsOrderCheck_InTwoGroups_MakesEightCalls_OneToReadTheAncestry_AndALockAndAnAggregatePerGroup()
    {
        ThreeLevels(holdingsGroupLimit: 1_000_000, holdingsReceivables: 0, europeGroupLimit: 500_000, europeReceivables: 0, parisReceivables: 0);
        for (var i = 0; i < 20; i++)
        {
            AnAccount().WithId(Guid.NewGuid()).Named("Northwind branch " + i).WithOpenReceivables(100).SubsidiaryOf(i % 2 == 0 ? Europe : CreditTestIds.GroupParent).Create(world.Service);
        }

        world.ForgetExecutions();
        AnOrder().For(CreditTestIds.Customer).Of(1_000).Create(SalesRep);

        var check = world.ExecutionsOf(typeof(OrderCheckPlugin)).Single();
        Assert.True(check.Succeeded, check.Error);
        Assert.Equal(8, check.ServiceCalls);
        Assert.Contains("credit group Northwind Holdings", check.Trace, StringComparison.Ordinal);
        Assert.Contains("credit group Northwind Europe", check.Trace, StringComparison.Ordinal);
    }

    [Fact]
    public void AGrandchildsOrderCheck_WithOnlyTheGrandparentHoldingALimit_MakesSixCalls()
    {
        ThreeLevels(holdingsGroupLimit: 1_000_000, holdingsReceivables: 0, europeGroupLimit: null, europeReceivables: 0, parisReceivables: 0);

        world.ForgetExecutions();
        AnOrder().For(CreditTestIds.Customer).Of(1_000).Create(SalesRep);

        var check = world.ExecutionsOf(typeof(OrderCheckPlugin)).Single();
        Assert.True(check.Succeeded, check.Error);
        Assert.Equal(6, check.ServiceCalls);
    }

    [Fact]
    public void Sam_CannotCloseALoop_MakingTheHoldingASubsidiaryOfItsGrandchild_DataverseRefusesIt()
    {
        ThreeLevels(holdingsGroupLimit: 200_000, holdingsReceivables: 0, europeGroupLimit: null, europeReceivables: 0, parisReceivables: 0);

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(
            () => SalesRep.Update(new Entity(Account.EntityLogicalName, CreditTestIds.GroupParent) { [Account.Fields.ParentAccountId] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) }));

        Assert.Equal(AccountLoopBeingCreated, refusal.Detail.ErrorCode);
        Assert.Null(world.Account(CreditTestIds.GroupParent).GetAttributeValue<EntityReference>(Account.Fields.ParentAccountId));
    }

    [Fact]
    public void Sam_CannotMoveAGrandchildOutFromUnderAMiddleAccountWithoutALimit_WhenTheGroupIsHeldAbove_WhileFinanceMay()
    {
        ThreeLevels(holdingsGroupLimit: 200_000, holdingsReceivables: 0, europeGroupLimit: null, europeReceivables: 0, parisReceivables: 0);
        var leaving = new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.ParentAccountId] = null };

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => SalesRep.Update(leaving));
        world.Context.As(FixedIds.FinanceApprover).Update(leaving);

        Assert.Contains("'Northwind Holdings' (group limit 200,000.00)", refusal.Detail.Message, StringComparison.Ordinal);
        Assert.Null(world.Account(CreditTestIds.Customer).GetAttributeValue<EntityReference>(Account.Fields.ParentAccountId));
    }

    /// <summary>Northwind Holdings → Northwind Europe → Northwind Paris (the customer); own limits 500,000 / 100,000 / 50,000.</summary>
    private void ThreeLevels(decimal holdingsGroupLimit, decimal holdingsReceivables, decimal? europeGroupLimit, decimal europeReceivables, decimal parisReceivables)
    {
        AnAccount().WithId(CreditTestIds.GroupParent).Named("Northwind Holdings").WithLimit(500_000).WithOpenReceivables(holdingsReceivables).WithGroupLimit(holdingsGroupLimit).Create(world.Service);
        var europe = AnAccount().WithId(Europe).Named("Northwind Europe").WithLimit(100_000).WithOpenReceivables(europeReceivables).SubsidiaryOf(CreditTestIds.GroupParent);
        (europeGroupLimit is { } limit ? europe.WithGroupLimit(limit) : europe).Create(world.Service);
        AnAccount().WithId(CreditTestIds.Customer).Named("Northwind Paris").WithLimit(50_000).WithOpenReceivables(parisReceivables).SubsidiaryOf(Europe).Create(world.Service);
    }
}
