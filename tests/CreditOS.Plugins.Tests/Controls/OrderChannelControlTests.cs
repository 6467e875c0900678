extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using OrderChannel = plugins::CreditOS.Dataverse.Model.OrderChannel;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// The shipped policy trusts EDI orders a little over the limit; as Sam the sales rep (who writes his orders) and the
/// integration worker (Integration role), through the local Dataverse with every plugin of the assembly.
/// </summary>
public sealed class OrderChannelControlTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public OrderChannelControlTests() => AnAccount().WithLimit(10_000).WithOpenReceivables(9_500).Create(world.Service);

    public void Dispose() => world.Dispose();

    [Fact]
    public void Sam_CannotPassHisOrderOffAsAnEdiOrder_ToGetTheTrustedChannelsToleranceOverTheLimit_WhichTheWorkerStillGets()
    {
        var sam = world.Context.As(FixedIds.SalesRep);
        var worker = world.Context.AUser("creditOS worker").WithRole(SolutionRoles.Integration).Create();

        var created = Assert.Throws<FaultException<OrganizationServiceFault>>(() => AnOrder().Of(1_000).Through(OrderChannel.EDI).Create(sam)).Detail.Message;
        var own = AnOrder().Of(1_000).Through(OrderChannel.SalesRep).Create(sam);
        var changed = Assert.Throws<FaultException<OrganizationServiceFault>>(
            () => sam.Update(new Entity(SalesOrder.EntityLogicalName, own) { [SalesOrder.Fields.Channel] = new OptionSetValue((int)OrderChannel.EDI) })).Detail.Message;
        var edi = AnOrder().WithId(CreditTestIds.SecondOrder).Of(1_000).Through(OrderChannel.EDI).Create(world.Context.As(worker));

        Assert.Contains("cannot be marked as coming through EDI", created, StringComparison.Ordinal);
        Assert.Contains("cannot be moved from the SalesRep channel to EDI", changed, StringComparison.Ordinal); // round 6: nobody re-labels an order
        Assert.Equal((int)OrderChannel.SalesRep, world.Order(own).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.Channel).Value);
        Assert.NotEqual((int)CreditStatus.ApprovedWithinGrace, world.Order(own).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal((int)CreditStatus.ApprovedWithinGrace, world.Order(edi).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.All(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.OrderChannelGuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, 2));
    }

    /// <summary>
    /// Controls round 6: the worker takes channel orders in; it never re-labels an order already entered. Before, the
    /// Integration identity could mark Sam's held order as EDI and re-send its amount, so the check decided it again with the
    /// trusted channel's tolerance and approved it over the limit (held at 1,000 on a 10,000 limit with 9,500 receivables; relabelled
    /// EDI and re-sent at 1,001 it was Approved within grace, no Finance approval).
    /// </summary>
    [Fact]
    public void TheWorker_CannotRelabelSamsHeldOrderAsAnEdiOrder_ToGetItApprovedWithinTheChannelsTolerance_ButEntersItsOwnEdiOrders()
    {
        var sam = world.Context.As(FixedIds.SalesRep);
        var worker = world.Context.As(world.Context.AUser("creditOS worker").WithRole(SolutionRoles.Integration).Create());
        var own = AnOrder().Of(1_000).Through(OrderChannel.SalesRep).Create(sam);
        var status = world.Order(own).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value;
        Assert.NotEqual((int)CreditStatus.ApprovedWithinGrace, status);
        Assert.NotEqual((int)CreditStatus.Approved, status);

        var relabelled = Assert.Throws<FaultException<OrganizationServiceFault>>(() => worker.Update(new Entity(SalesOrder.EntityLogicalName, own)
        {
            [SalesOrder.Fields.Channel] = new OptionSetValue((int)OrderChannel.EDI),
            [SalesOrder.Fields.TotalAmount] = new Money(1_001m),
        })).Detail.Message;
        var edi = AnOrder().WithId(CreditTestIds.SecondOrder).Of(500).Through(OrderChannel.EDI).Create(worker);
        worker.Update(new Entity(SalesOrder.EntityLogicalName, edi) { [SalesOrder.Fields.Channel] = new OptionSetValue((int)OrderChannel.EDI) }); // a redelivery: no change

        Assert.Contains("cannot be moved from the SalesRep channel to EDI: an order's channel is the one it came in through, set when it is entered", relabelled, StringComparison.Ordinal);
        Assert.Equal((int)OrderChannel.SalesRep, world.Order(own).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.Channel).Value);
        Assert.Equal(status, world.Order(own).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal((int)CreditStatus.ApprovedWithinGrace, world.Order(edi).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
    }

    [Fact]
    public async Task TheWorker_OverTheWebApi_CannotRelabelSamsHeldOrderAsAnEdiOrder()
    {
        var workerId = world.Context.AUser("creditOS worker").WithRole(SolutionRoles.Integration).Create();
        var own = AnOrder().Of(1_000).Through(OrderChannel.SalesRep).Create(world.Context.As(FixedIds.SalesRep));
        var status = world.Order(own).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value;
        await using var people = await PeopleOverTheWebApi.StartAsync(world, workerId);

        var relabelled = await WebApiCall.SendAsync(people[workerId], HttpMethod.Patch, $"salesorders({own:D})",
            new System.Text.Json.Nodes.JsonObject { ["cos_channel"] = (int)OrderChannel.EDI, ["totalamount"] = 1_001m });

        WebApiCall.AssertRefused(relabelled, "cannot be moved from the SalesRep channel to EDI");
        Assert.Equal((int)OrderChannel.SalesRep, world.Order(own).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.Channel).Value);
        Assert.Equal(status, world.Order(own).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal(1_000m, world.Order(own).GetAttributeValue<Money>(SalesOrder.Fields.TotalAmount).Value);
    }

    /// <summary>
    /// Controls round 28b: Fiona (Finance Approver, Write on every order) raised the worker's EDI order of 1,000 (approved within
    /// the channel's tolerance: 10,500 on a 10,000 limit) to 1,200, and the check decided her amount with the EDI tolerance
    /// too: Approved within grace, no Finance approval. The tolerance is for what the channel itself submitted: a person's
    /// save of a channel order is judged as a rep's order (held), while the worker re-sending its own order keeps it.
    /// </summary>
    [Fact]
    public void Fiona_CannotRaiseAnEdiOrdersAmount_AndHaveItDecidedWithTheChannelsTolerance_WhichTheWorkersOwnResendKeeps()
    {
        var fiona = world.Context.As(FixedIds.FinanceApprover);
        var worker = world.Context.As(world.Context.AUser("creditOS worker").WithRole(SolutionRoles.Integration).Create());
        var edi = AnOrder().Of(1_000).Through(OrderChannel.EDI).Create(worker);
        Assert.Equal((int)CreditStatus.ApprovedWithinGrace, world.Order(edi).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);

        world.ForgetExecutions();
        fiona.Update(new Entity(SalesOrder.EntityLogicalName, edi) { [SalesOrder.Fields.TotalAmount] = new Money(1_200m) });
        var fionasCheck = Assert.Single(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.OrderCreditCheckPlugin)));

        Assert.Equal((int)CreditStatus.OnHold, world.Order(edi).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal((int)OrderChannel.EDI, world.Order(edi).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.Channel).Value);
        Assert.InRange(fionasCheck.ServiceCalls, 4, 5); // the check's 3, + whether she holds the Integration role (+ who SYSTEM is, once per organization)

        worker.Update(new Entity(SalesOrder.EntityLogicalName, edi) { [SalesOrder.Fields.TotalAmount] = new Money(1_300m) });

        Assert.Equal((int)CreditStatus.ApprovedWithinGrace, world.Order(edi).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
    }
}
