extern alias plugins;

using System.Globalization;
using System.Text.RegularExpressions;
using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using P = plugins::CreditOS.Plugins;
using PageApi = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountPageApi;
using PageRescoring = plugins::CreditOS.Dataverse.Credit.Rescoring.AccountPageRescoring;
using ScoreTrigger = plugins::CreditOS.Dataverse.Model.ScoreTrigger;

namespace CreditOS.Plugins.Tests.NightlyBatch;

/// <summary>
/// What a page rescoring costs as more of its accounts change, with every plug-in that fires on an account update or a
/// score-history create registered. Dataverse does not support the bulk messages (CreateMultiple, UpdateMultiple)
/// inside a plug-in, so each written account costs its own calls: its write (conditional on the row version read, no
/// lock claim and no re-read since session 17) and, when its picture changed, its history row
/// (<see cref="PageRescoring.CallsPerWrittenAccount"/>). The reads do not grow with the
/// accounts written, and the guards that fire for every row the page writes as SYSTEM cost no call
/// (CreditFlowIdentity decides from the context once SYSTEM's id is known in the organization).
/// </summary>
public sealed class PageWriteBudgetTests
{
    private const int Accounts = 12;

    private static readonly Type[] RowPlugins =
    [
        typeof(P.CreditColumnGuardPlugin), typeof(P.AccountCurrencyGuardPlugin), typeof(P.AccountErpNumberGuardPlugin), typeof(P.AccountWorkColumnGuardPlugin),
        typeof(P.CollectorAssignmentPlugin), typeof(P.CreditGroupMembershipGuardPlugin), typeof(P.CustomerSegmentGuardPlugin), typeof(P.FraudFlagPlugin),
        typeof(P.CreditScoreHistoryGuardPlugin),
    ];

    [Fact]
    public void APageWhereTwoOrTenAccountsChanged_ReadsTheSame_WritesOnlyPerWrittenAccount_AndItsGuardsCostNoCall()
    {
        using var world = CreditWorld.WithPlugins([typeof(P.RescoreAccountPagePlugin), .. RowPlugins]);
        var ids = Enumerable.Range(1, Accounts).Select(i => new Guid(string.Format(CultureInfo.InvariantCulture, "ac000000-0000-4000-8000-{0:D12}", i))).ToList();
        var invoice = 0;
        foreach (var id in ids)
        {
            AnAccount().WithId(id).Named("Budget " + id.ToString("N")[..6]).WithLimit(50_000).Create(world.Service);
            foreach (var settled in new int?[] { 40, 20, null })
            {
                AnInvoice().For(id).Numbered(++invoice).Of(2_000m).SettledDaysAgo(settled).Create(world.Service);
            }
        }

        RescorePage(world, ids);

        var two = Night(world, ids, ids.Take(2), ref invoice);
        var ten = Night(world, ids, ids.Skip(2).Take(10), ref invoice);

        Assert.Equal(2, two.Written);
        Assert.Equal(10, ten.Written);
        Assert.True(two.Reads == ten.Reads, two.Reads + " against " + ten.Reads + ": " + ten.Trace);
        // These new customers' limits are due for review (already with Finance since the first page): the page's accounts query
        // finds them (session 32; before, one query more).
        Assert.True(PageRescoring.UnchangedPageCalls == ten.Reads, ten.Trace);
        Assert.True((PageRescoring.CallsPerWrittenAccount * ten.Written) + ten.Changed == ten.Writes, ten.Trace);
        Assert.Equal((PageRescoring.CallsPerWrittenAccount * two.Written) + two.Changed, two.Writes);
        Assert.True(ten.GuardRuns >= 10, "the guards fired for the rows written: " + ten.GuardRuns);
        Assert.Equal(0, ten.GuardCalls);
        Assert.Equal(0, two.GuardCalls);
    }

    private static Outcome Night(CreditWorld world, List<Guid> page, IEnumerable<Guid> changed, ref int invoice)
    {
        foreach (var id in changed)
        {
            // A new open invoice (no event rescoring registered): the page finds the account's exposure changed.
            AnInvoice().For(id).Numbered(++invoice).Of(9_000m).SettledDaysAgo(null).Create(world.Service);
        }

        world.ForgetExecutions();
        var response = RescorePage(world, page);
        var run = Assert.Single(world.ExecutionsOf(typeof(P.RescoreAccountPagePlugin)));
        var calls = Regex.Match(run.Trace, @"Page calls: scoring (\d+) reads, (\d+) writes");
        Assert.True(calls.Success, run.Trace);
        var guards = world.Dataverse.PluginExecutions.Where(e => RowPlugins.Contains(e.PluginType)).ToList();
        return new Outcome(
            (int)response[PageApi.Response.Written],
            (int)response[PageApi.Response.Changed],
            int.Parse(calls.Groups[1].Value, CultureInfo.InvariantCulture),
            int.Parse(calls.Groups[2].Value, CultureInfo.InvariantCulture),
            guards.Count,
            guards.Sum(e => e.ServiceCalls)) { Trace = run.Trace };
    }

    private static OrganizationResponse RescorePage(CreditWorld world, IEnumerable<Guid> ids) => world.Service.Execute(new OrganizationRequest(PageApi.UniqueName)
    {
        [PageApi.Request.AccountIds] = ids.Select(id => id.ToString("D")).ToArray(),
        [PageApi.Request.Trigger] = new OptionSetValue((int)ScoreTrigger.OnDemand),
    });

    private sealed record Outcome(int Written, int Changed, int Reads, int Writes, int GuardRuns, int GuardCalls)
    {
        public string Trace { get; init; } = string.Empty;
    }
}
