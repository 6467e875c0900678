extern alias plugins;

using System.Globalization;
using System.ServiceModel;
using System.Text.Json.Nodes;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.MessageBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Controls.WebApiCall;
using static CreditOS.Testing.ServiceFaults;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using CustomerMessage = plugins::CreditOS.Dataverse.Model.CustomerMessage;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Session 13: ending a hold-code message lifts its hold, so it needs why, kept with who ended it and when (issue 14 §3).
/// But a running hold's dates stayed open to the credit manager (Finance Approver role, Write on messages): moving its
/// start ten years ahead lifted the hold at once, and giving it an end an hour away lifted it an hour later, in both
/// cases with nobody recorded as ending it and no reason. A running hold's start is no longer moved later, nor its end
/// brought forward to a later time; it is ended now, with why. As Fiona through the local Dataverse with every plugin,
/// and over the Web API.
/// </summary>
public sealed class HoldMessageDateControlTests : WebApiControlTestsBase
{
    private readonly Guid hold;

    public HoldMessageDateControlTests()
        : base(CreditWorld.WithAllPlugins(), FixedIds.FinanceApprover)
    {
        AnAccount().WithLimit(50_000).Create(World.Service);
        var legal = CreateCode(World.CreditAdministrator, "LEGAL", "Account in legal review", hold: true);
        hold = World.CreditManager.Create(AMessage(legal, CreditTestIds.Customer));
    }

    [Fact]
    public void Fiona_CannotLiftARunningHoldWithoutSayingWhy_ByMovingItsStartAheadOrGivingItAnEndSoon_ButEndsItWithWhy()
    {
        var started = World.Now;
        var postponed = Refused(() => World.CreditManager.Update(new Entity(CustomerMessage.EntityLogicalName, hold) { [CustomerMessage.Fields.StartsOn] = started.AddYears(10) }));
        var endingSoon = Refused(() => World.CreditManager.Update(new Entity(CustomerMessage.EntityLogicalName, hold) { [CustomerMessage.Fields.EndsOn] = started.AddHours(1) }));
        World.Advance(TimeSpan.FromHours(2));
        var order = AnOrder().Of(1_000).Create(World.SalesRep);

        Assert.Contains($"holds the account's new orders since {started:yyyy-MM-dd HH:mm} UTC; moving its start to {started.AddYears(10):yyyy-MM-dd HH:mm} UTC", postponed, StringComparison.Ordinal);
        Assert.Contains("End it now, saying why in 'Why it was ended'", postponed, StringComparison.Ordinal);
        Assert.Contains($"ending it at {started.AddHours(1):yyyy-MM-dd HH:mm} UTC instead of never", endingSoon, StringComparison.Ordinal);
        Assert.Equal((int)CreditStatus.OnHold, World.Order(order).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        var kept = Message();
        Assert.Equal(started, kept.GetAttributeValue<DateTime>(CustomerMessage.Fields.StartsOn));
        Assert.Null(kept.GetAttributeValue<DateTime?>(CustomerMessage.Fields.EndsOn));

        // Holding longer stays open; the honest way to lift it is to end it now, with why.
        World.CreditManager.Update(new Entity(CustomerMessage.EntityLogicalName, hold) { [CustomerMessage.Fields.StartsOn] = started.AddDays(-1) });
        World.CreditManager.Update(Ending(hold, World.Now));
        var next = AnOrder().WithId(CreditTestIds.SecondOrder).Of(1_000).Create(World.SalesRep);
        Assert.Equal((int)CreditStatus.Approved, World.Order(next).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal(FixedIds.FinanceApprover, Message().GetAttributeValue<EntityReference>(CustomerMessage.Fields.EndedBy).Id);
    }

    [Fact]
    public async Task Fiona_OverTheWebApi_CannotMoveARunningHoldsStartAhead()
    {
        var answer = await SendAsync(People[FixedIds.FinanceApprover], HttpMethod.Patch, $"cos_customermessages({hold:D})", new JsonObject
        {
            ["cos_startson"] = World.Now.AddYears(10).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        });

        AssertRefused(answer, "moving its start to");
        Assert.True(Message().GetAttributeValue<DateTime>(CustomerMessage.Fields.StartsOn) <= World.Now);
    }

    private Entity Message() => World.Service.Retrieve(CustomerMessage.EntityLogicalName, hold, new ColumnSet(true));
}
