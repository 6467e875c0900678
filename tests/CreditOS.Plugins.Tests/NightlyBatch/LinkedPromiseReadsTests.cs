extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Agreement = CreditOS.Plugins.Tests.NightlyBatch.CollectionsSetBasedAgreementTests;
using DunningStep = plugins::CreditOS.Dataverse.Model.DunningStep;
using MonitorCondition = plugins::CreditOS.Dataverse.Model.MonitorCondition;
using PagePlugin = plugins::CreditOS.Plugins.RescoreAccountPagePlugin;
using PromiseStatus = plugins::CreditOS.Dataverse.Model.PromiseToPayStatus;
using PromiseToPay = plugins::CreditOS.Dataverse.Model.PromiseToPay;

namespace CreditOS.Plugins.Tests.NightlyBatch;

/// <summary>
/// Session 33 (issue 15): the page's scoring reads the promises it counts with its accounts (an outer link of the accounts query),
/// and its collections work the promises it checks with the accounts with work, neither in a read of its own. The pictures, and the
/// promises kept and broken, stay those of the per-account path (<see cref="CollectionsSetBasedAgreementTests"/>,
/// <see cref="SetBasedRescoringTests"/>); a page whose linked rows pass one result page reads accounts and promises by themselves.
/// </summary>
public sealed class LinkedPromiseReadsTests
{
    /// <summary>The most rows one result page holds (<c>PageReads.RowsPerPage</c>, Dataverse's 5,000).</summary>
    private const int ResultPage = 5_000;

    [Fact]
    public void ThePagesCollectionsWork_ReadsThePromisesWithItsAccounts_AndBreaksThoseWhoseDatePassed()
    {
        // No held order (its release reads the account again) and no follow-up configured (the broken-promise condition reads
        // promises and the follow-up its accounts): the page's own reads of accounts and promises are the ones counted.
        using var world = Agreement.AWorld(out var portfolio, heldOrders: false);
        WithoutFollowUp(world);
        Agreement.SetBasedNight(world, portfolio.AccountIds);

        var runs = world.ExecutionsOf(typeof(PagePlugin));
        Assert.Equal((portfolio.AccountIds.Count + Agreement.PageSize - 1) / Agreement.PageSize, runs.Count);
        Assert.All(runs, run => Assert.True(
            PageTraceReads.Of(run.Trace, "scoring", PromiseToPay.EntityLogicalName) == 0 && PageTraceReads.Of(run.Trace, "scoring", Account.EntityLogicalName) == 1
            && PageTraceReads.Of(run.Trace, "collections", PromiseToPay.EntityLogicalName) == 0 && PageTraceReads.Of(run.Trace, "collections", Account.EntityLogicalName) == 1,
            run.Trace));

        // The linked promises were the ones checked: promises dated two days ago are broken, and each account counts its broken ones.
        var promises = world.Service.RetrieveMultiple(new QueryExpression(PromiseToPay.EntityLogicalName) { ColumnSet = new ColumnSet(true) }).Entities;
        var broken = promises.Where(p => p.GetAttributeValue<OptionSetValue>(PromiseToPay.Fields.PromiseStatus).Value == (int)PromiseStatus.Broken).ToList();
        Assert.NotEmpty(broken);
        Assert.All(broken, p => Assert.True(p.GetAttributeValue<DateTime>(PromiseToPay.Fields.PromisedFor) < CreditTestIds.Today));
        Assert.All(broken.GroupBy(p => p.GetAttributeValue<EntityReference>(PromiseToPay.Fields.AccountId).Id), group =>
            Assert.Equal(group.Count(), world.Service.Retrieve(Account.EntityLogicalName, group.Key, new ColumnSet(Account.Fields.PromisesBrokenFiscalYear)).GetAttributeValue<int?>(Account.Fields.PromisesBrokenFiscalYear)));
    }

