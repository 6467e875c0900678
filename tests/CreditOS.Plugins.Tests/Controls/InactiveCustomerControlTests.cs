extern alias plugins;

using System.ServiceModel;
using System.Text.Json.Nodes;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 10: an invoice falling overdue changes no row; only the nightly rescoring, which pages active accounts,
/// moves an account's overdue figures. Round 9 kept Sam from deactivating a customer that carries credit, but Finance
/// may (a customer that stopped trading, a duplicate), and Sam (Write on his unit's accounts, Create on orders) kept
/// ordering for it, or reactivated it and ordered at once: 30,000.00 was due in 5 days when Fiona deactivated it, and 30
/// days later his 5,000.00 order was Approved against the 0.00 overdue of its last rescoring. Now the order check refuses
/// an order that adds exposure to an inactive customer (<c>InactiveCustomer</c>), and a reactivated account is rescored in
/// the reactivating transaction (<c>AccountReactivationPlugin</c>), so Sam's order after the reactivation is held for the
/// 30,000.00 overdue. As Sam and Fiona with every plug-in, through the organization service and the Web API.
/// </summary>
public sealed class InactiveCustomerControlTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public InactiveCustomerControlTests()
    {
        AnAccount().Named("Tailspin Toys").WithLimit(50_000).Create(world.Service);
        AnInvoice().Numbered(1).Of(30_000m).IssuedDaysAgo(25).DueAfter(30).Create(world.Service);
        world.CreditManager.Execute(State(active: false));
        world.Advance(TimeSpan.FromDays(30));
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void Sam_CannotOrderForACustomerFinanceDeactivated_AgainstTheFiguresItWasDeactivatedWith()
    {
        var refused = Assert.Throws<FaultException<OrganizationServiceFault>>(() => AnOrder().Of(5_000m).Create(world.SalesRep)).Detail.Message;

        Assert.Contains("The customer account Tailspin Toys is inactive, so it takes no new order on credit", refused, StringComparison.Ordinal);
        Assert.Contains("open receivables 30,000.00, overdue 0.00, open orders 0.00", refused, StringComparison.Ordinal);
        Assert.Contains("Reactivate the account (it is rescored at once) before entering the order", refused, StringComparison.Ordinal);
        Assert.Equal(0m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.OpenOrders));
    }

    [Fact]
    public void Sam_ReactivatingTheCustomer_RescoresItAtOnce_SoHisOrderIsHeldForTheOverdueItRanUpWhileInactive()
    {
        Assert.Equal(0m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.OverdueAmount));

        world.SalesRep.Execute(State(active: true));
        var order = world.Order(AnOrder().Of(5_000m).Create(world.SalesRep));

        Assert.Equal(30_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.OverdueAmount));
        Assert.Equal((int)CreditStatus.OnHold, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Contains("OverdueBeyondGrace", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sam_OverTheWebApi_CannotOrderForAnInactiveCustomer()
    {
        await using var people = await PeopleOverTheWebApi.StartAsync(world, FixedIds.SalesRep);

        var answer = await WebApiCall.SendAsync(people[FixedIds.SalesRep], HttpMethod.Post, "salesorders", new JsonObject
        {
            ["name"] = "Web order",
            ["totalamount"] = 5_000m,
            ["customerid_account@odata.bind"] = "/accounts(" + CreditTestIds.Customer.ToString("D") + ")",
            ["transactioncurrencyid@odata.bind"] = "/transactioncurrencies(" + CreditTestIds.Usd.ToString("D") + ")",
        });

        WebApiCall.AssertRefused(answer, "is inactive, so it takes no new order on credit");
        Assert.Equal(0m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.OpenOrders));
    }

    private static SetStateRequest State(bool active) => new()
    {
        EntityMoniker = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
        State = new OptionSetValue(active ? 0 : 1),
        Status = new OptionSetValue(active ? 1 : 2),
    };
}
