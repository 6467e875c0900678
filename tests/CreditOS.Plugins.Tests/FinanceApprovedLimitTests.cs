extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Api = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using LimitWriter = plugins::CreditOS.Dataverse.Approvals.CreditLimitWriter;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests;

/// <summary>A limit Finance approved outlives event rescoring until its review date; then the engine's limit applies again.</summary>
public sealed class FinanceApprovedLimitTests : IDisposable
{
    // Above every policy's cap, so only Finance's decision can produce it.
    private const decimal ApprovedLimit = 2_000_000m;
    private const int ReviewAfterDays = 30;
    private const decimal InitialLimit = 7_500m;

    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public void Dispose() => world.Dispose();

    [Fact]
    public void ApprovedLimitIncrease_SurvivesRescoringByPayment_UntilItsReviewDate()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        foreach (var invoice in AHistoryOf(24, amount: 8_000m, everyDays: 30))
        {
            invoice.Create(world.Service);
        }

        AnInvoice().Numbered(900).Of(2_000m).IssuedDaysAgo(5).DueAfter(30).SettledDaysAgo(null).Create(world.Service);
        AnInvoice().Numbered(901).Of(2_000m).IssuedDaysAgo(5).DueAfter(60).SettledDaysAgo(null).Create(world.Service);
        Rescore(CreditTestIds.Customer);
        var engineLimit = world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit);

        LimitWriter.Apply(
            world.Service,
            new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
            ApprovedLimit,
            world.Account(CreditTestIds.Customer),
            temporaryUntil: null,
            reviewOn: CreditTestIds.Today.AddDays(ReviewAfterDays),
            asOf: CreditTestIds.Today);
        APayment().Of(2_000m).Settling("INV-00900").Create(world.Service);

        Assert.True(engineLimit < ApprovedLimit);
        Assert.Equal(ApprovedLimit, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
        Assert.Equal(ApprovedLimit - world.AccountMoney(CreditTestIds.Customer, Account.Fields.Exposure), world.AccountMoney(CreditTestIds.Customer, Account.Fields.AvailableCredit));

        world.Context.Clock.Advance(TimeSpan.FromDays(ReviewAfterDays + 1));
        APayment().Of(2_000m).Settling("INV-00901").WithErpId("PAY-2").Create(world.Service);

        var afterReview = world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit);
        Assert.True(afterReview < ApprovedLimit, "After the review date the engine's limit applies, got " + afterReview);
        Assert.Equal(ApprovedLimit, world.AccountMoney(CreditTestIds.Customer, Account.Fields.ApprovedLimit));
    }

    [Fact]
    public void AccountWithoutAnApprovedLimit_KeepsTheEnginesLimit()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        foreach (var invoice in AHistoryOf(24, amount: 8_000m, everyDays: 30))
        {
            invoice.Create(world.Service);
        }

        AnInvoice().Numbered(900).Of(2_000m).IssuedDaysAgo(5).DueAfter(30).SettledDaysAgo(null).Create(world.Service);
        Rescore(CreditTestIds.Customer);
        var engineLimit = world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit);

        // Written straight onto the account, not by Finance; within one review step, so the rescoring replaces it at once.
        world.Service.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.CreditLimit] = new Money(engineLimit * 1.2m) });

        APayment().Of(2_000m).Settling("INV-00900").Create(world.Service);

        Assert.Equal(engineLimit, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
    }

    [Fact]
    public void StarterCustomerWithAnInitialLimitFinanceApproved_OrderWithinIt_IsApprovedWithoutPrepayment()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        Rescore(CreditTestIds.Customer);
        Assert.True(world.Account(CreditTestIds.Customer).GetAttributeValue<bool>(Account.Fields.IsStarterTerms));

        LimitWriter.Apply(
            world.Service,
            new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
            InitialLimit,
            world.Account(CreditTestIds.Customer),
            temporaryUntil: null,
            reviewOn: CreditTestIds.Today.AddDays(ReviewAfterDays),
            asOf: CreditTestIds.Today);
        var orderId = AnOrder().Of(2_000).Create(world.Service);

        var order = world.Order(orderId);
        Assert.Null(order.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));
        Assert.Equal((int)CreditStatus.Approved, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal(InitialLimit - 2_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.AvailableCredit));
    }

    [Fact]
    public void StarterCustomerWhoseInitialLimitPassedItsReviewDate_IsBackOnPrepayment()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        Rescore(CreditTestIds.Customer);
        LimitWriter.Apply(
            world.Service,
            new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
            InitialLimit,
            world.Account(CreditTestIds.Customer),
            temporaryUntil: null,
            reviewOn: CreditTestIds.Today.AddDays(ReviewAfterDays),
            asOf: CreditTestIds.Today);

        world.Context.Clock.Advance(TimeSpan.FromDays(ReviewAfterDays + 1));
        var orderId = AnOrder().Of(2_000).Create(world.Service);

        Assert.Equal("PrepaymentRequired", world.Order(orderId).GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));
    }

    [Fact]
    public void PermanentLimitFinanceSets_WhileATemporaryLimitIsValid_LeavesAvailableCreditAgainstTheTemporaryLimit()
    {
        AnAccount().WithLimit(10_000).WithOpenReceivables(6_000).WithOpenOrders(2_000).Create(world.Service);
        world.Service.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer)
        {
            [Account.Fields.TemporaryLimit] = new Money(40_000m),
            [Account.Fields.TemporaryLimitExpiresOn] = CreditTestIds.Today.AddDays(10),
        });

        LimitWriter.Apply(
            world.Service,
            new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
            20_000m,
            world.Account(CreditTestIds.Customer),
            temporaryUntil: null,
            reviewOn: null,
            asOf: CreditTestIds.Today);

        // The old writer set available = new limit − exposure (12,000) and left utilization as it was.
        Assert.Equal(32_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.AvailableCredit));
        Assert.Equal(20m, world.Account(CreditTestIds.Customer).GetAttributeValue<decimal>(Account.Fields.Utilization));
    }

    private void Rescore(Guid accountId) =>
        world.Service.Execute(new OrganizationRequest(Api.UniqueName) { ["Target"] = new EntityReference(Account.EntityLogicalName, accountId) });
}
