extern alias plugins;

using System.Text.Json.Nodes;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 13 (session 20), front line: an order entered without a currency. The order check decides an order in
/// the currency its customer's credit is kept in and refuses an order in another one (session 7), but an order with no
/// <c>transactioncurrencyid</c> passed as if it were in the customer's; the platform then gave the row the creating user's
/// default currency, else the organization's base currency, in its core operation, after the check (the local Dataverse's
/// <c>CurrencyStamper</c>; Microsoft: "Individuals can also change their personal options to select a default currency for
/// the rows they create", types-of-fields). Sam (Create on orders) entered 4,000,000 for Kansai Trading, whose credit is
/// kept in yen (limit JPY 5,000,000, about USD 33,333 at 150): approved as JPY 4,000,000 and saved as USD 4,000,000 (about
/// JPY 600,000,000). Now the check gives an order without a currency its customer's currency, the one it decided it in.
/// </summary>
public sealed class OrderWithoutCurrencyControlTests : IDisposable
{
    private static readonly Guid Yen = new("e0000000-0000-4000-8000-0000000000a5");
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public OrderWithoutCurrencyControlTests()
    {
        CurrencyBuilder.CreateYen(world.Service, Yen);
        AnAccount().Named("Kansai Trading").InCurrency(Yen).WithLimit(5_000_000m).Create(world.Service);
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void Sam_CannotHaveAnOrderCheckedInHisCustomersYen_AndSavedInDollars_ByLeavingOutItsCurrency()
    {
        var approved = world.Order(AnOrder().Of(4_000_000m).WithoutCurrency().Create(world.SalesRep));
        var second = world.Order(AnOrder().WithId(CreditTestIds.SecondOrder).Of(2_000_000m).WithoutCurrency().Create(world.SalesRep));

        // Saved in yen, the currency it was checked in: JPY 4,000,000 is USD 26,666.67 at 150, not USD 4,000,000.
        Assert.Equal(Yen, approved.GetAttributeValue<EntityReference>(SalesOrder.Fields.TransactionCurrencyId).Id);
        Assert.Equal((int)CreditStatus.Approved, approved.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal(26_666.67m, approved.GetAttributeValue<Money>("totalamount_base").Value);
        // The second takes the yen exposure to 6,000,000 on the 5,000,000 limit and goes to Finance, in yen too.
        Assert.Equal(Yen, second.GetAttributeValue<EntityReference>(SalesOrder.Fields.TransactionCurrencyId).Id);
        Assert.NotEqual((int)CreditStatus.Approved, second.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
    }

    [Fact]
    public async Task Sam_OverTheWebApi_CannotLeaveOutTheCurrencyOfHisYenCustomersOrder_ToHaveItSavedInDollars()
    {
        await using var people = await PeopleOverTheWebApi.StartAsync(world, FixedIds.SalesRep);

        var answer = await WebApiCall.SendAsync(people[FixedIds.SalesRep], HttpMethod.Post, "salesorders", new JsonObject
        {
            ["name"] = "Web order",
            ["totalamount"] = 4_000_000m,
            ["customerid_account@odata.bind"] = "/accounts(" + CreditTestIds.Customer.ToString("D") + ")",
        });

        Assert.True((int)answer.Status is >= 200 and < 300, answer.Status + " " + answer.Message);
        var query = new QueryExpression(SalesOrder.EntityLogicalName) { ColumnSet = new ColumnSet(SalesOrder.Fields.TransactionCurrencyId) };
        query.Criteria.AddCondition(SalesOrder.Fields.CustomerId, ConditionOperator.Equal, CreditTestIds.Customer);
        var order = Assert.Single(world.Service.RetrieveMultiple(query).Entities);
        Assert.Equal(Yen, order.GetAttributeValue<EntityReference>(SalesOrder.Fields.TransactionCurrencyId).Id);
    }
}
