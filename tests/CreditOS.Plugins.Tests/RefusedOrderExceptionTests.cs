extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.PolicyBuilder;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using OrderState = plugins::CreditOS.Dataverse.Model.SalesOrderState;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests;

/// <summary>
/// A refused order leaves a trace and can go to Finance: Sam (sales rep) enters an order the check refuses, asks for an
/// exception (cos_RequestCreditException), the solution's process routes it to Finance's queue, Fiona decides it through
/// cos_DecideCreditApproval. Every plugin of both assemblies and the solution's processes are active.
/// </summary>
public sealed class RefusedOrderExceptionTests : IDisposable
{
    private const string Request = "cos_creditapprovalrequest";
    private readonly CreditWorld world = CreditWorld.WithPluginsAndApprovals();

    public RefusedOrderExceptionTests()
    {
        world.Service.Update(APolicy().BlockingAbove(1.25m).Build());
        AnAccount().WithLimit(50_000).WithOpenReceivables(45_000).WithOpenOrders(3_000).Create(world.Service);
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void RefusedOrder_IsKeptWithItsReasons_AndCannotBeFulfilled()
    {
        var orderId = SamEntersTheOrder(40_000m);

        var order = world.Order(orderId);
        Assert.Equal((int)CreditStatus.Refused, Status(order));
        Assert.Contains("order USD 40,000.00", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
        Assert.Empty(RequestsFor(orderId));
        var fulfil = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Service.Update(new Entity(SalesOrder.EntityLogicalName, orderId)
        {
            [SalesOrder.Fields.StateCode] = new OptionSetValue((int)OrderState.Fulfilled),
        }));
        Assert.Contains("refused by the credit check", fulfil.Detail.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SalesRep_AsksForAnException_TheOrderIsHeldAndRoutedToFinance_WhoReleasesIt()
    {
        var orderId = SamEntersTheOrder(40_000m);

        AskForException(FixedIds.SalesRep, orderId, "Framework contract renewal; the customer prepays half next week.");

        var held = world.Order(orderId);
        Assert.Equal((int)CreditStatus.OnHold, Status(held));
        Assert.StartsWith("Exception requested by the sales rep: Framework contract renewal", held.GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
        Assert.Contains("order USD 40,000.00", held.GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
        Assert.Equal(43_000m, world.OpenOrders(CreditTestIds.Customer));
        var request = Assert.Single(RequestsFor(orderId));
        Assert.Equal(40_000m, request.GetAttributeValue<Money>("cos_orderamount").Value);
        Assert.Equal(FixedIds.SalesRep, request.GetAttributeValue<EntityReference>("cos_requestedby").Id);
        Assert.Equal(88_000m, request.GetAttributeValue<Money>("cos_exposure").Value);

        world.Context.As(FixedIds.FinanceApprover).Execute(new OrganizationRequest("cos_DecideCreditApproval")
        {
            ["Target"] = request.ToEntityReference(),
            ["Decision"] = "Approve",
            ["Comment"] = "Prepayment confirmed by the customer's CFO.",
        });

        Assert.Equal((int)CreditStatus.Released, Status(world.Order(orderId)));
    }

    [Fact]
    public void Exception_IsAskedOnlyByTheOrdersRep_WithAReason_AndOnlyFromARefusal()
    {
        var refusedId = SamEntersTheOrder(40_000m);
        var approvedId = AnOrder().WithId(CreditTestIds.SecondOrder).Of(1_000m).Create(world.Context.As(FixedIds.SalesRep));

        var byFinance = Assert.Throws<FaultException<OrganizationServiceFault>>(() => AskForException(FixedIds.FinanceApprover, refusedId, "I think it is fine."));
        var noReason = Assert.Throws<FaultException<OrganizationServiceFault>>(() => AskForException(FixedIds.SalesRep, refusedId, " "));
        var notRefused = Assert.Throws<FaultException<OrganizationServiceFault>>(() => AskForException(FixedIds.SalesRep, approvedId, "More."));

        Assert.Contains("Only the sales rep who owns or entered order", byFinance.Detail.Message, StringComparison.Ordinal);
        Assert.Contains("needs the reason", noReason.Detail.Message, StringComparison.Ordinal);
        Assert.Contains("was not refused by the credit check", notRefused.Detail.Message, StringComparison.Ordinal);
        Assert.Equal((int)CreditStatus.Refused, Status(world.Order(refusedId)));
        Assert.Equal(4_000m, world.OpenOrders(CreditTestIds.Customer));
        Assert.Empty(RequestsFor(refusedId));
    }

    [Fact]
    public void SalesRep_CannotLiftTheRefusalThemselves()
    {
        var orderId = SamEntersTheOrder(40_000m);

        Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Context.As(FixedIds.SalesRep).Update(new Entity(SalesOrder.EntityLogicalName, orderId)
        {
            [SalesOrder.Fields.CreditStatus] = new OptionSetValue((int)CreditStatus.OnHold),
        }));

        Assert.Equal((int)CreditStatus.Refused, Status(world.Order(orderId)));
    }

    private Guid SamEntersTheOrder(decimal amount) => AnOrder().Of(amount).Create(world.Context.As(FixedIds.SalesRep));

    private void AskForException(Guid userId, Guid orderId, string reason) =>
        world.Context.As(userId).Execute(new OrganizationRequest("cos_RequestCreditException")
        {
            ["Target"] = new EntityReference(SalesOrder.EntityLogicalName, orderId),
            ["Reason"] = reason,
        });

    private List<Entity> RequestsFor(Guid orderId)
    {
        var query = new QueryExpression(Request) { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition("cos_salesorderid", ConditionOperator.Equal, orderId);
        return [.. world.Service.RetrieveMultiple(query).Entities];
    }

    private static int Status(Entity order) => order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value;
}
