extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Plugins.Tests.Collections;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using History = plugins::CreditOS.Dataverse.Model.CreditScoreHistory;
using PromiseStatus = plugins::CreditOS.Dataverse.Model.PromiseToPayStatus;
using PromiseToPay = plugins::CreditOS.Dataverse.Model.PromiseToPay;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 8: the customer's promise history (kept and broken promises, a Risk factor) counts only promises made
/// (<c>cos_promisedon</c>) by the day it is read, and a person could give that date at Create. Before, Colin recorded a
/// 5,000.00 promise for an overdue invoice, due in three days, "made on" 2031-01-15: it paused the customer's dunning like
/// any open promise, the daily batch broke it, and the Risk score stayed 27.5 where the broken
/// promise makes it 30.7 (measure 1, 2.94 points). As Colin (Collector role) with every plug-in.
/// </summary>
public sealed class PromisedOnControlTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();
    private readonly IOrganizationService colin;

    public PromisedOnControlTests()
    {
        AnAccount().WithLimit(50_000).Create(world.Service);
        foreach (var invoice in AHistoryOf(12, 5_000m, 30))
        {
            invoice.Create(world.Service);
        }

        AnInvoice().Numbered(99).Of(5_000m).IssuedDaysAgo(40).DueAfter(30).Create(world.Service);
        colin = world.Context.As(world.ACollector(CollectionsWorld.Colin, "Colin Collector"));
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void Colin_CannotRecordAPromiseMadeInTheFuture_SoItsBreakingNeverCounts_ButOneMadeYesterdayCountsWhenItIsBroken()
    {
        var future = Promise(CreditTestIds.Today.AddYears(5));
        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => colin.Create(future)).Detail.Message;

        Assert.Contains("The promise to pay 'Promise 5000' cannot say it was made on 2031-01-15, 1826 day(s) after it is recorded on 2026-01-15", refusal, StringComparison.Ordinal);
        Assert.Contains("until 2026-01-16, with 1 day of time-zone skew", refusal, StringComparison.Ordinal);
        Assert.Empty(world.Service.RetrieveMultiple(new QueryExpression(PromiseToPay.EntityLogicalName)).Entities);
        Assert.All(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.PromiseToPayGuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, 1));

        // The legitimate path: the promise the customer made on the phone yesterday runs to its outcome and counts.
        var promise = colin.Create(Promise(CreditTestIds.Today.AddDays(-1)));
        world.DailyBatch();
        world.Tomorrow(4);
        world.DailyBatch();
        world.Tomorrow();
        world.DailyBatch();

        Assert.Equal((int)PromiseStatus.Broken, world.Promise(promise).GetAttributeValue<OptionSetValue>(PromiseToPay.Fields.PromiseStatus).Value);
        var latest = world.Service.RetrieveMultiple(new QueryExpression(History.EntityLogicalName) { ColumnSet = new ColumnSet(History.Fields.FactorContributions, "createdon") })
            .Entities.OrderBy(row => row.GetAttributeValue<DateTime>("createdon")).Last();
        Assert.Contains("BrokenPromises: measure 1,", latest.GetAttributeValue<string>(History.Fields.FactorContributions), StringComparison.Ordinal);
    }

    private static Entity Promise(DateTime madeOn) => new(PromiseToPay.EntityLogicalName)
    {
        [PromiseToPay.Fields.Name] = "Promise 5000",
        [PromiseToPay.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
        [PromiseToPay.Fields.Amount] = new Money(5_000m),
        [PromiseToPay.Fields.PromisedFor] = CreditTestIds.Today.AddDays(3),
        [PromiseToPay.Fields.PromisedOn] = madeOn,
        [PromiseToPay.Fields.CoveredInvoices] = "INV-00099",
    };
}
