extern alias plugins;

using System.Globalization;
using System.Text.RegularExpressions;
using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using CustomerGroup = plugins::CreditOS.Dataverse.Model.CustomerGroup;
using PageApi = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountPageApi;
using PageLimitReviews = plugins::CreditOS.Dataverse.Credit.Rescoring.PageLimitReviews;
using PagePlugin = plugins::CreditOS.Plugins.RescoreAccountPagePlugin;
using PageRescoring = plugins::CreditOS.Dataverse.Credit.Rescoring.AccountPageRescoring;
using RescoreApi = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using RescorePlugin = plugins::CreditOS.Plugins.RescoreAccountPlugin;
using RequestType = plugins::CreditOS.Dataverse.Model.CreditApprovalRequestType;
using ScoreTrigger = plugins::CreditOS.Dataverse.Model.ScoreTrigger;

namespace CreditOS.Plugins.Tests.NightlyBatch;

/// <summary>
/// Session 18: the limit reviews a page raises are routed with what the page read (the account row with its write, the
/// open reviews found once for the page, the approval settings and routes read once for the page) instead of through
/// the router's four reads each. Finance gets the same requests as from the per-account path, in the same queues, and
/// the page's reads no longer grow with the reviews it raises.
/// </summary>
public sealed class PageLimitReviewTests
{
    private const decimal LimitBefore = 200_000m;

    private static readonly Guid KeyAccountQueue = new("ad000000-0000-4000-8000-0000000000ee");

    internal static readonly Guid[] Ids = [.. Enumerable.Range(1, 5).Select(i => new Guid(string.Format(CultureInfo.InvariantCulture, "ad000000-0000-4000-8000-{0:D12}", i)))];

    private static readonly string[] RequestColumns =
    [
        "cos_name", "cos_requesttype", "cos_creditlimit", "cos_exposure", "cos_requestedlimit", "cos_decisionreason",
        "cos_queueid", "transactioncurrencyid", "cos_approvalstatus", "statecode",
    ];

    [Fact]
    public void APageRaisingFiveReviews_SendsFinanceTheRequestsThePerAccountPathSends_InTheSameQueues()
    {
        using var perAccount = Book();
        using var setBased = Book();

        foreach (var id in Ids)
        {
            perAccount.Service.Execute(new OrganizationRequest(RescoreApi.UniqueName) { ["Target"] = new EntityReference(Account.EntityLogicalName, id) });
        }

        RescorePage(setBased);

        foreach (var id in Ids)
        {
            var expected = Assert.Single(Reviews(perAccount, id));
            var actual = Assert.Single(Reviews(setBased, id));
            foreach (var column in RequestColumns)
            {
                Assert.True(Show(expected, column) == Show(actual, column), id + " " + column + ": " + Show(expected, column) + " against " + Show(actual, column));
            }

            // The two worlds run on the real clock seconds apart: the time Finance is given is what must agree.
            Assert.Equal(DueTime(expected), DueTime(actual));

            Assert.Equal(LimitBefore, setBased.AccountMoney(id, Account.Fields.CreditLimit));
            Assert.Equal(perAccount.AccountMoney(id, Account.Fields.Exposure), setBased.AccountMoney(id, Account.Fields.Exposure));
            Assert.Equal(QueueItems(perAccount, expected.Id), QueueItems(setBased, actual.Id));
        }

        // The key account's review went to its segment's route, the others to the default route.
        Assert.NotEqual(
            Assert.Single(Reviews(setBased, Ids[0])).GetAttributeValue<EntityReference>("cos_queueid").Id,
            Assert.Single(Reviews(setBased, Ids[1])).GetAttributeValue<EntityReference>("cos_queueid").Id);
    }

