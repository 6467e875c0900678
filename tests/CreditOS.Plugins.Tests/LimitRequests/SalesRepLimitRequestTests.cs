extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using RequestType = plugins::CreditOS.Dataverse.Model.CreditApprovalRequestType;
using RescoreApi = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;

namespace CreditOS.Plugins.Tests.LimitRequests;

/// <summary>
/// Sam (sales rep) asks for a different limit on the account's Credit tab: the real-time process "creditOS: Route credit
/// limit request" runs as Sam, its activity RouteCreditLimitRequest calls cos_RequestCreditLimit, and the request lands
/// with Finance, where Fiona decides it through cos_DecideCreditApproval. Every plugin of both assemblies and the
/// solution's processes are active; every call is made as the person.
/// </summary>
public sealed class SalesRepLimitRequestTests : IDisposable
{
    private const int ReviewAfterDays = 30;
    private const string Reason = "Seasonal peak: the customer doubles its orders from March to May.";
    private const string Request = "cos_creditapprovalrequest";
    private const int Pending = (int)plugins::CreditOS.Dataverse.Model.CreditApprovalStatus.Pending;
    private const int Approved = (int)plugins::CreditOS.Dataverse.Model.CreditApprovalStatus.Approved;
    private const int Rejected = (int)plugins::CreditOS.Dataverse.Model.CreditApprovalStatus.Rejected;

    private readonly CreditWorld world = CreditWorld.WithPluginsAndApprovals();

    public void Dispose() => world.Dispose();

    private IOrganizationService Sam => world.Context.As(FixedIds.SalesRep);

    private IOrganizationService Fiona => world.Context.As(FixedIds.FinanceApprover);

    [Fact]
    public void Sam_AsksForAHigherLimitOnTheAccount_FionaApprovesIt_AndItHoldsUntilItsReviewDate()
    {
        var engineLimit = AScoredCustomer();
        var asked = engineLimit + 500_000m;

        SamAsks(asked);

        var account = world.Account(CreditTestIds.Customer);
        Assert.Equal(engineLimit, Money(account, Account.Fields.CreditLimit));
        AssertRequestColumnsCleared(account);
        var request = Assert.Single(Requests());
        Assert.Equal((int)RequestType.LimitIncrease, request.GetAttributeValue<OptionSetValue>("cos_requesttype").Value);
        Assert.Equal(Pending, request.GetAttributeValue<OptionSetValue>("cos_approvalstatus").Value);
        Assert.Equal(asked, Money(request, "cos_requestedlimit"));
        Assert.Equal(engineLimit, Money(request, "cos_creditlimit"));
        Assert.Equal(Money(account, Account.Fields.Exposure), Money(request, "cos_exposure"));
        Assert.Equal(Reason, request.GetAttributeValue<string>("cos_decisionreason"));
        Assert.Equal(FixedIds.SalesRep, request.GetAttributeValue<EntityReference>("cos_requestedby").Id);

        Decide(Fiona, request.Id, "Approve", "Seasonal peak confirmed with the customer's CFO.", reviewOn: CreditTestIds.Today.AddDays(ReviewAfterDays));

        account = world.Account(CreditTestIds.Customer);
        Assert.Equal(Approved, Row(Request, request.Id).GetAttributeValue<OptionSetValue>("cos_approvalstatus").Value);
        Assert.Equal(asked, Money(account, Account.Fields.CreditLimit));
        Assert.Equal(asked, Money(account, Account.Fields.ApprovedLimit));
        Assert.Equal(CreditTestIds.Today.AddDays(ReviewAfterDays), account.GetAttributeValue<DateTime>(Account.Fields.LimitReviewOn).Date);

        // A payment rescores the customer: Finance's limit holds until its review date, then the engine's applies again.
        APayment().Of(2_000m).Settling("INV-00900").Create(world.Service);
        Assert.Equal(asked, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
        world.Context.Clock.Advance(TimeSpan.FromDays(ReviewAfterDays + 1));
        APayment().Of(2_000m).Settling("INV-00901").WithErpId("PAY-2").Create(world.Service);
        Assert.True(world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit) < asked, "after the review date the engine's limit applies");
    }

    [Fact]
    public void Sam_AsksForAHigherLimit_FionaRejectsIt_AndTheLimitIsUnchanged()
    {
        var engineLimit = AScoredCustomer();

        SamAsks(engineLimit + 500_000m);
        var request = Assert.Single(Requests());
        Decide(Fiona, request.Id, "Reject", "Not with two invoices open.");

        var account = world.Account(CreditTestIds.Customer);
        Assert.Equal(Rejected, Row(Request, request.Id).GetAttributeValue<OptionSetValue>("cos_approvalstatus").Value);
        Assert.Equal(engineLimit, Money(account, Account.Fields.CreditLimit));
        AssertRequestColumnsCleared(account);
    }

