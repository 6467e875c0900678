extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using RescoreApi = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// The limit increase a sales rep asks for within the amount that needs no Finance approval is applied at once by the
/// credit flow, and stored as the account's approved limit. Sam used it to give a customer on starter (prepayment)
/// terms credit no Finance approver ever decided (an approved limit lifts prepayment), and to freeze a customer's limit
/// for ever (an approved limit without a review date replaces the computed one through every rescoring). As Sam the
/// sales rep, on the account's Credit tab (the solution's real-time process calls cos_RequestCreditLimit as him), with
/// every plugin of both assemblies and the solution's processes.
/// </summary>
public sealed class SelfServedLimitControlTests : IDisposable
{
    private const string Reason = "The customer asks for room for its spring orders.";
    private readonly CreditWorld world = CreditWorld.WithPluginsAndApprovals();

    public void Dispose() => world.Dispose();

    private IOrganizationService Sam => world.Context.As(FixedIds.SalesRep);

    [Fact]
    public void Sam_CannotGiveHisStarterTermsCustomerCredit_ByAskingForASmallIncrease_ItGoesToFinance_AndHisOrderStillAwaitsPrepayment()
    {
        AnAccount().Named("Fabrikam New").OnPolicy(CreditTestIds.PolicyId("STARTER")).WithLimit(0).Create(world.Service);

        SamAsks(20_000m);
        var order = AnOrder().Of(15_000).Create(Sam);

        Assert.Equal((int)CreditStatus.AwaitingPrepayment, world.Order(order).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        var account = world.Account(CreditTestIds.Customer);
        Assert.Equal(0m, account.GetAttributeValue<Money>(Account.Fields.CreditLimit)?.Value ?? 0m);
        Assert.Null(account.GetAttributeValue<Money>(Account.Fields.ApprovedLimit));
        var request = Assert.Single(Requests());
        Assert.Equal(20_000m, request.GetAttributeValue<Money>("cos_requestedlimit").Value);
    }

    [Fact]
    public void Sam_SmallIncreaseOnACreditCustomer_HoldsUntilTheRoutesLongestTemporaryLimit_ThenTheComputedLimitAppliesAgain()
    {
        var engineLimit = AScoredCustomer();

        SamAsks(engineLimit + 10_000m);

        var account = world.Account(CreditTestIds.Customer);
        Assert.Empty(Requests());
        Assert.Equal(engineLimit + 10_000m, account.GetAttributeValue<Money>(Account.Fields.CreditLimit).Value);

        // A payment 30 days on rescores: the increase holds; 91 days on, the computed limit applies again.
        world.Context.Clock.Advance(TimeSpan.FromDays(30));
        APayment().Of(2_000m).Settling("INV-00900").Create(world.Service);
        Assert.Equal(engineLimit + 10_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
        world.Context.Clock.Advance(TimeSpan.FromDays(61));
        APayment().Of(2_000m).Settling("INV-00901").WithErpId("PAY-2").Create(world.Service);
        Assert.True(world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit) < engineLimit + 10_000m, "after its review date the rep's increase no longer replaces the computed limit");
        Assert.Equal(CreditTestIds.Today.AddDays(90), account.GetAttributeValue<DateTime?>(Account.Fields.LimitReviewOn)?.Date);
    }

    /// <summary>
    /// Controls round 6: the integration worker (Write on every account) wrote the account's request columns and the
    /// solution's process routed them as its request: 100,000 became 120,000 without Finance. A limit is asked for by a
    /// person; the worker is refused with the figure, through the Credit tab's process and the Custom API alike.
    /// </summary>
    [Fact]
    public void TheWorker_CannotRaiseACustomersLimitByTheAmountThatNeedsNoFinance_WhileSamStillMay()
    {
        var engineLimit = AScoredCustomer();
        var worker = world.Context.As(world.Context.AUser("creditOS worker").WithRole(SolutionRoles.Integration).Create());

        var onTheTab = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => worker.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer)
        {
            [Account.Fields.RequestedCreditLimit] = new Money(engineLimit + 20_000m),
            [Account.Fields.CreditLimitRequestReason] = Reason,
        })).Detail.Message;
        var byTheApi = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => worker.Execute(new OrganizationRequest("cos_RequestCreditLimit")
        {
            ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
            ["RequestedLimit"] = new Money(engineLimit + 20_000m),
            ["Reason"] = Reason,
        })).Detail.Message;

        var expected = $"The integration worker cannot ask for a credit limit ({(engineLimit + 20_000m).ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture)} was asked for on account {CreditTestIds.Customer}): it takes the ERP's invoices, payments and channel orders in.";
        Assert.Contains(expected, onTheTab, StringComparison.Ordinal);
        Assert.Contains(expected, byTheApi, StringComparison.Ordinal);
        Assert.Equal(engineLimit, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
        Assert.Null(world.Account(CreditTestIds.Customer).GetAttributeValue<Money>(Account.Fields.RequestedCreditLimit));
        Assert.Empty(Requests());

        SamAsks(engineLimit + 10_000m);
        Assert.Equal(engineLimit + 10_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
    }

    [Fact]
    public async Task TheWorker_OverTheWebApi_CannotRaiseACustomersLimitThroughTheRequestColumns()
    {
        var engineLimit = AScoredCustomer();
        var workerId = world.Context.AUser("creditOS worker").WithRole(SolutionRoles.Integration).Create();
        await using var people = await PeopleOverTheWebApi.StartAsync(world, workerId);

        var answer = await WebApiCall.SendAsync(people[workerId], HttpMethod.Patch, $"accounts({CreditTestIds.Customer:D})",
            new System.Text.Json.Nodes.JsonObject { ["cos_requestedcreditlimit"] = engineLimit + 20_000m, ["cos_creditlimitrequestreason"] = Reason });

        WebApiCall.AssertRefused(answer, "The integration worker cannot ask for a credit limit");
        Assert.Equal(engineLimit, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
        Assert.Empty(Requests());
    }

    /// <summary>
    /// Controls round 11, round 10's open question: Carl, the Credit Administrator, decides no approval but has Write on
    /// every account, so the Credit tab's process asks for a limit as him. The product gives his role the same small
    /// increase on purpose (his typed-request process, cos_RouteCreditLimitRequest, applies it at once), and it is bounded
    /// per account as a rep's is (the increases without Finance together, since Finance last set the limit, expiring at the
    /// route's longest temporary limit), so it is not beyond anyone's authority. What was missing was who used it: the
    /// limit and its history row are written as SYSTEM, and the row named nobody. It now names the person who asked.
    /// </summary>
    [Fact]
    public void Carl_GetsNoMoreThanARepsAllowance_AndTheHistoryNamesWhoRaisedTheLimitWithoutFinance()
    {
        var engineLimit = AScoredCustomer();
        var carl = world.Context.As(FixedIds.CreditOfficer);

        Ask(carl, engineLimit + 20_000m);
        Ask(carl, engineLimit + 30_000m);

        Assert.Equal(engineLimit + 20_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
        var raised = Assert.Single(LimitChanges());
        Assert.Equal(FixedIds.CreditOfficer, raised.GetAttributeValue<EntityReference>("cos_decidedby")?.Id);
        Assert.Null(raised.GetAttributeValue<EntityReference>("cos_creditapprovalrequestid"));
        var request = Assert.Single(Requests());
        Assert.Equal(engineLimit + 30_000m, request.GetAttributeValue<Money>("cos_requestedlimit").Value);
        Assert.Equal(FixedIds.CreditOfficer, request.GetAttributeValue<EntityReference>("cos_requestedby")?.Id);
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
    private void SamAsks(decimal limit) => Ask(Sam, limit);

    /// <summary>Someone enters the request on the account's Credit tab and saves, as the form does.</summary>
    private static void Ask(IOrganizationService asker, decimal limit) => asker.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer)
    {
        [Account.Fields.RequestedCreditLimit] = new Money(limit),
        [Account.Fields.CreditLimitRequestReason] = Reason,
    });

    /// <summary>The account's limit-change history rows (entry type Limit change).</summary>
    private IReadOnlyList<Entity> LimitChanges()
    {
        var query = new QueryExpression("cos_creditscorehistory") { ColumnSet = new ColumnSet("cos_decidedby", "cos_creditapprovalrequestid", "cos_creditlimit") };
        query.Criteria.AddCondition("cos_accountid", ConditionOperator.Equal, CreditTestIds.Customer);
        query.Criteria.AddCondition("cos_entrytype", ConditionOperator.Equal, (int)plugins::CreditOS.Dataverse.Model.CreditScoreHistoryEntryType.LimitChange);
        return world.Service.RetrieveMultiple(query).Entities.ToList();
    }

    private IReadOnlyList<Entity> Requests()
    {
        var query = new QueryExpression("cos_creditapprovalrequest") { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition("cos_accountid", ConditionOperator.Equal, CreditTestIds.Customer);
        return world.Service.RetrieveMultiple(query).Entities.ToList();
    }
}
