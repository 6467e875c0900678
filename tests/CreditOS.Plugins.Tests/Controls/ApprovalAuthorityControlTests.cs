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
/// Session 11: the approval authority matrix (cos_approvalauthority). Carl the Credit Administrator lowers the shipped
/// default row (every Finance approver) to 100,000 and gives the "Senior credit managers" team, of which Frank is a
/// member, 250,000; Fiona (Finance Approver role, no team) then cannot approve beyond 100,000, the request stays
/// pending in its queue, and Frank approves it. Nobody but the Credit Administrator changes the matrix. Every plugin
/// of both assemblies and the solution's processes, as the people the solution's roles make.
/// </summary>
public sealed class ApprovalAuthorityControlTests : IDisposable
{
    private const string Request = "cos_creditapprovalrequest";
    private const string Authority = "cos_approvalauthority";
    private const int Pending = (int)plugins::CreditOS.Dataverse.Model.CreditApprovalStatus.Pending;
    private const int Approved = (int)plugins::CreditOS.Dataverse.Model.CreditApprovalStatus.Approved;
    private const int Rejected = (int)plugins::CreditOS.Dataverse.Model.CreditApprovalStatus.Rejected;
    // Carl changes the configuration in place: what a change does, not who may make it (four-eyes off; controls round 14,
    // ConfigurationChangeFourEyesControlTests, hold the change to a second person when the setting is on).
    private readonly CreditWorld world = CreditWorld.WithPluginsAndApprovalsQueuingAsyncWork().WithoutConfigurationFourEyes();
    private readonly Guid seniorTeam;
    private readonly Guid frank;

    public ApprovalAuthorityControlTests()
    {
        world.Service.Update(APolicy().BlockingAbove(1.25m).Build());
        AnAccount().WithLimit(50_000).WithOpenReceivables(30_000).Create(world.Service);
        seniorTeam = world.Context.ATeam("Senior credit managers");
        frank = world.Context.AUser("Frank Finance").WithRole(SolutionRoles.FinanceApprover).WithProfile(SolutionFieldSecurityProfiles.CreditDeciders).InTeam(seniorTeam).Create();

        // Carl keeps the matrix: the shipped default lowered, a row for the senior team.
        Carl.Update(new Entity(Authority, DefaultRow().Id) { ["cos_maximumamount"] = 100_000m });
        Carl.Create(new Entity(Authority)
        {
            ["cos_name"] = "Senior credit managers",
            ["cos_teamid"] = new EntityReference("team", seniorTeam),
            ["cos_maximumamount"] = 250_000m,
        });
    }

    public void Dispose() => world.Dispose();

    private IOrganizationService Sam => world.Context.As(FixedIds.SalesRep);

    private IOrganizationService Fiona => world.Context.As(FixedIds.FinanceApprover);

    private IOrganizationService Frank => world.Context.As(frank);

    private IOrganizationService Carl => world.Context.As(FixedIds.CreditOfficer);

    [Fact]
    public void Fiona_CannotApproveALimitBeyondHerAuthority_TheRequestStaysForFrank_WhoseTeamsAuthorityCoversIt()
    {
        var request = world.SamAsksForALimitOf(180_000m);

        var refusal = Refused(() => Decide(Fiona, request, "Approve", "Framework contract signed."));

        Assert.Contains("approving a credit limit of 180,000.00", refusal, StringComparison.Ordinal);
        Assert.Contains("needs an approval authority of at least 180,000.00; yours is 100,000.00", refusal, StringComparison.Ordinal);
        Assert.Contains("The request stays open for an approver whose authority covers it", refusal, StringComparison.Ordinal);
        Assert.Equal(Pending, ApprovalStatus(request));
        Assert.Equal(50_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));

        // Less, within her authority and with a comment, she may; but the request is Frank's to approve as asked.
        Decide(Frank, request, "Approve", "Framework contract signed.");

        Assert.Equal(Approved, ApprovalStatus(request));
        Assert.Equal(180_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
    }

    [Fact]
    public void ARowNamingTheUser_OverridesHisTeamsRow_SoCarlCanLowerOnePersonBelowHisTeam()
    {
        var request = world.SamAsksForALimitOf(180_000m);
        Carl.Create(new Entity(Authority)
        {
            ["cos_name"] = "Frank, while on probation",
            ["cos_userid"] = new EntityReference("systemuser", frank),
            ["cos_maximumamount"] = 150_000m,
        });

        var refusal = Refused(() => Decide(Frank, request, "Approve", "Framework contract signed."));

        Assert.Contains("needs an approval authority of at least 180,000.00; yours is 150,000.00", refusal, StringComparison.Ordinal);
        Assert.Equal(Pending, ApprovalStatus(request));
    }

