extern alias plugins;

using System.Net;
using System.ServiceModel;
using System.Text.Json.Nodes;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using PageApi = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountPageApi;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 11 (front line): a customer's history starts with its first order (<c>min(createdon)</c> of its
/// orders) and its completed orders count toward ending starter terms. Sam (Write on his own orders) moved an old order
/// of his, entered in June 2025 for another customer of his, onto his new starter-terms customer: the move is checked
/// against the new customer's credit (or, for a fulfilled order, needs no decision), but the rescoring then read the
/// order's June date as the new customer's first order, seven months of history instead of two, ended starter terms
/// and his 20,000.00 order was approved on credit (measured with the fix switched off, below in the README). Now the
/// order check records whom an order was entered for (<c>cos_enteredfor</c>, credit-owned) and the history aggregate
/// leaves an order moved in from another customer out of the first order date and the completed orders, while it still
/// draws on the new customer's credit while open. As Sam with every plug-in, through the organization service and the
/// Web API.
/// </summary>
public sealed class OrderHistoryMoveControlTests : IDisposable
{
    private static readonly Guid OldOrder = new("e2000000-0000-4000-8000-0000000000b1");
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public OrderHistoryMoveControlTests()
    {
        // Another customer of Sam's, with Sam's order of June 2025 loaded from the ERP's history (as the credit flow may date it).
        AnAccount().WithId(CreditTestIds.SecondCustomer).Named("Fabrikam").WithLimit(100_000).Create(world.Service);
        var old = AnOrder().WithId(OldOrder).For(CreditTestIds.SecondCustomer).Of(2_000m).Build();
        old[SalesOrder.Fields.Name] = "Standing order June 2025";
        old["overriddencreatedon"] = new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        old["ownerid"] = new EntityReference("systemuser", FixedIds.SalesRep);
        world.Service.Create(old);
        StarterTermsCustomer.Create(world);
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void Sam_MovingHisOldFulfilledOrderOntoHisNewCustomer_GivesItNoHistory_SoItStaysOnStarterTerms()
    {
        Fulfil();
        Assert.Equal(CreditTestIds.SecondCustomer, world.Order(OldOrder).GetAttributeValue<EntityReference>(SalesOrder.Fields.EnteredFor).Id);

        MoveOldOrderToTheNewCustomer();
        Rescore();
        var next = AnOrder().WithId(CreditTestIds.SecondOrder).Of(20_000).Create(world.SalesRep);

        Assert.Equal(CreditTestIds.Customer, world.Order(OldOrder).GetAttributeValue<EntityReference>(SalesOrder.Fields.CustomerId).Id);
        AssertStillOnStarterTerms(next);
    }

    [Fact]
    public void TheNightlyPage_LeavesTheMovedOrderOutOfTheNewCustomersHistory_AsTheRescoringOfOneAccountDoes()
    {
        Fulfil();
        MoveOldOrderToTheNewCustomer();

        world.Service.Execute(new OrganizationRequest(PageApi.UniqueName)
        {
            [PageApi.Request.AccountIds] = new[] { CreditTestIds.Customer.ToString("D"), CreditTestIds.SecondCustomer.ToString("D") },
        });
        var next = AnOrder().WithId(CreditTestIds.SecondOrder).Of(20_000).Create(world.SalesRep);

        AssertStillOnStarterTerms(next);
    }

    [Fact]
    public void Sam_MovingHisOldOpenOrderOntoHisNewCustomer_DrawsOnItsCredit_ButGivesItNoHistory()
    {
        world.ForgetExecutions();
        MoveOldOrderToTheNewCustomer();
        Assert.All(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.OrderCreditCheckPlugin)), run => Assert.InRange(run.ServiceCalls, 1, 3));
        Assert.Equal((int)CreditStatus.AwaitingPrepayment, world.Order(OldOrder).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Rescore();
        var next = AnOrder().WithId(CreditTestIds.SecondOrder).Of(20_000).Create(world.SalesRep);

        // The moved order still counts in the customer's open orders (the rescoring recomputes them from the orders).
        Assert.Equal(22_000m, world.OpenOrders(CreditTestIds.Customer));
        AssertStillOnStarterTerms(next);
    }

    [Fact]
    public void Sam_CannotClaimTheMovedOrderWasEnteredForHisNewCustomer_ForTheCheckRecordsWhomItWasEnteredFor()
    {
        var move = new Entity(SalesOrder.EntityLogicalName, OldOrder)
        {
            [SalesOrder.Fields.CustomerId] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
            [SalesOrder.Fields.EnteredFor] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
        };
        Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.SalesRep.Update(move));

        var entered = AnOrder().WithId(CreditTestIds.SecondOrder).Of(500).Build();
        entered[SalesOrder.Fields.EnteredFor] = new EntityReference(Account.EntityLogicalName, CreditTestIds.SecondCustomer);
        Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.SalesRep.Create(entered));

        Assert.Equal(CreditTestIds.SecondCustomer, world.Order(OldOrder).GetAttributeValue<EntityReference>(SalesOrder.Fields.CustomerId).Id);
        Assert.Equal(CreditTestIds.SecondCustomer, world.Order(OldOrder).GetAttributeValue<EntityReference>(SalesOrder.Fields.EnteredFor).Id);
    }

    [Fact]
    public async Task Sam_OverTheWebApi_MovingHisOldOrderOntoHisNewCustomer_GivesItNoHistory()
    {
        await using var people = await PeopleOverTheWebApi.StartAsync(world, FixedIds.SalesRep);

        var answer = await WebApiCall.SendAsync(people[FixedIds.SalesRep], HttpMethod.Patch, "salesorders(" + OldOrder.ToString("D") + ")", new JsonObject
        {
            ["customerid_account@odata.bind"] = "/accounts(" + CreditTestIds.Customer.ToString("D") + ")",
        });
        Assert.Equal(HttpStatusCode.NoContent, answer.Status);
        Rescore();
        var next = AnOrder().WithId(CreditTestIds.SecondOrder).Of(20_000).Create(world.SalesRep);

        AssertStillOnStarterTerms(next);
    }

    private void AssertStillOnStarterTerms(Guid next)
    {
        Assert.True(world.Account(CreditTestIds.Customer).GetAttributeValue<bool>(Account.Fields.IsStarterTerms));
        Assert.Equal(7_400m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
        Assert.Equal((int)CreditStatus.AwaitingPrepayment, world.Order(next).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
    }

    private void Rescore() => StarterTermsCustomer.Rescore(world);

    private void Fulfil() => world.Service.Execute(new SetStateRequest
    {
        EntityMoniker = new EntityReference(SalesOrder.EntityLogicalName, OldOrder),
        State = new OptionSetValue(3),
        Status = new OptionSetValue(100001),
    });

    /// <summary>Sam changes the old order's customer to his new customer.</summary>
    private void MoveOldOrderToTheNewCustomer() =>
        world.SalesRep.Update(new Entity(SalesOrder.EntityLogicalName, OldOrder) { [SalesOrder.Fields.CustomerId] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) });
}