    [Fact]
    public void APageRaisingReviews_ReadsTheSettingsAndRoutesOnce_AndEachReviewCostsItsRequestAndQueueItem()
    {
        using var world = Book();

        world.ForgetExecutions();
        var response = RescorePage(world);

        var run = Assert.Single(world.ExecutionsOf(typeof(PagePlugin)));
        var calls = Regex.Match(run.Trace, @"Page calls: scoring (\d+) reads, (\d+) writes");
        Assert.True(calls.Success, run.Trace);
        var reads = int.Parse(calls.Groups[1].Value, CultureInfo.InvariantCulture);
        var writes = int.Parse(calls.Groups[2].Value, CultureInfo.InvariantCulture);
        var written = (int)response[PageApi.Response.Written];
        var changed = (int)response[PageApi.Response.Changed];
        Assert.Equal(Ids.Length, written);
        Assert.Equal(Ids.Length, Ids.Sum(id => Reviews(world, id).Count));
        // Before session 18: + 4 reads per review (the router's account, settings, open requests and route). Before session 32: + 1,
        // the open reviews' own query (now an outer link of the accounts query). No stamp in this book, so the routes are read.
        Assert.True(PageRescoring.UnchangedPageCalls + PageLimitReviews.PageCalls == reads, reads + " reads: " + run.Trace);
        Assert.True((PageRescoring.CallsPerWrittenAccount * written) + changed + (PageLimitReviews.CallsPerReview * Ids.Length) == writes, writes + " writes: " + run.Trace);

        // The next night the reviews are with Finance: found by the page's one query, not raised again.
        world.ForgetExecutions();
        RescorePage(world);
        Assert.Equal(Ids.Length, Ids.Sum(id => Reviews(world, id).Count));
    }

    /// <summary>Five customers whose history cuts their 200,000.00 limit by more than the step (a review each); the first a key account with its own route.</summary>
    /// <param name="morePlugins">Session 30: the sealed-picture and approval guards, for the two-call night's reviews (<c>SealedLimitReviewTests</c>).</param>
    internal static CreditWorld Book(params Type[] morePlugins)
    {
        var world = CreditWorld.WithPlugins([typeof(RescorePlugin), typeof(PagePlugin), .. morePlugins]);
        var keyAccountQueue = world.Service.Create(new Entity("queue", KeyAccountQueue) { ["name"] = "Credit approvals - key accounts" });
        world.Service.Create(new Entity("cos_approvalrouting")
        {
            ["cos_name"] = "Key accounts",
            ["cos_customergroup"] = new OptionSetValue((int)CustomerGroup.KeyAccount),
            ["cos_queueid"] = new EntityReference("queue", keyAccountQueue),
            ["cos_dueinhours"] = 8,
        });
        var invoice = 0;
        foreach (var (id, index) in Ids.Select((id, index) => (id, index)))
        {
            AnAccount().WithId(id).Named("Review customer " + index.ToString(CultureInfo.InvariantCulture)).Unscored().WithLimit(LimitBefore).Create(world.Service);
            if (index == 0)
            {
                world.Service.Update(new Entity(Account.EntityLogicalName, id) { [Account.Fields.CustomerGroup] = new OptionSetValue((int)CustomerGroup.KeyAccount) });
            }

            foreach (var item in AHistoryOf(24, amount: 8_000m + (index * 500m), everyDays: 30))
            {
                item.For(id).Numbered(++invoice).Create(world.Service);
            }
        }

        return world;
    }

    private static OrganizationResponse RescorePage(CreditWorld world) => world.Service.Execute(new OrganizationRequest(PageApi.UniqueName)
    {
        [PageApi.Request.AccountIds] = Ids.Select(id => id.ToString("D")).ToArray(),
        [PageApi.Request.Trigger] = new OptionSetValue((int)ScoreTrigger.OnDemand),
    });

    private static List<Entity> Reviews(CreditWorld world, Guid accountId)
    {
        var query = new QueryExpression("cos_creditapprovalrequest") { ColumnSet = new ColumnSet([.. RequestColumns, "cos_requestedon", "cos_dueby"]) };
        query.Criteria.AddCondition("cos_accountid", ConditionOperator.Equal, accountId);
        query.Criteria.AddCondition("cos_requesttype", ConditionOperator.Equal, (int)RequestType.LimitReview);
        return [.. world.Service.RetrieveMultiple(query).Entities];
    }

    private static List<Guid> QueueItems(CreditWorld world, Guid requestId)
    {
        var query = new QueryExpression("queueitem") { ColumnSet = new ColumnSet("queueid") };
        query.Criteria.AddCondition("objectid", ConditionOperator.Equal, requestId);
        return [.. world.Service.RetrieveMultiple(query).Entities.Select(item => item.GetAttributeValue<EntityReference>("queueid").Id)];
    }

    private static TimeSpan DueTime(Entity request) =>
        request.GetAttributeValue<DateTime>("cos_dueby") - request.GetAttributeValue<DateTime>("cos_requestedon");

    private static string Show(Entity row, string column) => row.GetAttributeValue<object>(column) switch
    {
        Money money => money.Value.ToString(CultureInfo.InvariantCulture),
        EntityReference reference => reference.Id.ToString(),
        OptionSetValue option => option.Value.ToString(CultureInfo.InvariantCulture),
        var value => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "(none)",
    };
}