    [Fact]
    public void Sam_AsksForAnIncreaseTheRouterNeedsNoApprovalFor_ItIsAppliedAtOnceByTheCreditFlow_AndRecorded()
    {
        AnAccount().WithLimit(50_000).WithOpenReceivables(10_000).Create(world.Service);

        SamAsks(60_000m);

        var account = world.Account(CreditTestIds.Customer);
        Assert.Empty(Requests());
        Assert.Equal(60_000m, Money(account, Account.Fields.CreditLimit));
        Assert.Equal(50_000m, Money(account, Account.Fields.AvailableCredit));
        AssertRequestColumnsCleared(account);
        var history = Assert.Single(History(), h => h.GetAttributeValue<Money>("cos_previouscreditlimit")?.Value == 50_000m);
        Assert.Equal(60_000m, Money(history, "cos_creditlimit"));
        Assert.Equal(Reason, history.GetAttributeValue<string>("cos_comment"));
    }

    [Fact]
    public void Sam_AskingForSmallIncreasesOneAfterAnother_CannotWalkTheLimitPastFinance_TheyCountTogetherUntilFinanceSetsIt()
    {
        AnAccount().WithLimit(50_000).WithOpenReceivables(10_000).Create(world.Service);

        SamAsks(65_000m);
        world.Context.Clock.Advance(TimeSpan.FromHours(1));
        SamAsks(75_000m);
        world.Context.Clock.Advance(TimeSpan.FromHours(1));
        SamAsks(85_000m);

        // 15,000 and 10,000 fit the 25,000 that needs no approval; the third 10,000 would make 35,000: Finance decides.
        Assert.Equal(75_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
        var request = Assert.Single(Requests());
        Assert.Equal(85_000m, Money(request, "cos_requestedlimit"));
        world.Context.Clock.Advance(TimeSpan.FromHours(1));
        Decide(Fiona, request.Id, "Approve", "Reviewed the whole step from 50,000.");
        Assert.Equal(85_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));

        // Finance set the limit: the next small increase is counted from there.
        world.Context.Clock.Advance(TimeSpan.FromHours(1));
        SamAsks(95_000m);
        Assert.Equal(95_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
        Assert.Single(Requests());
    }

    [Fact]
    public void Sam_AsksForATemporaryLimitUntilADate_FionaApprovesIt_AndThePermanentLimitStays()
    {
        AnAccount().WithLimit(50_000).WithOpenReceivables(10_000).Create(world.Service);
        var until = CreditTestIds.Today.AddDays(45);

        SamAsks(150_000m, until);
        var request = Assert.Single(Requests());
        Assert.Equal(until, request.GetAttributeValue<DateTime>("cos_temporarylimitexpireson").Date);
        Decide(Fiona, request.Id, "Approve", "For the trade fair.");

        var account = world.Account(CreditTestIds.Customer);
        Assert.Equal(50_000m, Money(account, Account.Fields.CreditLimit));
        Assert.Equal(150_000m, Money(account, Account.Fields.TemporaryLimit));
        Assert.Equal(until, account.GetAttributeValue<DateTime>(Account.Fields.TemporaryLimitExpiresOn).Date);
        Assert.Equal(140_000m, Money(account, Account.Fields.AvailableCredit));
    }

    [Fact]
    public void Sam_CannotWriteTheLimit_NorAskForLess_NorWithoutAReason_NorBeyondTheRoutesLongestTemporaryLimit_NorTwiceWhileFinanceDecides_AndNothingIsSaved()
    {
        AnAccount().WithLimit(50_000).WithOpenReceivables(10_000).Create(world.Service);

        var direct = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            Sam.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.CreditLimit] = new Money(500_000m) }));
        var lower = Assert.Throws<FaultException<OrganizationServiceFault>>(() => SamAsks(40_000m));
        var noReason = Assert.Throws<FaultException<OrganizationServiceFault>>(() => SamAsks(500_000m, reason: null));
        var past = Assert.Throws<FaultException<OrganizationServiceFault>>(() => SamAsks(500_000m, CreditTestIds.Today.AddDays(-1)));
        var tooLong = Assert.Throws<FaultException<OrganizationServiceFault>>(() => SamAsks(60_000m, CreditTestIds.Today.AddYears(5)));
        SamAsks(500_000m);
        var second = Assert.Throws<FaultException<OrganizationServiceFault>>(() => SamAsks(400_000m));

        Assert.Contains("creditlimit", direct.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("must be above the current limit of 50,000.00; 40,000.00 was requested", lower.Message, StringComparison.Ordinal);
        Assert.Contains("needs a reason", noReason.Message, StringComparison.Ordinal);
        Assert.Contains("must run until a later day than today", past.Message, StringComparison.Ordinal);
        Assert.Contains("A temporary limit runs at most 90 days on this customer's approval route", tooLong.Message, StringComparison.Ordinal);
        Assert.Contains("already with Finance", second.Message, StringComparison.Ordinal);
        var account = world.Account(CreditTestIds.Customer);
        Assert.Equal(50_000m, Money(account, Account.Fields.CreditLimit));
        AssertRequestColumnsCleared(account);
        Assert.Equal(500_000m, Money(Assert.Single(Requests()), "cos_requestedlimit"));
    }

    [Fact]
    public void Sam_CallingTheApiDirectly_GetsNoMoreThanTheForm_ALimitIncreaseForFinance()
    {
        AnAccount().WithLimit(50_000).WithOpenReceivables(10_000).Create(world.Service);

        var response = Sam.Execute(new OrganizationRequest("cos_RequestCreditLimit")
        {
            ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
            ["RequestedLimit"] = new Money(900_000m),
            ["Reason"] = Reason,
        });

        Assert.True((bool)response["RequiresApproval"]);
        var request = Assert.Single(Requests());
        Assert.Equal(((EntityReference)response["ApprovalRequest"]).Id, request.Id);
        Assert.Equal((int)RequestType.LimitIncrease, request.GetAttributeValue<OptionSetValue>("cos_requesttype").Value);
        Assert.Equal(50_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
        Assert.Throws<FaultException<OrganizationServiceFault>>(() => Decide(Sam, request.Id, "Approve", "Mine."));
        Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            Sam.Update(new Entity(Request, request.Id) { ["cos_requestedlimit"] = new Money(9_000_000m), ["cos_creditlimit"] = new Money(8_900_000m) }));
        Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            Sam.Create(new Entity(Request) { ["cos_name"] = "Mine", ["cos_accountid"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer), ["cos_requesttype"] = new OptionSetValue((int)RequestType.LimitIncrease), ["cos_requestedlimit"] = new Money(60_000m) }));
        Assert.Equal(50_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
        Assert.Equal(900_000m, Money(Row(Request, request.Id), "cos_requestedlimit"));
        Assert.Single(Requests());
    }

    /// <summary>A customer with two years of monthly invoices and two open ones, scored by the engine; returns the engine's limit.</summary>
    private decimal AScoredCustomer()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        foreach (var invoice in AHistoryOf(24, amount: 8_000m, everyDays: 30))
        {
            invoice.Create(world.Service);
        }

        AnInvoice().Numbered(900).Of(2_000m).IssuedDaysAgo(5).DueAfter(30).SettledDaysAgo(null).Create(world.Service);
        AnInvoice().Numbered(901).Of(2_000m).IssuedDaysAgo(5).DueAfter(60).SettledDaysAgo(null).Create(world.Service);
        world.Service.Execute(new OrganizationRequest(RescoreApi.UniqueName) { ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) });
        return world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit);
    }

    /// <summary>Sam enters the request on the account's Credit tab and saves, as the form does.</summary>
    private void SamAsks(decimal limit, DateTime? until = null, string? reason = Reason)
    {
        var update = new Entity(Account.EntityLogicalName, CreditTestIds.Customer)
        {
            [Account.Fields.RequestedCreditLimit] = new Money(limit),
            [Account.Fields.CreditLimitRequestReason] = reason,
        };
        if (until is { } date)
        {
            update[Account.Fields.RequestedLimitUntil] = date;
        }

        Sam.Update(update);
    }

    private void Decide(IOrganizationService caller, Guid request, string decision, string comment, DateTime? reviewOn = null)
    {
        var call = new OrganizationRequest("cos_DecideCreditApproval")
        {
            ["Target"] = new EntityReference(Request, request),
            ["Decision"] = decision,
            ["Comment"] = comment,
        };
        if (reviewOn is { } review)
        {
            call["LimitReviewOn"] = review;
        }

        caller.Execute(call);
    }

    private static void AssertRequestColumnsCleared(Entity account)
    {
        Assert.Null(account.GetAttributeValue<Money>(Account.Fields.RequestedCreditLimit));
        Assert.Null(account.GetAttributeValue<string>(Account.Fields.CreditLimitRequestReason));
        Assert.Null(account.GetAttributeValue<DateTime?>(Account.Fields.RequestedLimitUntil));
    }

    private IReadOnlyList<Entity> Requests()
    {
        var query = new QueryExpression(Request) { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition("cos_accountid", ConditionOperator.Equal, CreditTestIds.Customer);
        return world.Service.RetrieveMultiple(query).Entities.ToList();
    }

    private IReadOnlyList<Entity> History()
    {
        var query = new QueryExpression("cos_creditscorehistory") { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition("cos_accountid", ConditionOperator.Equal, CreditTestIds.Customer);
        return world.Service.RetrieveMultiple(query).Entities.ToList();
    }

    private Entity Row(string table, Guid id) => world.Service.Retrieve(table, id, new ColumnSet(true));

    private static decimal Money(Entity row, string column) => row.GetAttributeValue<Money>(column)?.Value ?? 0m;
}
