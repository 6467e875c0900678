extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.PolicyBuilder;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 10: session 12 kept a Finance approver from approving the held order she raised herself by refusing the
/// order's <b>last modifier</b>. Any later save by someone else clears that trace: Fiona (Write on every order) raised
/// Sam's held 25,000.00 order to 30,000.00, Sam then added a delivery note to his order (an ordinary edit, no credit
/// column), and Fiona approved the request at the amount she had set herself: the order was Released at 30,000.00 with
/// no other approver. Now the order check records whose save it decided (<c>cos_creditcheckedfor</c>, credit-owned,
/// written with the decision at no call) and <c>DecisionAuthority</c> refuses that person too, read in the decision's one
/// request query. Every plug-in of both assemblies and the solution's processes; the routing runs in the background.
/// </summary>
public sealed class OrderAmountSetterDecisionControlTests : IDisposable
{
    private const string Request = "cos_creditapprovalrequest";
    private const int Pending = (int)plugins::CreditOS.Dataverse.Model.CreditApprovalStatus.Pending;
    private readonly CreditWorld world = CreditWorld.WithPluginsAndApprovalsQueuingAsyncWork();

    public OrderAmountSetterDecisionControlTests()
    {
        world.Service.Update(APolicy().BlockingAbove(1.25m).Build());
        AnAccount().WithLimit(50_000).WithOpenReceivables(30_000).Create(world.Service);
    }

    public void Dispose() => world.Dispose();

    private IOrganizationService Sam => world.Context.As(FixedIds.SalesRep);

    private IOrganizationService Fiona => world.Context.As(FixedIds.FinanceApprover);

    [Fact]
    public void Fiona_CannotApproveTheAmountSheSetOnSamsHeldOrder_EvenAfterSamEditedTheOrderSince_WhileFrankMay()
    {
        var frank = world.Context.As(world.Context.AUser("Frank Finance").WithRole(SolutionRoles.FinanceApprover).WithProfile(SolutionFieldSecurityProfiles.CreditDeciders).Create());
        var order = AnOrder().Of(25_000).Create(Sam);
        world.Dataverse.RunPendingAsyncOperations();

        Fiona.Update(new Entity(SalesOrder.EntityLogicalName, order) { [SalesOrder.Fields.TotalAmount] = new Money(30_000m) });
        world.Dataverse.RunPendingAsyncOperations();
        Sam.Update(new Entity(SalesOrder.EntityLogicalName, order) { [SalesOrder.Fields.Description] = "Deliver to dock 4." });
        world.Dataverse.RunPendingAsyncOperations();
        var request = Assert.Single(RequestsFor(order), r => r.GetAttributeValue<OptionSetValue>("cos_approvalstatus").Value == Pending);

        var own = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Decide(Fiona, request.Id)).Detail.Message;

        Assert.Contains("The credit check of the order of credit approval request", own, StringComparison.Ordinal);
        Assert.Contains("decided your save (its amount 30,000.00)", own, StringComparison.Ordinal);
        Assert.Equal((int)CreditStatus.OnHold, Status(order));

        Decide(frank, request.Id);
        Assert.Equal((int)CreditStatus.Released, Status(order));
    }

    [Fact]
    public void NoOne_WritesWhoseSaveTheCheckDecided_ByHand()
    {
        var order = AnOrder().Of(25_000).Create(Sam);

        var refused = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Fiona.Update(new Entity(SalesOrder.EntityLogicalName, order)
        {
            ["cos_creditcheckedfor"] = new EntityReference("systemuser", FixedIds.AdminUser),
        })).Detail.Message;

        Assert.Contains("cos_creditcheckedfor", refused, StringComparison.Ordinal);
        Assert.Equal(FixedIds.SalesRep, world.Order(order).GetAttributeValue<EntityReference>("cos_creditcheckedfor")?.Id);
    }

    private static void Decide(IOrganizationService caller, Guid request) => caller.Execute(new OrganizationRequest("cos_DecideCreditApproval")
    {
        ["Target"] = new EntityReference(Request, request),
        ["Decision"] = "Approve",
        ["Comment"] = "30,000 is fine.",
    });

    private IReadOnlyList<Entity> RequestsFor(Guid order)
    {
        var query = new QueryExpression(Request) { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition("cos_salesorderid", ConditionOperator.Equal, order);
        return world.Service.RetrieveMultiple(query).Entities.ToList();
    }

    private int Status(Guid order) => world.Order(order).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value;
}
