extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.PolicyBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using Guard = plugins::CreditOS.Dataverse.Credit.Accounts.CreditGroupMembershipGuard;
using GuardPlugin = plugins::CreditOS.Plugins.CreditGroupMembershipGuardPlugin;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 12 (session 19), round 11's leftover: deactivating a credit group's parent or member is Finance's
/// (session 7), and a group's exposure sums its active accounts only, so the exposure of the account deactivated becomes
/// room the other members draw on under the group limit. Round 11 bound taking a member out of its group by the
/// approver's authority; deactivating it was not. Northwind Holdings (group limit 500,000, owes 150,000) &gt; Northwind
/// Retail (owes 50,000; its Kiosk 20,000) and Northwind Outlet (owes 200,000): Sam's 100,000 order of Retail's takes the
/// group to 520,000 and is held. Fiona (authority 100,000) deactivated the Outlet, and Sam's next order was approved. As Fiona and
/// Frank (Finance Approver + Credit Deciders) and Sam (Sales Rep) through the local Dataverse with every plug-in.
/// </summary>
public sealed class GroupDeactivationAuthorityControlTests : IDisposable
{
    private static readonly Guid Outlet = new("3d8a6f12-5c4e-4b7a-9e21-6f0b2c8d4a93");
    private static readonly Guid Kiosk = new("9a2e5b71-4f3c-4d86-b1e0-7c5d3a2f6e48");
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();
    private readonly Guid frank;

    public GroupDeactivationAuthorityControlTests()
    {
        world.Service.Update(APolicy().BlockingAbove(2.0m).Build());
        AnAccount().WithId(CreditTestIds.GroupParent).Named("Northwind Holdings").WithLimit(500_000).WithOpenReceivables(150_000).WithGroupLimit(500_000).Create(world.Service);
        AnAccount().WithId(CreditTestIds.Customer).Named("Northwind Retail").WithLimit(500_000).WithOpenReceivables(50_000).SubsidiaryOf(CreditTestIds.GroupParent).Create(world.Service);
        AnAccount().WithId(Outlet).Named("Northwind Outlet").WithLimit(250_000).WithOpenReceivables(200_000).SubsidiaryOf(CreditTestIds.GroupParent).Create(world.Service);
        AnAccount().WithId(Kiosk).Named("Northwind Kiosk").WithLimit(30_000).WithOpenReceivables(20_000).SubsidiaryOf(CreditTestIds.Customer).Create(world.Service);

        // The Credit Administrator's matrix: Fiona's own row, 100,000; Frank is under the shipped default row.
        frank = world.FionaWithAnAuthorityOfAndFrank(100_000m);
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void Fiona_CannotDeactivateAMemberOrTheParent_WhoseExposureFreedIsBeyondHerAuthority_SoSamsNextOrderIsStillHeld_WhileFrankMay()
    {
        var held = AnOrder().For(CreditTestIds.Customer).Of(100_000).Create(world.SalesRep);
        Assert.Equal("OverGroupLimit", world.Order(held).GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));

        world.ForgetExecutions();
        var member = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.CreditManager.Execute(Deactivate(Outlet))).Detail.Message;
        var parent = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.CreditManager.Execute(Deactivate(CreditTestIds.GroupParent))).Detail.Message;
        var next = AnOrder().WithId(CreditTestIds.SecondOrder).For(CreditTestIds.Customer).Of(10_000).Create(world.SalesRep);

        Assert.Contains("Account 'Northwind Outlet' cannot be deactivated by you: it belongs to the credit group 'Northwind Holdings' (group limit 500,000.00)", member, StringComparison.Ordinal);
        Assert.Contains("frees for the other members of its credit group an exposure of 200,000.00 USD needs an approval authority of at least 200,000.00; yours is 100,000.00", member, StringComparison.Ordinal);
        Assert.Contains("The account stays active in its credit group for an approver whose authority covers it", member, StringComparison.Ordinal);
        Assert.Contains("Account 'Northwind Holdings' cannot be deactivated by you: it heads the credit group", parent, StringComparison.Ordinal);
        Assert.Contains("an exposure of 150,000.00 USD needs an approval authority of at least 150,000.00", parent, StringComparison.Ordinal);
        Assert.Equal(0, StateOf(Outlet));
        Assert.Equal(0, StateOf(CreditTestIds.GroupParent));
        Assert.Equal((int)CreditStatus.OnHold, world.CreditStatusOf(next));
        Assert.Equal("OverGroupLimit", world.Order(next).GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));
        Assert.All(world.ExecutionsOf(typeof(GuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, Guard.MaximumCalls));

        world.Context.As(frank).Execute(Deactivate(Outlet));
        var third = AnOrder().WithId(Guid.NewGuid()).For(CreditTestIds.Customer).Of(10_000).Create(world.SalesRep);

        Assert.Equal(1, StateOf(Outlet));
        Assert.Equal((int)CreditStatus.Approved, world.CreditStatusOf(third));
    }

    [Fact]
    public void Fiona_StillDeactivatesAGrandchild_WhoseExposureHerAuthorityCovers()
    {
        world.CreditManager.Execute(Deactivate(Kiosk));

        Assert.Equal(1, StateOf(Kiosk));
    }

    private static SetStateRequest Deactivate(Guid account) => new()
    {
        EntityMoniker = new EntityReference(Account.EntityLogicalName, account),
        State = new OptionSetValue(1),
        Status = new OptionSetValue(2),
    };

    private int StateOf(Guid account) => world.Account(account).GetAttributeValue<OptionSetValue>(Account.Fields.StateCode).Value;
}