    [Fact]
    public void APageWhoseLinkedPromisesPassOneResultPage_ReadsItsAccountsAndPromisesByThemselves_AndCountsEveryPromise()
    {
        using var world = Agreement.AWorld(out var portfolio, heldOrders: false);
        WithoutFollowUp(world);
        Agreement.SetBasedNight(world, portfolio.AccountIds);
        var account = portfolio.AccountIds.First(id => id != portfolio.Unscorable
            && world.Service.Retrieve(Account.EntityLogicalName, id, new ColumnSet(Account.Fields.OpenReceivables)).GetAttributeValue<Money>(Account.Fields.OpenReceivables)?.Value > 0m);

        // One promise kept today more than one result page holds: the linked rows pass it, in the scoring call's read (promises
        // recorded yesterday are counted) and in the collections work's (promises of this fiscal year, with the account's own).
        for (var i = 0; i <= ResultPage; i++)
        {
            world.Service.Create(new Entity(PromiseToPay.EntityLogicalName)
            {
                [PromiseToPay.Fields.Name] = "Kept promise " + i,
                [PromiseToPay.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, account),
                [PromiseToPay.Fields.Amount] = new Money(10m),
                [PromiseToPay.Fields.KeptAmount] = new Money(10m),
                [PromiseToPay.Fields.RemainingAmount] = new Money(0m),
                [PromiseToPay.Fields.PromisedOn] = CreditTestIds.Today.AddDays(-1),
                [PromiseToPay.Fields.PromisedFor] = CreditTestIds.Today,
                [PromiseToPay.Fields.ResolvedOn] = CreditTestIds.Today,
                [PromiseToPay.Fields.PromiseStatus] = new OptionSetValue((int)PromiseStatus.Kept),
            });
        }

        world.ForgetExecutions();
        world.Service.Execute(Agreement.PageRequest([account]));

        var trace = Assert.Single(world.ExecutionsOf(typeof(PagePlugin))).Trace;
        Assert.True(trace.Contains("Promises: the accounts with their promises passed one result page (5000 rows)", StringComparison.Ordinal), trace);
        Assert.True(PageTraceReads.Of(trace, "scoring", Account.EntityLogicalName) == 2, trace);
        Assert.True(PageTraceReads.Of(trace, "scoring", PromiseToPay.EntityLogicalName) == 1, trace);
        Assert.True(PageTraceReads.Of(trace, "collections", Account.EntityLogicalName) == 2, trace);
        Assert.True(PageTraceReads.Of(trace, "collections", PromiseToPay.EntityLogicalName) == 2, trace);
        Assert.Equal(ResultPage + 1, world.Service.Retrieve(Account.EntityLogicalName, account, new ColumnSet(Account.Fields.PromisesKeptFiscalYear)).GetAttributeValue<int?>(Account.Fields.PromisesKeptFiscalYear));
    }

    [Fact]
    public void ThePromisesTheScoringCountsWithItsAccounts_GiveThePerAccountPathsPictures()
    {
        using var perAccount = Agreement.AWorld(out var portfolio, heldOrders: false);
        using var setBased = Agreement.AWorld(out _, heldOrders: false);
        foreach (var world in new[] { perAccount, setBased })
        {
            var scorable = portfolio.AccountIds.Where(id => id != portfolio.Unscorable).ToList();
            for (var index = 0; index < scorable.Count; index++)
            {
                // 0 to 3 broken in the last 12 months (the Risk score's broken-promise bands), one kept, one open; and what the count
                // leaves out: a promise broken 400 days ago and one recorded tomorrow.
                for (var broken = 0; broken < index % 4; broken++)
                {
                    ARecordedPromise(world, scorable[index], PromiseStatus.Broken, -40, -30 - broken);
                }

                ARecordedPromise(world, scorable[index], PromiseStatus.Kept, -20, -10);
                ARecordedPromise(world, scorable[index], PromiseStatus.Open, -3, 5);
                ARecordedPromise(world, scorable[index], PromiseStatus.Broken, -420, -400);
                ARecordedPromise(world, scorable[index], PromiseStatus.Broken, 1, -5);
            }
        }

        Agreement.PerAccountNight(perAccount, portfolio);
        Agreement.SetBasedNight(setBased, portfolio.AccountIds);

        var expected = Agreement.Rows(perAccount, Account.EntityLogicalName, byId: true);
        var actual = Agreement.Rows(setBased, Account.EntityLogicalName, byId: true);
        Assert.Equal(expected.Count, actual.Count);
        Assert.All(expected.Zip(actual), pair => Assert.True(pair.First == pair.Second, "per-account " + pair.First + "\n set-based   " + pair.Second));
        Assert.Contains(actual, row => row.Contains("promises to pay broken", StringComparison.Ordinal));
    }

    private static void ARecordedPromise(CreditWorld world, Guid account, PromiseStatus status, int recordedInDays, int dueInDays) =>
        world.Service.Create(new Entity(PromiseToPay.EntityLogicalName)
        {
            [PromiseToPay.Fields.Name] = status + " promise due in " + dueInDays + " days",
            [PromiseToPay.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, account),
            [PromiseToPay.Fields.Amount] = new Money(100m),
            [PromiseToPay.Fields.PromisedOn] = CreditTestIds.Today.AddDays(recordedInDays),
            [PromiseToPay.Fields.PromisedFor] = CreditTestIds.Today.AddDays(dueInDays),
            [PromiseToPay.Fields.PromiseStatus] = new OptionSetValue((int)status),
        });

    private static void WithoutFollowUp(CreditWorld world)
    {
        foreach (var table in new[] { MonitorCondition.EntityLogicalName, DunningStep.EntityLogicalName })
        {
            foreach (var row in world.Service.RetrieveMultiple(new QueryExpression(table) { ColumnSet = new ColumnSet(false) }).Entities)
            {
                world.Service.Delete(table, row.Id);
            }
        }
    }
}
