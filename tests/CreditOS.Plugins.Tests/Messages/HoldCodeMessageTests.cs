extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.MessageBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Testing.ServiceFaults;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using CustomerMessage = plugins::CreditOS.Dataverse.Model.CustomerMessage;
using OrderCheckPlugin = plugins::CreditOS.Plugins.OrderCreditCheckPlugin;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Messages;

/// <summary>
/// Customer messages with a hold code, through the local Dataverse with every creditOS plugin: the credit manager
/// (Finance Approver role) puts a message on the account, the sales rep's next order is held with the message's text,
/// and once the credit manager ends it (recorded with who and when) the next order goes through.
/// </summary>
public sealed class HoldCodeMessageTests : IDisposable
{
    private const string LegalText = "Account in legal review: no new orders without the credit manager";

    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public void Dispose() => world.Dispose();

    [Fact]
    public void AnActiveHoldCodeMessage_StopsANewOrder_WithTheMessagesTextAsTheReason()
    {
        AnAccount().WithLimit(50_000).Create(world.Service);
        var legal = CreateCode(world.CreditAdministrator, "LEGAL", LegalText, hold: true);
        world.CreditManager.Create(AMessage(legal, CreditTestIds.Customer));

        var orderId = AnOrder().Of(1_000).Create(world.SalesRep);

        var order = world.Order(orderId);
        Assert.Equal((int)CreditStatus.OnHold, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Contains("Held by the customer message 'LEGAL' (" + LegalText + ")", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
        Assert.Contains("CustomerMessageHold", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode), StringComparison.Ordinal);
    }

    [Fact]
    public void AnEndedHoldCodeMessage_NoLongerStopsOrders_AndRecordsWhoEndedItAndWhen()
    {
        AnAccount().WithLimit(50_000).Create(world.Service);
        var legal = CreateCode(world.CreditAdministrator, "LEGAL", LegalText, hold: true);
        var messageId = world.CreditManager.Create(AMessage(legal, CreditTestIds.Customer));
        Assert.Equal((int)CreditStatus.OnHold, StatusOf(AnOrder().Of(1_000).Create(world.SalesRep)));

        world.Advance(TimeSpan.FromHours(2));
        world.CreditManager.Update(Ending(messageId, world.Now));
        var next = AnOrder().WithId(CreditTestIds.SecondOrder).Of(1_000).Create(world.SalesRep);

        Assert.Equal((int)CreditStatus.Approved, StatusOf(next));
        var message = world.Service.Retrieve(CustomerMessage.EntityLogicalName, messageId, new ColumnSet(CustomerMessage.Fields.EndedBy, CustomerMessage.Fields.EndedOn));
        Assert.Equal(FixedIds.FinanceApprover, message.GetAttributeValue<EntityReference>(CustomerMessage.Fields.EndedBy).Id);
        Assert.Equal(world.Now, message.GetAttributeValue<DateTime>(CustomerMessage.Fields.EndedOn));
    }

    [Fact]
    public void AMessageWithoutAHoldCode_DoesNotStopOrders_AndTakesItsTextsFromTheCode()
    {
        AnAccount().WithLimit(50_000).Create(world.Service);
        var note = CreateCode(world.CreditAdministrator, "CALL", "Call the buyer before shipping large orders", hold: false, action: "Call the buyer");
        var messageId = world.CreditManager.Create(AMessage(note, CreditTestIds.Customer));

        Assert.Equal((int)CreditStatus.Approved, StatusOf(AnOrder().Of(1_000).Create(world.SalesRep)));
        var message = world.Service.Retrieve(CustomerMessage.EntityLogicalName, messageId, new ColumnSet(true));
        Assert.False(message.GetAttributeValue<bool>(CustomerMessage.Fields.IsHold));
        Assert.Equal("Call the buyer before shipping large orders", message.GetAttributeValue<string>(CustomerMessage.Fields.Text));
        Assert.Equal("Call the buyer", message.GetAttributeValue<string>(CustomerMessage.Fields.ActionRequired));
        Assert.Equal("CALL: Call the buyer before shipping large orders", message.GetAttributeValue<string>(CustomerMessage.Fields.Name));
    }

    [Fact]
    public void AHoldMessageStartingTomorrow_DoesNotHoldTodaysOrder_ButHoldsTomorrows()
    {
        AnAccount().WithLimit(50_000).Create(world.Service);
        var legal = CreateCode(world.CreditAdministrator, "LEGAL", LegalText, hold: true);
        world.CreditManager.Create(AMessage(legal, CreditTestIds.Customer, startsOn: world.Now.AddDays(1)));

        Assert.Equal((int)CreditStatus.Approved, StatusOf(AnOrder().Of(1_000).Create(world.SalesRep)));
        world.Advance(TimeSpan.FromDays(1));
        Assert.Equal((int)CreditStatus.OnHold, StatusOf(AnOrder().WithId(CreditTestIds.SecondOrder).Of(1_000).Create(world.SalesRep)));
    }

    [Fact]
    public void AMessageCannotClaimAHoldFlagOtherThanItsCodes()
    {
        AnAccount().WithLimit(50_000).Create(world.Service);
        var legal = CreateCode(world.CreditAdministrator, "LEGAL", LegalText, hold: true);
        var notAHold = AMessage(legal, CreditTestIds.Customer);
        notAHold[CustomerMessage.Fields.IsHold] = false;

        var refusal = Refused(() => world.CreditManager.Create(notAHold));

        Assert.Contains("The message code LEGAL says hold code yes", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void ASalesRep_CanReadMessages_ButNeitherCreateNorEndThem()
    {
        AnAccount().WithLimit(50_000).Create(world.Service);
        var legal = CreateCode(world.CreditAdministrator, "LEGAL", LegalText, hold: true);
        var messageId = world.CreditManager.Create(AMessage(legal, CreditTestIds.Customer));

        Assert.Contains("prvCreatecos_CustomerMessage", Refused(() => world.SalesRep.Create(AMessage(legal, CreditTestIds.Customer))), StringComparison.Ordinal);
        Assert.Contains("prvWritecos_CustomerMessage", Refused(() => world.SalesRep.Update(Ending(messageId, world.Now))), StringComparison.Ordinal);
        Assert.Equal(LegalText, world.SalesRep.Retrieve(CustomerMessage.EntityLogicalName, messageId, new ColumnSet(CustomerMessage.Fields.Text)).GetAttributeValue<string>(CustomerMessage.Fields.Text));
        Assert.Equal((int)CreditStatus.OnHold, StatusOf(AnOrder().Of(1_000).Create(world.SalesRep)));
    }

    [Fact]
    public void WhoEndedAMessage_CannotBeEntered_AndAnEndedMessageCannotBeReopened()
    {
        AnAccount().WithLimit(50_000).Create(world.Service);
        var legal = CreateCode(world.CreditAdministrator, "LEGAL", LegalText, hold: true);
        var messageId = world.CreditManager.Create(AMessage(legal, CreditTestIds.Customer));

        var forged = new Entity(CustomerMessage.EntityLogicalName, messageId) { [CustomerMessage.Fields.EndedBy] = new EntityReference("systemuser", FixedIds.SalesRep) };
        Assert.Contains("recorded by creditOS", Refused(() => world.CreditManager.Update(forged)), StringComparison.Ordinal);

        world.CreditManager.Update(Ending(messageId, world.Now));
        var reopen = new Entity(CustomerMessage.EntityLogicalName, messageId) { [CustomerMessage.Fields.EndsOn] = world.Now.AddYears(1) };
        Assert.Contains("is kept as it was", Refused(() => world.CreditManager.Update(reopen)), StringComparison.Ordinal);
        Assert.Contains("is kept as it was", Refused(() => world.Service.Update(reopen)), StringComparison.Ordinal);
    }

    [Fact]
    public void TheOrderCheck_ReadsTheHoldMessagesInItsOneQuery_StayingWithinThreeCalls()
    {
        AnAccount().WithLimit(50_000).Create(world.Service);
        var legal = CreateCode(world.CreditAdministrator, "LEGAL", LegalText, hold: true);
        world.CreditManager.Create(AMessage(legal, CreditTestIds.Customer));
        world.CreditManager.Create(AMessage(CreateCode(world.CreditAdministrator, "DOCS", "Tax certificate expired", hold: true), CreditTestIds.Customer));

        world.ForgetExecutions();
        var orderId = AnOrder().Of(1_000).Create(world.SalesRep);

        var check = world.ExecutionsOf(typeof(OrderCheckPlugin)).Single();
        Assert.True(check.Succeeded, check.Error);
        Assert.InRange(check.ServiceCalls, 1, 3);
        var reason = world.Order(orderId).GetAttributeValue<string>(SalesOrder.Fields.HoldReason);
        Assert.Contains("Tax certificate expired", reason, StringComparison.Ordinal);
        Assert.Contains(LegalText, reason, StringComparison.Ordinal);
    }

    private int StatusOf(Guid orderId) => world.Order(orderId).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value;
}
