extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.PolicyBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 12 (session 19): four eyes on the customer, not only on the order. The decision refused the requester
/// and the order's owner, creator, last modifier and whose save was checked, but not whoever owns the customer: a credit
/// manager who is also the customer's account manager (the account assigned to her, or to a team she belongs to) released
/// Sam's held order for her own customer. As Fiona and Frank (Finance Approver + Credit Deciders) and Sam (Sales Rep)
/// through the local Dataverse with every plug-in and the solution's processes.
/// </summary>
public sealed class CustomerOwnerDecisionControlTests : IDisposable
{
    private const string Request = "cos_creditapprovalrequest";
    private const int Pending = (int)plugins::CreditOS.Dataverse.Model.CreditApprovalStatus.Pending;
    private const int Approved = (int)plugins::CreditOS.Dataverse.Model.CreditApprovalStatus.Approved;
    private readonly CreditWorld world = CreditWorld.WithPluginsAndApprovalsQueuingAsyncWork();
    private readonly Guid frank;
    private readonly Guid keyAccounts;

    public CustomerOwnerDecisionControlTests()
    {
        world.Service.Update(APolicy().BlockingAbove(1.25m).Build());
        AnAccount().Named("Contoso Pharmaceuticals").WithLimit(50_000).WithOpenReceivables(30_000).Create(world.Service);
        keyAccounts = world.Context.ATeam("Key account managers");
        frank = world.AnotherFinanceApprover("Frank Finance", keyAccounts);
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void Fiona_CannotReleaseAnOrderForTheCustomerSheOwns_WhileFrankMay()
    {
        OwnCustomerBy("systemuser", FixedIds.FinanceApprover);
        var order = AnOrder().Of(25_000).Create(world.SalesRep);
        world.Dataverse.RunPendingAsyncOperations();
        var request = Assert.Single(RequestsFor(order));

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Decide(world.CreditManager, request.Id, "Approve", "I know this customer well.")).Detail.Message;

        Assert.Contains("You own its customer 'Contoso Pharmaceuticals'", refusal, StringComparison.Ordinal);
        Assert.Contains("another Finance approver must (segregation of duties)", refusal, StringComparison.Ordinal);
        Assert.Equal(Pending, ApprovalStatus(request.Id));
        Assert.Equal((int)CreditStatus.OnHold, Status(order));

        Decide(world.Context.As(frank), request.Id, "Approve", "Checked against the customer's payments.");
        Assert.Equal(Approved, ApprovalStatus(request.Id));
        Assert.Equal((int)CreditStatus.Released, Status(order));
    }

    [Fact]
    public void Frank_CannotReleaseAnOrderForACustomerHisTeamOwns_WhileFionaMay()
    {
        OwnCustomerBy("team", keyAccounts);
        var order = AnOrder().Of(25_000).Create(world.SalesRep);
        world.Dataverse.RunPendingAsyncOperations();
        var request = Assert.Single(RequestsFor(order));

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Decide(world.Context.As(frank), request.Id, "Approve", "Our team's customer.")).Detail.Message;

        Assert.Contains("A team you belong to owns its customer 'Contoso Pharmaceuticals'", refusal, StringComparison.Ordinal);
        Assert.Equal(Pending, ApprovalStatus(request.Id));

        Decide(world.CreditManager, request.Id, "Approve", "Checked against the customer's payments.");
        Assert.Equal((int)CreditStatus.Released, Status(order));
    }

    /// <summary>
    /// Controls round 27 (session 34): the brief's "reassign an approval request to oneself, or the account away, and
    /// decide". Fiona holds Assign on requests (the Finance Approver role, to move work between approvers) but not on
    /// accounts: taking Sam's request gains her nothing (the decision reads who requested it and who owns the order and the
    /// customer, not the request's owner), and she cannot hand her customer to Frank to pass the customer-owner check.
    /// Held already; pinned.
    /// </summary>
    [Fact]
    public void Fiona_ReassigningTheRequestToHerself_GainsNothing_AndSheCannotHandHerCustomerAway_ToDecideForIt()
    {
        OwnCustomerBy("systemuser", FixedIds.FinanceApprover);
        var order = AnOrder().Of(25_000).Create(world.SalesRep);
        world.Dataverse.RunPendingAsyncOperations();
        var request = Assert.Single(RequestsFor(order));

        world.CreditManager.Execute(new AssignRequest { Target = request.ToEntityReference(), Assignee = new EntityReference("systemuser", FixedIds.FinanceApprover) });
        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Decide(world.CreditManager, request.Id, "Approve", "It is mine now.")).Detail.Message;
        var handOver = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.CreditManager.Execute(new AssignRequest
        {
            Target = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
            Assignee = new EntityReference("systemuser", frank),
        })).Detail.Message;

        Assert.Contains("You own its customer 'Contoso Pharmaceuticals'", refusal, StringComparison.Ordinal);
        Assert.Contains("prvAssignAccount", handOver, StringComparison.Ordinal);
        Assert.Equal(FixedIds.FinanceApprover, world.Account(CreditTestIds.Customer).GetAttributeValue<EntityReference>(Account.Fields.OwnerId).Id);
        Assert.Equal(Pending, ApprovalStatus(request.Id));
        Assert.Equal((int)CreditStatus.OnHold, Status(order));
    }

    private void OwnCustomerBy(string ownerType, Guid owner) =>
        world.Service.Execute(new AssignRequest
        {
            Target = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
            Assignee = new EntityReference(ownerType, owner),
        });

    private static void Decide(IOrganizationService caller, Guid request, string decision, string comment) =>
        caller.Execute(new OrganizationRequest("cos_DecideCreditApproval")
        {
            ["Target"] = new EntityReference(Request, request),
            ["Decision"] = decision,
            ["Comment"] = comment,
        });

    private IReadOnlyList<Entity> RequestsFor(Guid order)
    {
        var query = new QueryExpression(Request) { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition("cos_salesorderid", ConditionOperator.Equal, order);
        return world.Service.RetrieveMultiple(query).Entities.ToList();
    }

    private int ApprovalStatus(Guid request) => world.Service.Retrieve(Request, request, new ColumnSet("cos_approvalstatus")).GetAttributeValue<OptionSetValue>("cos_approvalstatus").Value;

    private int Status(Guid order) => world.Order(order).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value;
}
