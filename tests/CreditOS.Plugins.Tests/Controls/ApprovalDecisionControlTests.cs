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
using static CreditOS.Testing.ServiceFaults;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using RequestType = plugins::CreditOS.Dataverse.Model.CreditApprovalRequestType;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Session 10: what Finance decides is what the request shows. The routing process that replaces the request of a
/// changed order runs in the background (as in Dataverse: here it waits for <c>RunPendingAsyncOperations</c>), so Sam the
/// sales rep changes his held order and Fiona the Finance approver decides the old request before the process runs; and
/// Fiona approves more limit than Sam asked for. Every plugin of both assemblies and the solution's processes.
/// </summary>
public sealed class ApprovalDecisionControlTests : IDisposable
{
    private const string Request = "cos_creditapprovalrequest";
    private const int Pending = (int)plugins::CreditOS.Dataverse.Model.CreditApprovalStatus.Pending;
    private const int Approved = (int)plugins::CreditOS.Dataverse.Model.CreditApprovalStatus.Approved;
    private const int Cancelled = (int)plugins::CreditOS.Dataverse.Model.CreditApprovalStatus.Cancelled;
    private readonly CreditWorld world = CreditWorld.WithPluginsAndApprovalsQueuingAsyncWork();

    public ApprovalDecisionControlTests()
    {
        world.Service.Update(APolicy().BlockingAbove(1.25m).Build());
        AnAccount().WithLimit(50_000).WithOpenReceivables(30_000).Create(world.Service);
    }

    public void Dispose() => world.Dispose();

    private IOrganizationService Sam => world.Context.As(FixedIds.SalesRep);

    private IOrganizationService Fiona => world.Context.As(FixedIds.FinanceApprover);

    [Fact]
    public void Fiona_CannotApproveTheRequestOfAHeldOrderSamRaisedSinceItWasRaised_SoTheRaisedOrderIsNotReleased()
    {
        var order = AnOrder().Of(25_000).Create(Sam);
        world.Dataverse.RunPendingAsyncOperations();
        var request = Assert.Single(RequestsFor(order));
        Assert.Equal(25_000m, Money(request, "cos_orderamount"));

        // Sam raises it beyond what the policy lets Finance release: the check refuses it, its amount leaves open orders.
        Sam.Update(new Entity(SalesOrder.EntityLogicalName, order) { [SalesOrder.Fields.TotalAmount] = new Money(200_000m) });
        Assert.Equal((int)CreditStatus.Refused, Status(order));

        var approval = Refused(() => Decide(Fiona, request.Id, "Approve", "25,000 is fine for this customer."));
        var rejection = Refused(() => Decide(Fiona, request.Id, "Reject", "Too much."));

        foreach (var refusal in new[] { approval, rejection })
        {
            Assert.Contains("cannot be decided: it shows the order as it was when it was raised", refusal, StringComparison.Ordinal);
            Assert.Contains("the credit check no longer holds it (credit status Refused)", refusal, StringComparison.Ordinal);
            Assert.Contains("its amount changed from 25,000.00 to 200,000.00", refusal, StringComparison.Ordinal);
        }

        Assert.Equal((int)CreditStatus.Refused, Status(order));
        Assert.Equal(0m, world.OpenOrders(CreditTestIds.Customer));
        Assert.Equal(Pending, ApprovalStatus(Row(request.Id)));

        // The routing process then cancels the request: the order is no longer held.
        world.Dataverse.RunPendingAsyncOperations();
        Assert.Equal(Cancelled, ApprovalStatus(Row(request.Id)));
        Assert.Equal((int)CreditStatus.Refused, Status(order));
    }