    [Fact]
    public void Fiona_CannotReleaseAnOrderWhoseExposureIsBeyondHerAuthority_NorGrantMoreTemporaryLimitThanTheReleaseAsksFor()
    {
        Carl.Update(new Entity(Authority, DefaultRow().Id) { ["cos_maximumamount"] = 40_000m });
        var order = AnOrder().Of(25_000).Create(Sam);
        world.Dataverse.RunPendingAsyncOperations();
        Assert.Equal((int)CreditStatus.OnHold, Status(order));
        var request = Assert.Single(RequestsFor(order)).Id;

        var release = Refused(() => Decide(Fiona, request, "Approve", "Seasonal peak."));
        var tooMuch = Refused(() => Decide(Frank, request, "Approve", "Seasonal peak.", temporaryLimit: 75_001m));

        Assert.Contains("releasing the order leaves the customer an exposure of 55,000.00", release, StringComparison.Ordinal);
        Assert.Contains("needs an approval authority of at least 55,000.00; yours is 40,000.00", release, StringComparison.Ordinal);
        Assert.Contains("a temporary limit of 75,001.00 is more than the release asks for: at most 75,000.00 (the limit of 50,000.00 plus the order's 25,000.00", tooMuch, StringComparison.Ordinal);
        Assert.Equal((int)CreditStatus.OnHold, Status(order));
        Assert.Equal(Pending, ApprovalStatus(request));
        Assert.Equal(0m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.TemporaryLimit));

        Decide(Frank, request, "Approve", "Seasonal peak.", temporaryLimit: 75_000m);

