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
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Leaving a credit group takes the group's limit away from a subsidiary's orders, so only Finance changes the parent
/// of an account when a credit group is concerned; as Sam the sales rep and Fiona the Finance approver, through the
/// local Dataverse with every plugin of the assembly.
/// </summary>
public sealed class CreditGroupMembershipControlTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public CreditGroupMembershipControlTests()
    {
        world.Service.Update(APolicy().BlockingAbove(2.0m).Build());
        AnAccount().WithId(CreditTestIds.GroupParent).Named("Northwind Holdings").WithLimit(100_000).WithOpenReceivables(60_000).WithGroupLimit(100_000).Create(world.Service);
        AnAccount().WithId(CreditTestIds.Customer).Named("Northwind Retail").WithLimit(50_000).WithOpenReceivables(10_000).SubsidiaryOf(CreditTestIds.GroupParent).Create(world.Service);
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void Sam_CannotTakeASubsidiaryOutOfItsCreditGroup_SoHisOrderOverTheGroupLimitIsStillHeld_WhileFinanceMayMoveIt()
    {
        var sam = world.Context.As(FixedIds.SalesRep);

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(
            () => sam.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.ParentAccountId] = null })).Detail.Message;
        var order = AnOrder().For(CreditTestIds.Customer).Of(35_000).Create(sam);

        Assert.Contains("'Northwind Holdings' (group limit 100,000.00)", refusal, StringComparison.Ordinal);
        Assert.Equal(CreditTestIds.GroupParent, world.Account(CreditTestIds.Customer).GetAttributeValue<EntityReference>(Account.Fields.ParentAccountId)?.Id);
        Assert.Equal((int)CreditStatus.OnHold, world.Order(order).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal("OverGroupLimit", world.Order(order).GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));

        world.Context.As(FixedIds.FinanceApprover).Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.ParentAccountId] = null });

        Assert.Null(world.Account(CreditTestIds.Customer).GetAttributeValue<EntityReference>(Account.Fields.ParentAccountId));
    }

    [Fact]
    public void Sam_MayPutAnAccountIntoACreditGroup_WhichOnlyAddsALimit_ButNotTakeItOutAgain()
    {
        AnAccount().WithId(CreditTestIds.SecondCustomer).Named("Contoso Trade").WithLimit(10_000).Create(world.Service);
        var sam = world.Context.As(FixedIds.SalesRep);

        sam.Update(new Entity(Account.EntityLogicalName, CreditTestIds.SecondCustomer) { [Account.Fields.ParentAccountId] = new EntityReference(Account.EntityLogicalName, CreditTestIds.GroupParent) });
        var leaving = Assert.Throws<FaultException<OrganizationServiceFault>>(
            () => sam.Update(new Entity(Account.EntityLogicalName, CreditTestIds.SecondCustomer) { [Account.Fields.ParentAccountId] = null }));

        Assert.Equal(CreditTestIds.GroupParent, world.Account(CreditTestIds.SecondCustomer).GetAttributeValue<EntityReference>(Account.Fields.ParentAccountId)?.Id);
        Assert.Contains("Finance Approver", leaving.Detail.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sam_CannotDeactivateTheGroupParentNorAMember_SoHisOrderIsStillCheckedAgainstTheGroupsExposure_WhileFinanceMay()
    {
        var sam = world.Context.As(FixedIds.SalesRep);

        var parent = Assert.Throws<FaultException<OrganizationServiceFault>>(() => sam.Execute(Deactivate(CreditTestIds.GroupParent))).Detail.Message;
        var member = Assert.Throws<FaultException<OrganizationServiceFault>>(
            () => sam.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.StateCode] = new OptionSetValue(1), [Account.Fields.StatusCode] = new OptionSetValue(2) })).Detail.Message;
        var order = AnOrder().For(CreditTestIds.Customer).Of(35_000).Create(sam);

        Assert.Contains("heads the credit group 'Northwind Holdings' (group limit 100,000.00)", parent, StringComparison.Ordinal);
        Assert.Contains("exposure of 60,000.00", parent, StringComparison.Ordinal);
        Assert.Contains("belongs to the credit group 'Northwind Holdings' (group limit 100,000.00)", member, StringComparison.Ordinal);
        Assert.Equal(0, world.Account(CreditTestIds.GroupParent).GetAttributeValue<OptionSetValue>(Account.Fields.StateCode).Value);
        Assert.Equal("OverGroupLimit", world.Order(order).GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));

        world.Context.As(FixedIds.FinanceApprover).Execute(Deactivate(CreditTestIds.GroupParent));

        Assert.Equal(1, world.Account(CreditTestIds.GroupParent).GetAttributeValue<OptionSetValue>(Account.Fields.StateCode).Value);
        Assert.All(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.CreditGroupMembershipGuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, plugins::CreditOS.Dataverse.Credit.Accounts.CreditGroupMembershipGuard.MaximumCalls));
    }

    [Fact]
    public void Sam_CannotDeactivateAGrandchildOfTheGroupParent_WhoseExposureTheGroupCountsAsMuchAsAChilds_WhileFinanceMay()
    {
        // Northwind Holdings (group limit 100,000, owes 60,000) > Northwind Retail (owes 10,000) > Northwind Outlet (owes
        // 25,000): the group owes 95,000; a 25,000 order of Retail's takes it to 120,000 and is held. With the Outlet
        // deactivated the group would count 70,000 and the same order would be approved.
        var grandchild = AnAccount().WithId(Guid.NewGuid()).Named("Northwind Outlet").WithLimit(30_000).WithOpenReceivables(25_000).SubsidiaryOf(CreditTestIds.Customer).Create(world.Service);
        var sam = world.Context.As(FixedIds.SalesRep);

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => sam.Execute(Deactivate(grandchild))).Detail.Message;
        var order = AnOrder().For(CreditTestIds.Customer).Of(25_000).Create(sam);

        Assert.Contains("Account 'Northwind Outlet' cannot be deactivated by you: it belongs to the credit group 'Northwind Holdings' (group limit 100,000.00)", refusal, StringComparison.Ordinal);
        Assert.Contains("exposure of 25,000.00", refusal, StringComparison.Ordinal);
        Assert.Equal(0, world.Account(grandchild).GetAttributeValue<OptionSetValue>(Account.Fields.StateCode).Value);
        Assert.Equal((int)CreditStatus.OnHold, world.Order(order).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal("OverGroupLimit", world.Order(order).GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));

        world.Context.As(FixedIds.FinanceApprover).Execute(Deactivate(grandchild));

        Assert.Equal(1, world.Account(grandchild).GetAttributeValue<OptionSetValue>(Account.Fields.StateCode).Value);
        Assert.All(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.CreditGroupMembershipGuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, plugins::CreditOS.Dataverse.Credit.Accounts.CreditGroupMembershipGuard.MaximumCalls));
    }

    private static Microsoft.Crm.Sdk.Messages.SetStateRequest Deactivate(Guid account) => new()
    {
        EntityMoniker = new EntityReference(Account.EntityLogicalName, account),
        State = new OptionSetValue(1),
        Status = new OptionSetValue(2),
    };
}