    [Fact]
    public void Fiona_DecidesAChangedHeldOrder_OnlyOnTheNewRequestTheProcessRaises_WithTheNewAmount()
    {
        var order = AnOrder().Of(25_000).Create(Sam);
        world.Dataverse.RunPendingAsyncOperations();
        var first = Assert.Single(RequestsFor(order));

        // Still held at 30,000 (120% of the limit, below the 125% the policy blocks at), but not the 25,000 Fiona sees.
        Sam.Update(new Entity(SalesOrder.EntityLogicalName, order) { [SalesOrder.Fields.TotalAmount] = new Money(30_000m) });
        Assert.Equal((int)CreditStatus.OnHold, Status(order));
        var refusal = Refused(() => Decide(Fiona, first.Id, "Approve", "25,000 is fine."));
        Assert.Contains("its amount changed from 25,000.00 to 30,000.00", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("no longer holds it", refusal, StringComparison.Ordinal);
        Assert.Equal((int)CreditStatus.OnHold, Status(order));

        world.Dataverse.RunPendingAsyncOperations();
        Assert.Equal(Cancelled, ApprovalStatus(Row(first.Id)));
        var second = Assert.Single(RequestsFor(order), r => ApprovalStatus(r) == Pending);
        Assert.Equal(30_000m, Money(second, "cos_orderamount"));

        Decide(Fiona, second.Id, "Approve", "30,000 checked with the customer's CFO.");

        Assert.Equal(Approved, ApprovalStatus(Row(second.Id)));
        Assert.Equal((int)CreditStatus.Released, Status(order));
        Assert.Equal(30_000m, world.OpenOrders(CreditTestIds.Customer));
    }

    /// <summary>
    /// Session 12: Fiona (Write on every order) raises Sam's held 25,000 order to 30,000 herself; the process raises a new
    /// request naming Sam, the order's creator, as requester; Fiona must not approve the amount she set. Frank may.
    /// </summary>
    [Fact]
    public void Fiona_CannotApproveTheHeldOrderSheRaisedHerself_ForTheNewRequestNamesSam_WhileFrankMay()
    {
        var frank = world.Context.AUser("Frank Finance").WithRole(SolutionRoles.FinanceApprover).WithProfile(SolutionFieldSecurityProfiles.CreditDeciders).Create();
        var order = AnOrder().Of(25_000).Create(Sam);
        world.Dataverse.RunPendingAsyncOperations();

        Fiona.Update(new Entity(SalesOrder.EntityLogicalName, order) { [SalesOrder.Fields.TotalAmount] = new Money(30_000m) });
        world.Dataverse.RunPendingAsyncOperations();
        var second = Assert.Single(RequestsFor(order), r => ApprovalStatus(r) == Pending);
        Assert.Equal(FixedIds.SalesRep, second.GetAttributeValue<EntityReference>("cos_requestedby")?.Id);

        var refusal = Refused(() => Decide(Fiona, second.Id, "Approve", "30,000 is fine."));

        Assert.Contains("You made the last change to the order of credit approval request", refusal, StringComparison.Ordinal);
        Assert.Equal((int)CreditStatus.OnHold, Status(order));
        Assert.Equal(Pending, ApprovalStatus(Row(second.Id)));

        Decide(world.Context.As(frank), second.Id, "Approve", "30,000 checked with the customer's CFO.");
        Assert.Equal((int)CreditStatus.Released, Status(order));
    }

    [Fact]
    public void Fiona_CannotApproveMoreLimitThanSamAskedFor_ButMayApproveLess_WithAComment()
    {
        // +50,000 is beyond what the credit flow applies without Finance (25,000): a Limit increase request.
        Sam.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer)
        {
            [Account.Fields.RequestedCreditLimit] = new Money(100_000m),
            [Account.Fields.CreditLimitRequestReason] = "Framework contract for 2027.",
        });
        world.Dataverse.RunPendingAsyncOperations();
        var request = Assert.Single(Requests(), r => r.GetAttributeValue<OptionSetValue>("cos_requesttype").Value == (int)RequestType.LimitIncrease);

        var more = Refused(() => Decide(Fiona, request.Id, "Approve", "They are good for much more.", approvedLimit: 500_000m));

        Assert.Contains("500,000.00 is more than the 100,000.00 requested; approve at most 100,000.00", more, StringComparison.Ordinal);
        Assert.Equal(50_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
        Assert.Equal(Pending, ApprovalStatus(Row(request.Id)));

        Decide(Fiona, request.Id, "Approve", "80,000 until the contract is signed.", approvedLimit: 80_000m);

        Assert.Equal(80_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
        Assert.Equal(80_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.ApprovedLimit));

        // Nor does she raise what she approved afterwards, on the request or on the account.
        var onTheRequest = Refused(() => Fiona.Update(new Entity(Request, request.Id) { ["cos_approvedlimit"] = new Money(500_000m) }));
        var onTheAccount = Refused(() => Fiona.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.ApprovedLimit] = new Money(500_000m) }));
        var decidedAgain = Refused(() => Decide(Fiona, request.Id, "Approve", "More after all.", approvedLimit: 100_000m));

        Assert.Contains("cos_approvedlimit is recorded with the decision itself", onTheRequest, StringComparison.Ordinal);
        Assert.Contains("cos_approvedlimit is set only by the credit flow", onTheAccount, StringComparison.Ordinal);
        Assert.Contains("is already approved; a decision is final", decidedAgain, StringComparison.Ordinal);
        Assert.Equal(80_000m, Money(Row(request.Id), "cos_approvedlimit"));
        Assert.Equal(80_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.ApprovedLimit));
    }

    private static void Decide(IOrganizationService caller, Guid request, string decision, string comment, decimal? approvedLimit = null)
    {
        var call = new OrganizationRequest("cos_DecideCreditApproval")
        {
            ["Target"] = new EntityReference(Request, request),
            ["Decision"] = decision,
            ["Comment"] = comment,
        };
        if (approvedLimit is { } limit)
        {
            call["ApprovedLimit"] = new Money(limit);
        }

        caller.Execute(call);
    }

    private IReadOnlyList<Entity> RequestsFor(Guid order)
    {
        var query = new QueryExpression(Request) { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition("cos_salesorderid", ConditionOperator.Equal, order);
        return world.Service.RetrieveMultiple(query).Entities.ToList();
    }

    private IReadOnlyList<Entity> Requests()
    {
        var query = new QueryExpression(Request) { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition("cos_accountid", ConditionOperator.Equal, CreditTestIds.Customer);
        return world.Service.RetrieveMultiple(query).Entities.ToList();
    }

    private Entity Row(Guid request) => world.Service.Retrieve(Request, request, new ColumnSet(true));

    private int Status(Guid order) => world.Order(order).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value;

    private static int ApprovalStatus(Entity request) => request.GetAttributeValue<OptionSetValue>("cos_approvalstatus").Value;

    private static decimal Money(Entity row, string column) => row.GetAttributeValue<Money>(column)?.Value ?? 0m;
}