        Assert.Equal((int)CreditStatus.Released, Status(order));
        Assert.Equal(75_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.TemporaryLimit));
    }

    [Fact]
    public void Fiona_CannotRejectALimitReview_ForThatKeepsALimitBeyondHerAuthorityInForce_ButMayApproveTheCut()
    {
        Carl.Update(new Entity(Authority, DefaultRow().Id) { ["cos_maximumamount"] = 40_000m });
        var review = world.Service.Create(new Entity(Request)
        {
            ["cos_name"] = "Limit review for Contoso",
            ["cos_requesttype"] = new OptionSetValue((int)RequestType.LimitReview),
            ["cos_accountid"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
            ["cos_creditlimit"] = new Money(50_000m),
            ["cos_requestedlimit"] = new Money(30_000m),
            ["cos_approvalstatus"] = new OptionSetValue(Pending),
        });

        var refusal = Refused(() => Decide(Fiona, review, "Reject", "The customer is fine."));

        Assert.Contains("rejecting the review keeps in force as Finance's decision a credit limit of 50,000.00", refusal, StringComparison.Ordinal);
        Assert.Contains("yours is 40,000.00", refusal, StringComparison.Ordinal);
        Assert.Equal(Pending, ApprovalStatus(review));
        Assert.Equal(0m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.ApprovedLimit));

        Decide(Fiona, review, "Approve", "Agreed with the review.");

        Assert.Equal(Approved, ApprovalStatus(review));
        Assert.Equal(30_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
    }

    [Fact]
    public void NobodyButTheCreditAdministrator_ChangesTheMatrix_NotFionaForHerself_NorSam()
    {
        var own = new Entity(Authority)
        {
            ["cos_name"] = "Fiona",
            ["cos_userid"] = new EntityReference("systemuser", FixedIds.FinanceApprover),
            ["cos_maximumamount"] = 10_000_000m,
        };
        var raise = new Entity(Authority, DefaultRow().Id) { ["cos_maximumamount"] = 10_000_000m };

        var colin = world.Context.AUser("Colin Collector").WithRole(SolutionRoles.Collector).WithProfile(SolutionFieldSecurityProfiles.CollectionReaders).Create();
        var attempts = new Action[]
        {
            () => Fiona.Create(own),
            () => Fiona.Update(raise),
            () => Fiona.Delete(Authority, DefaultRow().Id),
            () => Sam.Create(own),
            () => Sam.Update(raise),
            () => world.Context.As(colin).Update(raise),
        };

        foreach (var attempt in attempts)
        {
            Assert.Throws<FaultException<OrganizationServiceFault>>(attempt);
        }

        // Fiona reads the matrix (she sees her authority); it is as Carl left it.
        var rows = Fiona.RetrieveMultiple(new QueryExpression(Authority) { ColumnSet = new ColumnSet("cos_maximumamount") }).Entities;
        Assert.Equal(2, rows.Count);
        Assert.Equal(100_000m, DefaultRow().GetAttributeValue<decimal>("cos_maximumamount"));
    }

    [Fact]
    public void AnApproverWhoAlsoAdministersCredit_CannotSetHerOwnAuthority_NorJoinTheSeniorTeam_ForWhoDecidesDoesNotSetAuthorities()
    {
        var cleo = world.Context.AUser("Cleo Credit")
            .WithRole(SolutionRoles.CreditAdministrator).WithRole(SolutionRoles.FinanceApprover)
            .WithProfile(SolutionFieldSecurityProfiles.CreditDeciders).Create();
        var asCleo = world.Context.As(cleo);
        var frankLowered = Carl.Create(new Entity(Authority)
        {
            ["cos_name"] = "Frank, while on probation",
            ["cos_userid"] = new EntityReference("systemuser", frank),
            ["cos_maximumamount"] = 150_000m,
        });

        var raise = Refused(() => asCleo.Update(new Entity(Authority, DefaultRow().Id) { ["cos_maximumamount"] = 10_000_000m }));
        var own = Refused(() => asCleo.Create(new Entity(Authority)
        {
            ["cos_name"] = "Cleo",
            ["cos_userid"] = new EntityReference("systemuser", cleo),
            ["cos_maximumamount"] = 10_000_000m,
        }));
        var freeFrank = Refused(() => asCleo.Delete(Authority, frankLowered));
        var deactivate = Refused(() => asCleo.Update(new Entity(Authority, frankLowered) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) }));
        var both = Refused(() => Carl.Create(new Entity(Authority)
        {
            ["cos_name"] = "Ambiguous",
            ["cos_teamid"] = new EntityReference("team", seniorTeam),
            ["cos_userid"] = new EntityReference("systemuser", frank),
            ["cos_maximumamount"] = 1m,
        }));

        foreach (var refusal in new[] { raise, own, freeFrank, deactivate })
        {
            Assert.Contains("You decide credit approvals, so you cannot create, change or delete approval authority", refusal, StringComparison.Ordinal);
        }

        Assert.Contains("names both a team", both, StringComparison.Ordinal);

        // Nor does Fiona join the team whose row is higher (no role but an administrator's writes team membership).
        Assert.Throws<FaultException<OrganizationServiceFault>>(() => Fiona.Associate(
            "team", seniorTeam, new Relationship("teammembership_association"), [new EntityReference("systemuser", FixedIds.FinanceApprover)]));
        Assert.Equal(100_000m, DefaultRow().GetAttributeValue<decimal>("cos_maximumamount"));
        Assert.Equal(0, world.Service.Retrieve(Authority, frankLowered, new ColumnSet("statecode")).GetAttributeValue<OptionSetValue>("statecode").Value);

        // Carl, who decides nothing, still keeps the matrix.
        Carl.Update(new Entity(Authority, frankLowered) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });
        Carl.Delete(Authority, frankLowered);
    }

    [Fact]
    public void Fiona_CannotHideARequestBeyondHerAuthority_ByRemovingItFromItsQueueOrMovingItElsewhere_ButMayWorkOnIt()
    {
        var request = world.SamAsksForALimitOf(180_000m);
        var item = Assert.Single(world.Service.RetrieveMultiple(QueueItemsOf(request)).Entities);
        var elsewhere = world.Service.Create(new Entity("queue") { ["name"] = "Nobody looks here" });

        var removed = Refused(() => Fiona.Delete("queueitem", item.Id));
        var moved = Refused(() => Fiona.Update(new Entity("queueitem", item.Id) { ["queueid"] = new EntityReference("queue", elsewhere) }));
        Fiona.Update(new Entity("queueitem", item.Id) { ["workerid"] = new EntityReference("systemuser", FixedIds.FinanceApprover) });

        Assert.Contains("is open: its queue item stays where the credit flow put it", removed, StringComparison.Ordinal);
        Assert.Contains("It cannot be removed from the queue by hand.", removed, StringComparison.Ordinal);
        Assert.Contains("It cannot be moved to another queue by hand.", moved, StringComparison.Ordinal);
        var still = Assert.Single(world.Service.RetrieveMultiple(QueueItemsOf(request)).Entities);
        Assert.Equal(item.GetAttributeValue<EntityReference>("queueid").Id, still.GetAttributeValue<EntityReference>("queueid").Id);

        // Frank, whose authority covers it, finds it and decides it; the credit flow then takes it out of the queue.
        Decide(Frank, request, "Approve", "Framework contract signed.");
        Assert.Empty(world.Service.RetrieveMultiple(QueueItemsOf(request)).Entities);
    }

    /// <summary>
    /// Controls round 9: the same hiding by deactivating the queue item (SetState, or an Update of its statecode; in
    /// Dataverse a queue item's queue and object are not valid for update, its state is), or by pointing it at another row
    /// (refused by the platform too since local Dataverse round 26; the guard's pre-validation step answers first). An inactive item is out of the
    /// queue's lists, so approvers whose authority covers the 180,000.00 did not see the pending request.
    /// </summary>
    [Fact]
    public void Fiona_CannotHideARequestBeyondHerAuthority_ByDeactivatingItsQueueItem_BySetStateOrUpdate()
    {
        var request = world.SamAsksForALimitOf(180_000m);
        var item = Assert.Single(world.Service.RetrieveMultiple(QueueItemsOf(request)).Entities);

        var bySetState = Refused(() => Fiona.Execute(new Microsoft.Crm.Sdk.Messages.SetStateRequest
        {
            EntityMoniker = new EntityReference("queueitem", item.Id),
            State = new OptionSetValue(1),
            Status = new OptionSetValue(2),
        }));
        var byUpdate = Refused(() => Fiona.Update(new Entity("queueitem", item.Id) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) }));
        // Not valid for update in Dataverse (and locally since round 26), but the guard's pre-validation step answers first:
        // pointed at the request of Sam's held 25,000.00 order, the limit request would have no item either.
        var order = AnOrder().Of(25_000).Create(Sam);
        world.Dataverse.RunPendingAsyncOperations();
        var other = Assert.Single(RequestsFor(order)).Id;
        var repointed = Refused(() => Fiona.Update(new Entity("queueitem", item.Id) { ["objectid"] = new EntityReference(Request, other) }));

        Assert.Contains("Credit approval request '", bySetState, StringComparison.Ordinal);
        Assert.Contains("is open: its queue item stays where the credit flow put it", bySetState, StringComparison.Ordinal);
        Assert.Contains("It cannot be taken out of its queue by deactivating its queue item.", bySetState, StringComparison.Ordinal);
        Assert.Contains("It cannot be taken out of its queue by deactivating its queue item.", byUpdate, StringComparison.Ordinal);
        Assert.Contains("Its queue item cannot be pointed at another row by hand.", repointed, StringComparison.Ordinal);
        var still = Assert.Single(world.Service.RetrieveMultiple(QueueItemsOf(request)).Entities);
        Assert.Equal(item.Id, still.Id);
        Assert.Equal(0, still.GetAttributeValue<OptionSetValue>("statecode").Value);
        Assert.Equal(Pending, ApprovalStatus(request));

        // Frank, whose authority covers it, finds it and decides it; the credit flow then takes it out of the queue.
        Decide(Frank, request, "Approve", "Framework contract signed.");
        Assert.Empty(world.Service.RetrieveMultiple(QueueItemsOf(request)).Entities);
        Assert.Equal(180_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
    }

    private static QueryExpression QueueItemsOf(Guid request)
    {
        var query = new QueryExpression("queueitem") { ColumnSet = new ColumnSet("queueid", "statecode") };
        query.Criteria.AddCondition("objectid", ConditionOperator.Equal, request);
        return query;
    }

    private Entity DefaultRow()
    {
        var query = new QueryExpression(Authority) { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition("cos_teamid", ConditionOperator.Null);
        query.Criteria.AddCondition("cos_userid", ConditionOperator.Null);
        return Assert.Single(world.Service.RetrieveMultiple(query).Entities);
    }

    private static void Decide(IOrganizationService caller, Guid request, string decision, string comment, decimal? temporaryLimit = null)
    {
        var call = new OrganizationRequest("cos_DecideCreditApproval")
        {
            ["Target"] = new EntityReference(Request, request),
            ["Decision"] = decision,
            ["Comment"] = comment,
        };
        if (temporaryLimit is { } limit)
        {
            call["TemporaryLimit"] = new Money(limit);
            call["TemporaryLimitExpiresOn"] = FixedIds.Now.UtcDateTime.AddDays(30);
        }

        caller.Execute(call);
    }

    private IReadOnlyList<Entity> RequestsFor(Guid order)
    {
        var query = new QueryExpression(Request) { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition("cos_salesorderid", ConditionOperator.Equal, order);
        return world.Service.RetrieveMultiple(query).Entities.ToList();
    }

    private int ApprovalStatus(Guid request) => world.Service.Retrieve(Request, request, new ColumnSet("cos_approvalstatus")).GetAttributeValue<OptionSetValue>("cos_approvalstatus").Value;

    private int Status(Guid order) => world.Order(order).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value;
}
