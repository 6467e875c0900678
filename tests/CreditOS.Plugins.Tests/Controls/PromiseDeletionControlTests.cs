extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Plugins.Tests.Collections;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using static CreditOS.Plugins.Tests.Controls.WebApiCall;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using PromiseStatus = plugins::CreditOS.Dataverse.Model.PromiseToPayStatus;
using PromiseToPay = plugins::CreditOS.Dataverse.Model.PromiseToPay;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Session 13: a broken promise counts in the customer's Risk score (<c>BrokenPromises</c>) and a broken or past-due
/// promise is never deleted by a person; but an open one could be deleted on its last day, before the daily batch broke
/// it, so Fiona (Finance Approver role: Delete on promises) kept a customer's broken promise out of its history. A person
/// now deletes an open promise only on the day it was recorded (a mistake); after that it runs to its outcome. As Colin
/// and Fiona through the local Dataverse with every plugin, and over the Web API; and a probe of Associate on promises.
/// </summary>
public sealed class PromiseDeletionControlTests : WebApiControlTestsBase
{
    private readonly Guid colin;

    public PromiseDeletionControlTests()
        : base(CreditWorld.WithAllPlugins(), FixedIds.FinanceApprover)
    {
        AnAccount().WithLimit(50_000).Create(World.Service);
        AnInvoice().Numbered(1).Of(5_000m).IssuedDaysAgo(40).DueAfter(30).Create(World.Service);
        colin = World.ACollector(CollectionsWorld.Colin, "Colin Collector");
    }

    [Fact]
    public void Fiona_CannotDeleteAnOpenPromiseOnItsLastDay_ToKeepItsBreakingOutOfTheCustomersHistory_ButDeletesOneRecordedByMistakeTheSameDay()
    {
        var promise = World.APromise(colin, 5_000m, 3, "INV-00001");
        World.Tomorrow(3);

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => World.CreditManager.Delete(PromiseToPay.EntityLogicalName, promise)).Detail.Message;
        World.Tomorrow();
        World.DailyBatch();

        Assert.Contains("was recorded on 2026-01-15 for 2026-01-18", refusal, StringComparison.Ordinal);
        Assert.Contains("runs to its outcome", refusal, StringComparison.Ordinal);
        Assert.Equal((int)PromiseStatus.Broken, World.Promise(promise).GetAttributeValue<OptionSetValue>(PromiseToPay.Fields.PromiseStatus).Value);
        Assert.Equal(1, World.Account(CreditTestIds.Customer).GetAttributeValue<int?>(Account.Fields.PromisesBrokenFiscalYear));

        // A promise recorded by mistake is deleted the day it was recorded, as before.
        var mistake = World.APromise(colin, 400m, 10);
        World.CreditManager.Delete(PromiseToPay.EntityLogicalName, mistake);
        Assert.Single(World.Service.RetrieveMultiple(new QueryExpression(PromiseToPay.EntityLogicalName)).Entities);
    }

    [Fact]
    public async Task Fiona_OverTheWebApi_CannotDeleteAnOpenPromiseRecordedOnAnEarlierDay()
    {
        var promise = World.APromise(colin, 5_000m, 3, "INV-00001");
        World.Tomorrow(2);

        var answer = await SendAsync(People[FixedIds.FinanceApprover], HttpMethod.Delete, $"cos_promisetopays({promise:D})", body: null);

        AssertRefused(answer, "was recorded on 2026-01-15 for 2026-01-18 and runs to its outcome");
        Assert.Equal((int)PromiseStatus.Open, World.Promise(promise).GetAttributeValue<OptionSetValue>(PromiseToPay.Fields.PromiseStatus).Value);
    }

    /// <summary>A probe (held already): Associate on the account's promises is an Update of the promise's account, which is fixed.</summary>
    [Fact]
    public void Colin_CannotMoveHisPromiseToAnotherCustomer_ByAssociatingItWithThatAccount()
    {
        AnAccount().WithId(CreditTestIds.GroupParent).Named("Another customer").WithLimit(10_000).Create(World.Service);
        var promise = World.APromise(colin, 1_000m, 5);

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => World.Context.As(colin).Associate(
            Account.EntityLogicalName,
            CreditTestIds.GroupParent,
            new Relationship("cos_account_cos_promisetopay_accountid"),
            new EntityReferenceCollection { new EntityReference(PromiseToPay.EntityLogicalName, promise) })).Detail.Message;

        Assert.Contains("cos_accountid is what the customer promised on 2026-01-15 and cannot be changed", refusal, StringComparison.Ordinal);
        Assert.Equal(CreditTestIds.Customer, World.Promise(promise).GetAttributeValue<EntityReference>(PromiseToPay.Fields.AccountId).Id);
    }
}
