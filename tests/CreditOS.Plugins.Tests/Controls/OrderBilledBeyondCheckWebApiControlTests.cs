extern alias plugins;

using System.Net;
using System.Text.Json.Nodes;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Controls.WebApiCall;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;
using SalesOrderDetail = plugins::CreditOS.Dataverse.Model.SalesOrderDetail;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 28 over the local Web API host, as Sam signed in with his own token: deleting the credit line of his
/// approved order (<c>DELETE salesorderdetails(id)</c>) and entering an order whose freight bills more than its amount
/// (<c>POST salesorders</c>). A refusal is Dataverse's 400 with the guard's message, and nothing is written.
/// </summary>
public sealed class OrderBilledBeyondCheckWebApiControlTests : WebApiControlTestsBase
{
    public OrderBilledBeyondCheckWebApiControlTests()
        : base(CreditWorld.WithAllPlugins(), FixedIds.SalesRep) =>
        AnAccount().Named("Contoso Industrial").WithLimit(20_000).Create(World.Service);

    [Fact]
    public async Task Sam_OverTheWebApi_CannotDeleteTheCreditLineOfHisApprovedOrder_NorEnterAnOrderWhoseFreightItsAmountDoesNotCover()
    {
        var sam = People[FixedIds.SalesRep];
        var order = AnOrder().Of(10_000).Create(World.Context.As(FixedIds.SalesRep));
        await AddLineAsync(sam, order, 1m);
        var credit = await AddLineAsync(sam, order, -1m);
        await AddLineAsync(sam, order, 1m);
        var creditLine = Lines(order).Single(line => line.GetAttributeValue<decimal>(SalesOrderDetail.Fields.Quantity) < 0m).Id;
        Assert.Equal(HttpStatusCode.NoContent, credit.Status);

        var deleted = await SendAsync(sam, HttpMethod.Delete, $"salesorderdetails({creditLine:D})", null);
        var entered = await SendAsync(sam, HttpMethod.Post, "salesorders", new JsonObject
        {
            ["name"] = "Freighted",
            ["customerid_account@odata.bind"] = $"/accounts({CreditTestIds.Customer:D})",
            ["transactioncurrencyid@odata.bind"] = $"/transactioncurrencies({CreditTestIds.Usd:D})",
            ["totalamount"] = 1_000m,
            ["freightamount"] = 9_000m,
        });

        AssertRefused(deleted, "once its credit line of -10,000.00 is deleted, its lines would total 20,000.00, 10,000.00 more than the credit check decided");
        AssertRefused(entered, "is entered at 1,000.00 but bills 9,000.00 before any line (freight 9,000.00)");
        Assert.Equal(3, Lines(order).Count);
        Assert.Equal((int)CreditStatus.Approved, World.Order(order).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal(1, World.CountOrders());
        Assert.Equal(10_000m, World.OpenOrders(CreditTestIds.Customer));
    }

    private static Task<WebApiAnswer> AddLineAsync(HttpClient client, Guid order, decimal quantity) =>
        SendAsync(client, HttpMethod.Post, "salesorderdetails", new JsonObject
        {
            ["salesorderid@odata.bind"] = $"/salesorders({order:D})",
            ["productdescription"] = "Pallet",
            ["quantity"] = quantity,
            ["priceperunit"] = 10_000m,
        });

    private IReadOnlyList<Entity> Lines(Guid order)
    {
        var query = new QueryExpression(SalesOrderDetail.EntityLogicalName) { ColumnSet = new ColumnSet(SalesOrderDetail.Fields.Quantity) };
        query.Criteria.AddCondition(SalesOrderDetail.Fields.SalesOrderId, ConditionOperator.Equal, order);
        return World.Service.RetrieveMultiple(query).Entities;
    }
}
