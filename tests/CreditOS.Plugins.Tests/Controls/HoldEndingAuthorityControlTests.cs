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
using Account = plugins::CreditOS.Dataverse.Model.Account;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using CustomerMessage = plugins::CreditOS.Dataverse.Model.CustomerMessage;
using CustomerMessagePlugin = plugins::CreditOS.Plugins.CustomerMessagePlugin;
using CustomerMessageRules = plugins::CreditOS.Dataverse.Credit.Messages.CustomerMessageRules;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 5 (session 13): ending a running hold-code message lifts its hold on the account's new orders and puts
/// the customer's limit back in force, as lifting a suspension does; round 4 bound the suspension lift by the approver's
/// approval authority, but the hold's ending was not: Fiona, whose authority is 100,000, ended the hold of a customer with a
/// 500,000 limit and the next orders within it were approved without Finance. The ending now needs an authority covering
/// the limit it puts back in force (or the exposure when higher). As Fiona and Frank (Finance Approver role, Credit
/// Deciders) through the local Dataverse with every plugin, and over the Web API.
/// </summary>
public sealed class HoldEndingAuthorityControlTests : WebApiControlTestsBase
{
    private readonly Guid frank;
    private readonly Guid hold;

    public HoldEndingAuthorityControlTests()
        : base(CreditWorld.WithAllPlugins(), FixedIds.FinanceApprover)
    {
        AnAccount().WithLimit(500_000).Create(World.Service);

        // The Credit Administrator's matrix: Fiona's own row, 100,000; Frank is under the shipped default row.
        frank = World.FionaWithAnAuthorityOfAndFrank(100_000m);
        var legal = CreateCode(World.CreditAdministrator, "LEGAL", "Account in legal review", hold: true);
        hold = World.CreditManager.Create(AMessage(legal, CreditTestIds.Customer));
    }

    [Fact]
    public void Fiona_CannotEndTheHoldOfACustomerWhoseLimitIsBeyondHerAuthority_WhileFrankMay()
    {
        World.Advance(TimeSpan.FromHours(1));
        var limit = World.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit);
        Assert.True(limit > 100_000m, $"the customer's limit in force is {limit}");

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => World.CreditManager.Update(Ending(hold, World.Now))).Detail.Message;
        var deactivating = Assert.Throws<FaultException<OrganizationServiceFault>>(() => World.CreditManager.Update(Deactivating(hold))).Detail.Message;

        Assert.Contains($"ending the hold puts back in force a credit limit of {limit:#,##0.00} USD", refusal, StringComparison.Ordinal);
        Assert.Contains($"needs an approval authority of at least {limit:#,##0.00}; yours is 100,000.00", refusal, StringComparison.Ordinal);
        Assert.Contains("The message keeps holding the account's new orders for an approver whose authority covers it", refusal, StringComparison.Ordinal);
        Assert.Contains("yours is 100,000.00", deactivating, StringComparison.Ordinal);
        Assert.Null(Message().GetAttributeValue<DateTime?>(CustomerMessage.Fields.EndedOn));
        Assert.Equal((int)CreditStatus.OnHold, World.CreditStatusOf(AnOrder().Of(1_000).Create(World.SalesRep)));

        World.ForgetExecutions();
        World.Context.As(frank).Update(Ending(hold, World.Now));

        Assert.Equal(frank, Message().GetAttributeValue<EntityReference>(CustomerMessage.Fields.EndedBy).Id);
        Assert.Equal((int)CreditStatus.Approved, World.CreditStatusOf(AnOrder().WithId(CreditTestIds.SecondOrder).Of(1_000).Create(World.SalesRep)));
        Assert.All(
            World.ExecutionsOf(typeof(CustomerMessagePlugin)),
            run => Assert.InRange(run.ServiceCalls, 0, CustomerMessageRules.UpdateMaximumCalls));
    }

    [Fact]
    public async Task Fiona_OverTheWebApi_CannotEndTheHoldBeyondHerAuthority()
    {
        World.Advance(TimeSpan.FromHours(1));
        var answer = await SendAsync(People[FixedIds.FinanceApprover], HttpMethod.Patch, $"cos_customermessages({hold:D})", new JsonObject
        {
            ["cos_endson"] = World.Now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["cos_endreason"] = "Legal confirmed the dispute is settled.",
        });

        AssertRefused(answer, "yours is 100,000.00");
        Assert.Contains("ending the hold puts back in force a credit limit of", answer.Message, StringComparison.Ordinal);
        Assert.Null(Message().GetAttributeValue<DateTime?>(CustomerMessage.Fields.EndedOn));
    }

    [Fact]
    public void Fiona_StillEndsAHoldThatHasNotStarted_WhichPutsNothingBackInForce()
    {
        var legal = CreateCode(World.CreditAdministrator, "AUDIT", "Audit next month", hold: true);
        var later = World.CreditManager.Create(AMessage(legal, CreditTestIds.Customer, startsOn: World.Now.AddDays(30)));

        // Ended before it starts: deactivated (an end now would be before its start).
        World.CreditManager.Update(Deactivating(later));

        var ended = World.Service.Retrieve(CustomerMessage.EntityLogicalName, later, new ColumnSet(CustomerMessage.Fields.EndedBy));
        Assert.Equal(FixedIds.FinanceApprover, ended.GetAttributeValue<EntityReference>(CustomerMessage.Fields.EndedBy).Id);
    }

    private static Entity Deactivating(Guid message) => new(CustomerMessage.EntityLogicalName, message)
    {
        [CustomerMessage.Fields.StateCode] = new OptionSetValue(1),
        ["statuscode"] = new OptionSetValue(2),
        [CustomerMessage.Fields.EndReason] = "Legal says so.",
    };

    private Entity Message() => World.Service.Retrieve(CustomerMessage.EntityLogicalName, hold, new ColumnSet(true));
}
