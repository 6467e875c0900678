extern alias plugins;

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Controls.WebApiCall;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.PolicyBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// The session-7 guards (score history, order lines, order channel, deactivating a credit-group account) and this
/// session's order guards (currency, freight) tried through the local Web API host, as each person signed in with
/// their own token: the host runs the same organization service and pipeline, and a refusal comes back as Dataverse's
/// 400 with the guard's message. The base class owns the host, the HTTP clients and the world (<see cref="WebApiControlTestsBase"/>).
/// </summary>
public sealed class WebApiControlTests : WebApiControlTestsBase
{
    public WebApiControlTests()
        : base(CreditWorld.WithAllPlugins(), FixedIds.SalesRep, FixedIds.FinanceApprover, FixedIds.AdminUser)
    {
        World.Service.Update(APolicy().BlockingAbove(2.0m).Build());
        AnAccount().WithId(CreditTestIds.GroupParent).Named("Northwind Holdings").WithLimit(100_000).WithOpenReceivables(60_000).WithGroupLimit(100_000).Create(World.Service);
        AnAccount().Named("Northwind Retail").WithLimit(50_000).WithOpenReceivables(10_000).SubsidiaryOf(CreditTestIds.GroupParent).Create(World.Service);
    }

    [Fact]
    public async Task Sam_OverTheWebApi_CannotMarkHisOrderEdi_NorMoveItsCurrency_NorRaiseItsFreightOrLines_BeyondWhatWasChecked()
    {
        var sam = People[FixedIds.SalesRep];
        var order = AnOrder().Of(8_000).Create(World.Context.As(FixedIds.SalesRep));

        var edi = await SendAsync(sam, HttpMethod.Post, "salesorders", Order(1_000m, channel: 412_500_002));
        var currency = await SendAsync(sam, HttpMethod.Patch, $"salesorders({order:D})",
            new JsonObject { ["transactioncurrencyid@odata.bind"] = $"/transactioncurrencies({CreditTestIds.Eur:D})" });
        var freight = await SendAsync(sam, HttpMethod.Patch, $"salesorders({order:D})", new JsonObject { ["freightamount"] = 90_000m });
        var line = await SendAsync(sam, HttpMethod.Post, "salesorderdetails", new JsonObject
        {
            ["salesorderid@odata.bind"] = $"/salesorders({order:D})",
            ["productdescription"] = "Pallet",
            ["quantity"] = 40m,
            ["priceperunit"] = 500m,
        });

        AssertRefused(edi, "cannot be marked as coming through EDI");
        AssertRefused(currency, "is kept in (USD); enter the order in USD");
        AssertRefused(freight, "raising its freight from 0.00 to 90,000.00 would bill 90,000.00 more");
        AssertRefused(line, "credit-checked at 8,000.00 (approved)");
        Assert.Equal(1, World.CountOrders());
        var saved = World.Order(order);
        Assert.Equal(CreditTestIds.Usd, saved.GetAttributeValue<EntityReference>(SalesOrder.Fields.TransactionCurrencyId).Id);
        Assert.Null(saved.GetAttributeValue<Money>(SalesOrder.Fields.FreightAmount));
        Assert.Equal((int)CreditStatus.Approved, saved.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
    }

    [Fact]
    public async Task Sam_OverTheWebApi_CannotDeactivateTheCreditGroupsParent_WhileFinanceMay()
    {
        var deactivate = new JsonObject { ["statecode"] = 1, ["statuscode"] = 2 };

        var bySam = await SendAsync(People[FixedIds.SalesRep], HttpMethod.Patch, $"accounts({CreditTestIds.GroupParent:D})", deactivate);
        var sams = World.Account(CreditTestIds.GroupParent).GetAttributeValue<OptionSetValue>(Account.Fields.StateCode).Value;
        var byFiona = await SendAsync(People[FixedIds.FinanceApprover], HttpMethod.Patch, $"accounts({CreditTestIds.GroupParent:D})", deactivate);

        AssertRefused(bySam, "heads the credit group 'Northwind Holdings' (group limit 100,000.00)");
        Assert.Equal(0, sams);
        Assert.Equal(HttpStatusCode.NoContent, byFiona.Status);
        Assert.Equal(1, World.Account(CreditTestIds.GroupParent).GetAttributeValue<OptionSetValue>(Account.Fields.StateCode).Value);
    }

    [Fact]
    public async Task NoOne_OverTheWebApi_EntersScoreHistoryByHand_NeitherFinanceNorAnAdministrator()
    {
        var history = new JsonObject
        {
            ["cos_name"] = "Credit limit set to 90,000.00 by Finance",
            ["cos_AccountId@odata.bind"] = $"/accounts({CreditTestIds.Customer:D})",
            ["cos_creditlimit"] = 90_000m,
        };

        var byFiona = await SendAsync(People[FixedIds.FinanceApprover], HttpMethod.Post, "cos_creditscorehistorys", history);
        var byAda = await SendAsync(People[FixedIds.AdminUser], HttpMethod.Post, "cos_creditscorehistorys", history);

        // The guard is a pre-validation step, which Dataverse runs before its security checks: both meet it first.
        AssertRefused(byFiona, "recorded only by the credit flow");
        AssertRefused(byAda, "recorded only by the credit flow");
        Assert.Equal(0, World.Dataverse.Count(plugins::CreditOS.Dataverse.Model.CreditScoreHistory.EntityLogicalName));
    }

    private static JsonObject Order(decimal total, int channel) => new()
    {
        ["name"] = "Web order",
        ["totalamount"] = total,
        ["cos_channel"] = channel,
        ["customerid_account@odata.bind"] = $"/accounts({CreditTestIds.Customer:D})",
        ["transactioncurrencyid@odata.bind"] = $"/transactioncurrencies({CreditTestIds.Usd:D})",
    };
}
