extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using PromiseToPay = plugins::CreditOS.Dataverse.Model.PromiseToPay;
using Status = plugins::CreditOS.Dataverse.Model.PromiseToPayStatus;

namespace CreditOS.Plugins.Tests.Collections;

/// <summary>
/// Promises to pay through the local pipeline with every plugin: captured by a collector, kept by real payment
/// postings, partly kept, broken by the daily batch, and counted on the account for the fiscal year.
/// </summary>
public sealed class PromiseToPayTests
{
    [Fact]
    public void APromise_IsKeptByThePaymentPostingsThatCoverItByItsDate()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Create(world.Service);
        AnInvoice().Numbered(1).Of(1_000m).IssuedDaysAgo(50).DueAfter(30).Create(world.Service);
        AnInvoice().Numbered(2).Of(500m).IssuedDaysAgo(40).DueAfter(30).Create(world.Service);
        var colin = world.ACollector(CollectionsWorld.Colin, "Colin Collector");
        var promise = world.APromise(colin, 1_500m, 5, "INV-00001", "INV-00002");

        Assert.Equal(1, world.Account(CreditTestIds.Customer).GetAttributeValue<int?>(Account.Fields.OpenPromiseCount));
        APayment().WithErpId("PAY-1").Of(1_000m).Settling("INV-00001").Create(world.Service);
        var afterFirst = world.Promise(promise);
        APayment().WithErpId("PAY-2").Of(500m).Settling("INV-00002").Create(world.Service);
        var kept = world.Promise(promise);
        var account = world.Account(CreditTestIds.Customer);

        Assert.Equal((int)Status.Open, afterFirst.GetAttributeValue<OptionSetValue>(PromiseToPay.Fields.PromiseStatus).Value);
        Assert.Equal(1_000m, afterFirst.GetAttributeValue<Money>(PromiseToPay.Fields.KeptAmount).Value);
        Assert.Equal(500m, afterFirst.GetAttributeValue<Money>(PromiseToPay.Fields.RemainingAmount).Value);
        Assert.Equal((int)Status.Kept, kept.GetAttributeValue<OptionSetValue>(PromiseToPay.Fields.PromiseStatus).Value);
        Assert.Equal(1_500m, kept.GetAttributeValue<Money>(PromiseToPay.Fields.KeptAmount).Value);
        Assert.Equal(0m, kept.GetAttributeValue<Money>(PromiseToPay.Fields.RemainingAmount).Value);
        Assert.Equal(CreditTestIds.Today, kept.GetAttributeValue<DateTime?>(PromiseToPay.Fields.ResolvedOn)?.Date);
        Assert.Equal(0, account.GetAttributeValue<int?>(Account.Fields.OpenPromiseCount));
        Assert.Equal(1, account.GetAttributeValue<int?>(Account.Fields.PromisesKeptFiscalYear));
        Assert.Equal(0, account.GetAttributeValue<int?>(Account.Fields.PromisesOpenFiscalYear));
    }

    [Fact]
    public void APartlyKeptPromise_RecordsTheKeptAmount_AndTheDailyBatchBreaksItWhenItsDatePasses_WhichFeedsTheRiskScore()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Create(world.Service);
        AnInvoice().Numbered(1).Of(1_000m).IssuedDaysAgo(50).DueAfter(30).Create(world.Service);
        var colin = world.ACollector(CollectionsWorld.Colin, "Colin Collector");
        var promise = world.APromise(colin, 1_000m, 3, "INV-00001");

        APayment().WithErpId("PAY-1").Of(400m).Settling("INV-00001").Create(world.Service);
        var partial = world.Promise(promise);
        world.DailyBatch();
        var stillOpen = world.Promise(promise);
        world.Advance(TimeSpan.FromDays(5));
        world.DailyBatch();
        var broken = world.Promise(promise);
        var account = world.Account(CreditTestIds.Customer);
        var promises = plugins::CreditOS.Dataverse.Credit.Rescoring.HistoryAggregates.Read(
            world.Service, CreditTestIds.Customer, new plugins::CreditOS.Dataverse.Credit.Rescoring.HistoryContext { AsOf = CreditTestIds.Today.AddDays(5), Currency = "USD", CurrencyId = CreditTestIds.Usd }).Summary.Promises;

        Assert.Equal(400m, partial.GetAttributeValue<Money>(PromiseToPay.Fields.KeptAmount).Value);
        Assert.Equal(600m, partial.GetAttributeValue<Money>(PromiseToPay.Fields.RemainingAmount).Value);
        Assert.Equal((int)Status.Open, stillOpen.GetAttributeValue<OptionSetValue>(PromiseToPay.Fields.PromiseStatus).Value);
        Assert.Equal((int)Status.Broken, broken.GetAttributeValue<OptionSetValue>(PromiseToPay.Fields.PromiseStatus).Value);
        Assert.Equal(400m, broken.GetAttributeValue<Money>(PromiseToPay.Fields.KeptAmount).Value);
        Assert.Equal(600m, broken.GetAttributeValue<Money>(PromiseToPay.Fields.RemainingAmount).Value);
        Assert.Equal(CreditTestIds.Today.AddDays(4), broken.GetAttributeValue<DateTime?>(PromiseToPay.Fields.ResolvedOn)?.Date);
        Assert.Equal(0, account.GetAttributeValue<int?>(Account.Fields.OpenPromiseCount));
        Assert.Equal(1, account.GetAttributeValue<int?>(Account.Fields.PromisesBrokenFiscalYear));
        Assert.Equal(1, promises.Broken);
    }

    [Fact]
    public void APaymentAfterThePromisedDate_DoesNotKeepIt_AndTheDailyBatchBreaksIt()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Create(world.Service);
        AnInvoice().Numbered(1).Of(1_000m).IssuedDaysAgo(50).DueAfter(30).Create(world.Service);
        var colin = world.ACollector(CollectionsWorld.Colin, "Colin Collector");
        var promise = world.APromise(colin, 1_000m, 2, "INV-00001");

        world.Advance(TimeSpan.FromDays(4));
        var late = APayment().WithErpId("PAY-9").Of(1_000m).Settling("INV-00001").Build();
        late[plugins::CreditOS.Dataverse.Model.Payment.Fields.PaymentDate] = CreditTestIds.Today.AddDays(4);
        world.Service.Create(late);
        world.DailyBatch();

        Assert.Equal((int)Status.Broken, world.Promise(promise).GetAttributeValue<OptionSetValue>(PromiseToPay.Fields.PromiseStatus).Value);
    }

    [Fact]
    public void APromiseDatedInThePast_OrNamingAnotherCustomersInvoice_IsRefusedWithTheReason()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Create(world.Service);
        AnInvoice().Numbered(1).Of(1_000m).Create(world.Service);
        var colin = world.ACollector(CollectionsWorld.Colin, "Colin Collector");

        var past = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => world.APromise(colin, 100m, -1, "INV-00001"));
        var unknown = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => world.APromise(colin, 100m, 3, "INV-00077"));

        Assert.Contains("before today", past.Message, StringComparison.Ordinal);
        Assert.Contains("INV-00077 that are not open receivables of this account", unknown.Message, StringComparison.Ordinal);
    }
}
