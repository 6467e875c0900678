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
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Messages;

/// <summary>
/// Issue 14 §3: lifting a suspension is a Finance decision recorded with who and why. For a hold code, the credit manager
/// lifts it by ending the message: the end needs the reason, kept with who ended it and when, and cannot be changed after.
/// </summary>
public sealed class HoldCodeEndReasonTests : IDisposable
{
    private const string Reason = "Legal confirmed the dispute is settled.";

    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public void Dispose() => world.Dispose();

    [Fact]
    public void EndingAHoldCodeMessage_WithoutSayingWhy_IsRefused_AndTheHoldStays_WithTheReasonItIsRecordedAndFixed()
    {
        AnAccount().WithLimit(50_000).Create(world.Service);
        var legal = CreateCode(world.CreditAdministrator, "LEGAL", "Account in legal review", hold: true);
        var info = CreateCode(world.CreditAdministrator, "INFO", "Prefers e-mail", hold: false);
        var hold = world.CreditManager.Create(AMessage(legal, CreditTestIds.Customer));
        var note = world.CreditManager.Create(AMessage(info, CreditTestIds.Customer));

        var refused = Refused(() => world.CreditManager.Update(Ending(hold, world.Now, reason: null)));
        var stillHeld = AnOrder().Of(1_000).Create(world.SalesRep);
        world.CreditManager.Update(Ending(note, world.Now, reason: null));
        world.Advance(TimeSpan.FromMinutes(5));
        world.CreditManager.Update(Ending(hold, world.Now, Reason));
        var changed = Refused(() => world.CreditManager.Update(new Entity(CustomerMessage.EntityLogicalName, hold) { [CustomerMessage.Fields.EndReason] = "Another story." }));
        var next = AnOrder().WithId(CreditTestIds.SecondOrder).Of(1_000).Create(world.SalesRep);

        Assert.Contains("lifts its hold on new orders: say why", refused, StringComparison.Ordinal);
        Assert.Equal((int)CreditStatus.OnHold, world.Order(stillHeld).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Contains("kept as it was", changed, StringComparison.Ordinal);
        Assert.Equal((int)CreditStatus.Approved, world.Order(next).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        var ended = world.Service.Retrieve(CustomerMessage.EntityLogicalName, hold, new ColumnSet(CustomerMessage.Fields.EndReason, CustomerMessage.Fields.EndedBy, CustomerMessage.Fields.EndedOn));
        Assert.Equal(Reason, ended.GetAttributeValue<string>(CustomerMessage.Fields.EndReason));
        Assert.Equal(FixedIds.FinanceApprover, ended.GetAttributeValue<EntityReference>(CustomerMessage.Fields.EndedBy).Id);
        Assert.Equal(world.Now, ended.GetAttributeValue<DateTime>(CustomerMessage.Fields.EndedOn));
        Assert.NotNull(world.Service.Retrieve(CustomerMessage.EntityLogicalName, note, new ColumnSet(CustomerMessage.Fields.EndedOn)).GetAttributeValue<DateTime?>(CustomerMessage.Fields.EndedOn));
    }
}
