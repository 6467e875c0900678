extern alias plugins;

using System.Net;
using System.ServiceModel;
using System.Text.Json.Nodes;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Testing.ServiceFaults;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using OrderState = plugins::CreditOS.Dataverse.Model.SalesOrderState;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 12 (front line): the order check decides open orders only (active or submitted). Sam (Write on his
/// own orders) fulfilled his approved 8,000.00 order on a 10,000.00 limit at 90,000.00 in the same save, or raised it to
/// 90,000.00 once fulfilled and invoiced it; and he fulfilled an approved order he had cancelled (its 8,000.00 had left
/// the open orders) after a second 8,000.00 order had used that credit: 16,000.00 shipped on a 10,000.00 limit, and
/// the worker (Write on every order) could do the same. Measured before the fix (figures in plugins/README, round 12):
/// every save accepted, the order fulfilled at 90,000.00. Now <c>OrderFulfilmentGuard</c> refuses both, by anyone.
/// As Sam, the worker and Ada, through the local Dataverse with every plug-in (asynchronous steps queued, as they run
/// after the save in Dataverse) and through the Web API.
/// </summary>
public sealed class ClosedOrderControlTests : IDisposable
{
    private const int Complete = 100001;
    private const int Invoiced = 100003;
    private const int Cancelled = 4;
    private readonly CreditWorld world = CreditWorld.WithAllPluginsQueuingAsyncSteps();

    public ClosedOrderControlTests() => AnAccount().Named("Contoso Industrial").WithLimit(10_000).Create(world.Service);

    public void Dispose() => world.Dispose();

    private IOrganizationService Sam => world.Context.As(FixedIds.SalesRep);

    [Fact]
    public void Sam_CannotFulfilHisApprovedOrderAtARaisedAmount_NorRaiseItOnceFulfilledOrInvoiced_NorCanTheWorkerOrAda()
    {
        var order = AnOrder().Of(8_000).Create(Sam);
        Assert.Equal((int)CreditStatus.Approved, Status(order));
        var worker = world.Context.As(world.Context.AUser("creditOS worker").WithRole(SolutionRoles.Integration).Create());

        var inOneSave = Refused(() => Sam.Update(new Entity(SalesOrder.EntityLogicalName, order)
        {
            [SalesOrder.Fields.StateCode] = new OptionSetValue((int)OrderState.Fulfilled),
            [SalesOrder.Fields.StatusCode] = new OptionSetValue(Complete),
            [SalesOrder.Fields.TotalAmount] = new Money(90_000m),
        }));
        Assert.Contains("is being fulfilled at 8,000.00, the amount the credit check decided while it was open; raising it to 90,000.00 would bill 82,000.00 that no credit check decided", inOneSave, StringComparison.Ordinal);
        Assert.Equal((int)OrderState.Active, State(order));
        Assert.Equal(8_000m, Amount(order));

        SetState(Sam, order, OrderState.Fulfilled, Complete);
        var fulfilled = Refused(() => Sam.Update(Raise(order, 90_000m)));
        var byTheWorker = Refused(() => worker.Update(Raise(order, 90_000m)));
        SetState(Sam, order, OrderState.Invoiced, Invoiced);
        var invoiced = Refused(() => Sam.Update(Raise(order, 8_000.01m)));
        var byAda = Refused(() => world.Context.As(FixedIds.AdminUser).Update(Raise(order, 90_000m)));

        Assert.Contains("is fulfilled at 8,000.00", fulfilled, StringComparison.Ordinal);
        Assert.Contains("is fulfilled at 8,000.00", byTheWorker, StringComparison.Ordinal);
        Assert.Contains("is invoiced at 8,000.00", invoiced, StringComparison.Ordinal);
        Assert.Contains("Enter the difference as a new order", byAda, StringComparison.Ordinal);
        Assert.Equal(8_000m, Amount(order));
        Assert.Equal((int)CreditStatus.Approved, Status(order));

        // Lowering what a closed order bills (a short delivery) stays open.
        Sam.Update(Raise(order, 7_500m));
        Assert.Equal(7_500m, Amount(order));
        Assert.All(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.OrderFulfilmentGuardPlugin)), run => Assert.Equal(0, run.ServiceCalls));
    }

    [Fact]
    public void Sam_CannotFulfilAnOrderHeCancelled_WhoseCreditAnotherOrderUsed_UntilReactivatingItChecksItAgain()
    {
        var first = AnOrder().Of(8_000).Create(Sam);
        SetState(Sam, first, OrderState.Canceled, Cancelled);
        Assert.Equal(0m, world.OpenOrders(CreditTestIds.Customer));
        var second = AnOrder().WithId(CreditTestIds.SecondOrder).Of(8_000).Create(Sam);
        Assert.Equal((int)CreditStatus.Approved, Status(second));

        var refusal = Refused(() => SetState(Sam, first, OrderState.Fulfilled, Complete));
        var invoicing = Refused(() => SetState(Sam, first, OrderState.Invoiced, Invoiced));

        Assert.Contains("(8,000.00) is cancelled, so it cannot be fulfilled: cancelling gave its credit back", refusal, StringComparison.Ordinal);
        Assert.Contains("is cancelled, so it cannot be invoiced", invoicing, StringComparison.Ordinal);
        Assert.Equal((int)OrderState.Canceled, State(first));
        Assert.Equal(8_000m, world.OpenOrders(CreditTestIds.Customer));

        // Reactivated, it is decided against the credit the second order uses (16,000.00 on a 10,000.00 limit): not
        // approved, so not fulfilled.
        SetState(Sam, first, OrderState.Active, 1);
        Assert.Contains(Status(first), new[] { (int)CreditStatus.OnHold, (int)CreditStatus.Refused });
        Refused(() => SetState(Sam, first, OrderState.Fulfilled, Complete));
    }

    [Fact]
    public async Task Sam_OverTheWebApi_CannotFulfilHisApprovedOrderAtARaisedAmount()
    {
        var order = AnOrder().Of(8_000).Create(Sam);
        await using var people = await PeopleOverTheWebApi.StartAsync(world, FixedIds.SalesRep);

        var answer = await WebApiCall.SendAsync(people[FixedIds.SalesRep], HttpMethod.Patch, "salesorders(" + order.ToString("D") + ")", new JsonObject
        {
            ["statecode"] = (int)OrderState.Fulfilled,
            ["statuscode"] = Complete,
            ["totalamount"] = 90_000m,
        });

        WebApiCall.AssertRefused(answer, "raising it to 90,000.00 would bill 82,000.00 that no credit check decided");
        Assert.Equal((int)OrderState.Active, State(order));
        Assert.Equal(8_000m, Amount(order));
        var fulfil = await WebApiCall.SendAsync(people[FixedIds.SalesRep], HttpMethod.Patch, "salesorders(" + order.ToString("D") + ")", new JsonObject
        {
            ["statecode"] = (int)OrderState.Fulfilled,
            ["statuscode"] = Complete,
        });
        Assert.Equal(HttpStatusCode.NoContent, fulfil.Status);
    }

    private static Entity Raise(Guid order, decimal amount) => new(SalesOrder.EntityLogicalName, order) { [SalesOrder.Fields.TotalAmount] = new Money(amount) };

    private static void SetState(IOrganizationService service, Guid order, OrderState state, int status) => service.Execute(new SetStateRequest
    {
        EntityMoniker = new EntityReference(SalesOrder.EntityLogicalName, order),
        State = new OptionSetValue((int)state),
        Status = new OptionSetValue(status),
    });

    private int Status(Guid order) => world.Order(order).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value;

    private int State(Guid order) => world.Order(order).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.StateCode).Value;

    private decimal Amount(Guid order) => world.Order(order).GetAttributeValue<Money>(SalesOrder.Fields.TotalAmount).Value;
}
