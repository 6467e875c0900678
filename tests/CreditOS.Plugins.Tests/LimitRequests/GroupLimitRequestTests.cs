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
using Account = plugins::CreditOS.Dataverse.Model.Account;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using RequestType = plugins::CreditOS.Dataverse.Model.CreditApprovalRequestType;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.LimitRequests;

/// <summary>
/// Issue 13 §5, group limits through Finance: Sam (sales rep) asks for a higher group limit on the account that holds
/// the credit group (cos_RequestCreditLimit with GroupLimit = true, the account limit's path), the request lands with
/// Finance whatever its size, and Fiona decides it through cos_DecideCreditApproval; approved, the group's next order
/// fits. Every plugin of both assemblies and the solution's processes are active; every call is made as the person.
/// </summary>
public sealed class GroupLimitRequestTests : IDisposable
{
    private const string Request = "cos_creditapprovalrequest";
    private const string Reason = "Northwind opens two new stores in spring.";

    private readonly CreditWorld world = CreditWorld.WithPluginsAndApprovals();

    public GroupLimitRequestTests()
    {
        world.Service.Update(APolicy().BlockingAbove(2.0m).Build());
        AnAccount().WithId(CreditTestIds.GroupParent).Named("Northwind Holdings").WithLimit(100_000).WithOpenReceivables(60_000).WithGroupLimit(100_000).Create(world.Service);
        AnAccount().WithId(CreditTestIds.Customer).Named("Northwind Retail").WithLimit(50_000).WithOpenReceivables(10_000).SubsidiaryOf(CreditTestIds.GroupParent).Create(world.Service);
    }

    public void Dispose() => world.Dispose();

    private IOrganizationService Sam => world.Context.As(FixedIds.SalesRep);

    private IOrganizationService Fiona => world.Context.As(FixedIds.FinanceApprover);

    [Fact]
    public void Sam_AsksForAHigherGroupLimit_ItGoesToFinanceEvenWhenSmall_FionaApprovesIt_AndTheGroupsOrderThenFits()
    {
        var heldBefore = AnOrder().For(CreditTestIds.Customer).Of(35_000).Create(Sam);

        var outcome = SamAsksForTheGroup(110_000m);
        var request = Assert.Single(Requests());
        Decide(Fiona, request.Id, "Approve", "Two stores, guaranteed by the holding.");
        var afterwards = AnOrder().WithId(CreditTestIds.SecondOrder).For(CreditTestIds.Customer).Of(4_000).Create(Sam);

        Assert.Equal((int)CreditStatus.OnHold, world.Order(heldBefore).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.True((bool)outcome["RequiresApproval"], "a group limit is never raised without Finance, even by 10,000");
        Assert.Equal((int)RequestType.GroupLimitIncrease, request.GetAttributeValue<OptionSetValue>("cos_requesttype").Value);
        Assert.Equal("Group limit increase for Northwind Holdings", request.GetAttributeValue<string>("cos_name"));
        Assert.Equal(100_000m, request.GetAttributeValue<Money>("cos_creditlimit").Value);
        Assert.Equal(110_000m, request.GetAttributeValue<Money>("cos_requestedlimit").Value);
        Assert.Equal(FixedIds.SalesRep, request.GetAttributeValue<EntityReference>("cos_requestedby").Id);
        var holding = world.Account(CreditTestIds.GroupParent);
        Assert.Equal(110_000m, holding.GetAttributeValue<Money>(Account.Fields.GroupLimit).Value);
        Assert.Equal(100_000m, holding.GetAttributeValue<Money>(Account.Fields.CreditLimit).Value);
        Assert.Equal((int)CreditStatus.Approved, world.Order(afterwards).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        var history = Assert.Single(History(), h => h.GetAttributeValue<string>("cos_name")?.StartsWith("Group limit set to 110,000.00 by Finance", StringComparison.Ordinal) == true);
        Assert.Equal(100_000m, history.GetAttributeValue<Money>("cos_previouscreditlimit").Value);
    }

    [Fact]
    public void Fiona_RejectsIt_AndTheGroupLimitStays_AndSamCannotSetTheGroupLimitHimself()
    {
        SamAsksForTheGroup(150_000m);
        var request = Assert.Single(Requests());
        Decide(Fiona, request.Id, "Reject", "Not before the holding's annual accounts.");
        var byHand = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            Sam.Update(new Entity(Account.EntityLogicalName, CreditTestIds.GroupParent) { [Account.Fields.GroupLimit] = new Money(150_000m) }));

        Assert.Equal(100_000m, world.AccountMoney(CreditTestIds.GroupParent, Account.Fields.GroupLimit));
        Assert.Contains(History(), h => h.GetAttributeValue<string>("cos_name")?.StartsWith("Group limit request rejected by Finance; group limit unchanged", StringComparison.Ordinal) == true);
        Assert.Contains(Account.Fields.GroupLimit, byHand.Detail.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AGroupLimitRequest_NotAboveTheCurrentOne_OrTemporary_OrASecondOneWhileTheFirstIsOpen_IsRefusedSayingWhy()
    {
        var notAbove = Assert.Throws<FaultException<OrganizationServiceFault>>(() => SamAsksForTheGroup(100_000m));
        var temporary = Assert.Throws<FaultException<OrganizationServiceFault>>(() => SamAsksForTheGroup(120_000m, CreditTestIds.Today.AddDays(30)));
        SamAsksForTheGroup(120_000m);
        var second = Assert.Throws<FaultException<OrganizationServiceFault>>(() => SamAsksForTheGroup(130_000m));

        Assert.Contains("A group limit increase for Northwind Holdings must be above its current group limit of 100,000.00; 100,000.00 was requested.", notAbove.Detail.Message, StringComparison.Ordinal);
        Assert.Contains("A group limit is asked for permanently", temporary.Detail.Message, StringComparison.Ordinal);
        Assert.Contains("A group limit increase for this account is already with Finance", second.Detail.Message, StringComparison.Ordinal);
        Assert.Single(Requests());
    }

    private OrganizationResponse SamAsksForTheGroup(decimal limit, DateTime? until = null)
    {
        var call = new OrganizationRequest("cos_RequestCreditLimit")
        {
            ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.GroupParent),
            ["RequestedLimit"] = new Money(limit),
            ["Reason"] = Reason,
            ["GroupLimit"] = true,
        };
        if (until is { } date)
        {
            call["TemporaryUntil"] = date;
        }

        return Sam.Execute(call);
    }

    private void Decide(IOrganizationService caller, Guid request, string decision, string comment) =>
        caller.Execute(new OrganizationRequest("cos_DecideCreditApproval")
        {
            ["Target"] = new EntityReference(Request, request),
            ["Decision"] = decision,
            ["Comment"] = comment,
        });

    private List<Entity> Requests()
    {
        var query = new QueryExpression(Request) { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition("cos_accountid", ConditionOperator.Equal, CreditTestIds.GroupParent);
        return [.. world.Service.RetrieveMultiple(query).Entities];
    }

    private List<Entity> History()
    {
        var query = new QueryExpression("cos_creditscorehistory") { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition("cos_accountid", ConditionOperator.Equal, CreditTestIds.GroupParent);
        return [.. world.Service.RetrieveMultiple(query).Entities];
    }
}
