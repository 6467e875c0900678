extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Api = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using LimitWriter = plugins::CreditOS.Dataverse.Approvals.CreditLimitWriter;

namespace CreditOS.Plugins.Tests;

/// <summary>A limit Finance approved outlives event rescoring until its review date; then the engine's limit applies again.</summary>
public sealed class FinanceApprovedLimitTests : IDisposable
{
    // Above every policy's cap, so only Finance's decision can produce it.
    private const decimal ApprovedLimit = 2_000_000m;
    private const int ReviewAfterDays = 30;

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
            world.AccountMoney(CreditTestIds.Customer, Account.Fields.Exposure),
            temporaryUntil: null,
            reviewOn: CreditTestIds.Today.AddDays(ReviewAfterDays));
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
        world.Service.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.CreditLimit] = new Money(ApprovedLimit) });

        APayment().Of(2_000m).Settling("INV-00900").Create(world.Service);

        Assert.Equal(engineLimit, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
    }

    private void Rescore(Guid accountId) =>
        world.Service.Execute(new OrganizationRequest(Api.UniqueName) { ["Target"] = new EntityReference(Account.EntityLogicalName, accountId) });
}
