extern alias plugins;

using System.ServiceModel;
using System.Text.Json.Nodes;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.PolicyBuilder;
using static CreditOS.Plugins.Tests.Controls.WebApiCall;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using Guard = plugins::CreditOS.Dataverse.Credit.Accounts.CreditGroupMembershipGuard;
using GuardPlugin = plugins::CreditOS.Plugins.CreditGroupMembershipGuardPlugin;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 11 (session 18): taking a subsidiary out of its credit group frees its orders from the group's limit,
/// leaving only its own. Rounds 4 and 5 bound lifting a suspension and ending a hold by the approver's authority; leaving
/// a group was Finance's (session 7) but unbound: Fiona, whose authority is 100,000, cleared the parent of Northwind
/// Retail (own limit 500,000, in a group limited to 100,000 that its held 35,000 order would take to 105,000), and Sam's
/// next 35,000 order was approved. Now the exit needs an authority covering the member's own limit in force (or its
/// exposure when higher); moving within the group and joining one stay as they were. As Fiona and Frank (Finance Approver,
/// Credit Deciders) and Sam (Sales Rep) through the local Dataverse with every plug-in, and over the Web API.
/// </summary>
public sealed class GroupExitAuthorityControlTests : WebApiControlTestsBase
{
    private static readonly Guid Outlet = new("5b1e7c44-0d2f-4a8e-9c61-2f7d3a9e8b15");
    private static readonly Guid Elsewhere = new("8c3f1a27-6e4b-4d90-b2a5-7e1c9d0f3a62");
    private readonly Guid frank;

    public GroupExitAuthorityControlTests()
        : base(CreditWorld.WithAllPlugins(), FixedIds.FinanceApprover)
    {
        World.Service.Update(APolicy().BlockingAbove(2.0m).Build());
        AnAccount().WithId(CreditTestIds.GroupParent).Named("Northwind Holdings").WithLimit(100_000).WithOpenReceivables(60_000).WithGroupLimit(100_000).Create(World.Service);
        AnAccount().WithId(CreditTestIds.Customer).Named("Northwind Retail").WithLimit(500_000).WithOpenReceivables(10_000).SubsidiaryOf(CreditTestIds.GroupParent).Create(World.Service);
        AnAccount().WithId(Outlet).Named("Northwind Outlet").WithLimit(20_000).SubsidiaryOf(CreditTestIds.GroupParent).Create(World.Service);
        AnAccount().WithId(Elsewhere).Named("Adventure Works").WithLimit(20_000).Create(World.Service);

        // The Credit Administrator's matrix: Fiona's own row, 100,000; Frank is under the shipped default row.
        frank = World.FionaWithAnAuthorityOfAndFrank(100_000m);
    }

    [Fact]
    public void Fiona_CannotTakeAMemberOutOfItsCreditGroup_WhenItsOwnLimitIsBeyondHerAuthority_SoSamsOrderStaysHeld_WhileFrankMay()
    {
        var held = AnOrder().For(CreditTestIds.Customer).Of(35_000).Create(World.SalesRep);
        Assert.Equal("OverGroupLimit", World.Order(held).GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));

        World.ForgetExecutions();
        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => World.CreditManager.Update(Parent(CreditTestIds.Customer, null))).Detail.Message;
        var next = AnOrder().WithId(CreditTestIds.SecondOrder).For(CreditTestIds.Customer).Of(35_000).Create(World.SalesRep);

        Assert.Contains("Account 'Northwind Retail' cannot be taken out of the credit group 'Northwind Holdings' (group limit 100,000.00) by you", refusal, StringComparison.Ordinal);
        Assert.Contains("puts in force its own credit limit of 500,000.00 USD needs an approval authority of at least 500,000.00; yours is 100,000.00", refusal, StringComparison.Ordinal);
        Assert.Contains("The account stays in its credit group for an approver whose authority covers it", refusal, StringComparison.Ordinal);
        Assert.Equal(CreditTestIds.GroupParent, ParentOf(CreditTestIds.Customer));
        Assert.Equal((int)CreditStatus.OnHold, World.CreditStatusOf(next));
        Assert.Equal("OverGroupLimit", World.Order(next).GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));
        Assert.All(World.ExecutionsOf(typeof(GuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, Guard.MaximumCalls));

        World.Context.As(frank).Update(Parent(CreditTestIds.Customer, null));
        var third = AnOrder().WithId(Guid.NewGuid()).For(CreditTestIds.Customer).Of(35_000).Create(World.SalesRep);

        Assert.Null(World.Account(CreditTestIds.Customer).GetAttributeValue<EntityReference>(Account.Fields.ParentAccountId));
        Assert.Equal((int)CreditStatus.Approved, World.CreditStatusOf(third));
    }

    [Fact]
    public void Fiona_StillMovesAnAccountWithinItsGroup_AndLetsASmallMemberGo_WhichHerAuthorityCovers()
    {
        // Within the group (under its parent's subsidiary): the group's limit still checks its orders.
        World.CreditManager.Update(Parent(CreditTestIds.Customer, Outlet));
        Assert.Equal(Outlet, ParentOf(CreditTestIds.Customer));

        // The Outlet's own limit, 20,000, is within her 100,000.
        World.CreditManager.Update(Parent(Outlet, Elsewhere));
        Assert.Equal(Elsewhere, ParentOf(Outlet));
    }

    [Fact]
    public async Task Fiona_OverTheWebApi_CannotMoveTheMemberToAParentOutsideTheGroup()
    {
        var answer = await SendAsync(People[FixedIds.FinanceApprover], HttpMethod.Patch, $"accounts({CreditTestIds.Customer:D})", new JsonObject
        {
            ["parentaccountid@odata.bind"] = $"/accounts({Elsewhere:D})",
        });

        AssertRefused(answer, "yours is 100,000.00");
        Assert.Contains("cannot be taken out of the credit group 'Northwind Holdings'", answer.Message, StringComparison.Ordinal);
        Assert.Equal(CreditTestIds.GroupParent, ParentOf(CreditTestIds.Customer));
    }

    private static Entity Parent(Guid account, Guid? parent) => new(Account.EntityLogicalName, account)
    {
        [Account.Fields.ParentAccountId] = parent is { } id ? new EntityReference(Account.EntityLogicalName, id) : null,
    };

    private Guid? ParentOf(Guid account) => World.Account(account).GetAttributeValue<EntityReference>(Account.Fields.ParentAccountId)?.Id;
}
