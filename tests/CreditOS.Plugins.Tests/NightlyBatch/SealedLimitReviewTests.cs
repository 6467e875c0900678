extern alias plugins;

using System.ServiceModel;
using System.Text.RegularExpressions;
using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Agreement = CreditOS.Plugins.Tests.NightlyBatch.CollectionsSetBasedAgreementTests;
using ApprovalRequestStore = plugins::CreditOS.Dataverse.Approvals.ApprovalRequestStore;
using PagePlugin = plugins::CreditOS.Plugins.RescoreAccountPagePlugin;
using Request = plugins::CreditOS.Dataverse.Model.CreditApprovalRequest;
using RequestType = plugins::CreditOS.Dataverse.Model.CreditApprovalRequestType;
using SealKeyTable = plugins::CreditOS.Dataverse.Model.SealKeyTable;
using Sealed = CreditOS.Plugins.Tests.NightlyBatch.SealedPageRowsTests;

namespace CreditOS.Plugins.Tests.NightlyBatch;

/// <summary>
/// Session 30 (issue 15): a limit review the nightly scoring call raises no longer keeps its account in the page's own writes (account,
/// history row, request, queue item: 3–4 calls an account). The request row the page would have opened travels sealed inside the
/// account's picture; the integration worker writes the picture as before (UpdateMultiple, as the Integration role, which gains no
/// privilege), and the sealed-picture guard raises the review as the credit flow when the account takes its picture. Finance gets the
/// same requests, in the same queues, as from the one-call page; a picture that does not reach the account raises nothing, and a
/// picture sent again raises nothing twice.
/// </summary>
public sealed class SealedLimitReviewTests
{
    /// <summary>What differs between two environments for the same request: its id, its stamps and its owner's id.</summary>
    private static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal)
    {
        Request.Fields.CreditApprovalRequestId, "createdon", "createdby", "createdonbehalfby", "modifiedon", "modifiedby", "modifiedonbehalfby",
        "ownerid", "owninguser", "owningteam", "owningbusinessunit", "versionnumber",
    };

    [Fact]
    public void LimitReviewsSealedWithTheirAccountsPictures_AreRaisedWhenTheWorkerWritesThePictures_AsTheOneCallPageRaisesThem()
    {
        using var oneCall = ABookWhoseReviewsAreDueAgain();
        using var twoCalls = ABookWhoseReviewsAreDueAgain();
        var ids = PageLimitReviewTests.Ids;
        oneCall.Service.Execute(Agreement.PageRequest(ids));

        // The first page that seals makes the organization's seal key (its one write, then none).
        var keyWrites = twoCalls.Dataverse.Count(SealKeyTable.EntityLogicalName) == 0 ? 1 : 0;
        var (worker, (accounts, history, scored, pairs, behaviour)) = SealedScoringCall(twoCalls);

        // Every review account is handed back sealed with its review; the scoring call writes nothing itself and raises nothing yet.
        var scoring = Assert.Single(twoCalls.ExecutionsOf(typeof(PagePlugin)));
        Assert.True(Regex.Match(scoring.Trace, @"Page calls: scoring \d+ reads, (\d+) writes") is { Success: true } calls && calls.Groups[1].Value == keyWrites.ToString(System.Globalization.CultureInfo.InvariantCulture), scoring.Trace);
        Assert.Contains(ids.Length + " limit reviews inside the pictures", scoring.Trace, StringComparison.Ordinal);
        Assert.Empty(OpenReviews(twoCalls));

        Assert.Empty(Sealed.WriteAsTheWorker(worker, accounts, history, pairs));
        worker.Execute(Sealed.CollectionsCall(scored, behaviour));

        // Finance's requests and their queue items, the accounts and the score history: as the one-call page left them.
        Assert.Equal(ids.Length, OpenReviews(oneCall).Count);
        Sealed.AssertSame(Requests(oneCall), Requests(twoCalls), "credit approval requests with their queue items");
        Sealed.AssertSame(Agreement.Rows(oneCall, Account.EntityLogicalName, byId: true), Agreement.Rows(twoCalls, Account.EntityLogicalName, byId: true), "accounts");
        Sealed.AssertSame(Sealed.HistoryRows(oneCall), Sealed.HistoryRows(twoCalls), "score history");

        // Raised by the credit flow (the request guard admits no one else), each in its route's queue, pending.
        Assert.All(OpenReviews(twoCalls), review => Assert.Equal(twoCalls.Dataverse.SystemUserId, review.GetAttributeValue<EntityReference>("createdby").Id));

        // The same pictures sent again do not open (the accounts moved past their basis): no second review.
        foreach (var row in accounts.Entities)
        {
            Assert.ThrowsAny<FaultException<OrganizationServiceFault>>(() => worker.Execute(new OrganizationRequest("UpdateMultiple")
            {
                ["Targets"] = new EntityCollection([new Entity(Account.EntityLogicalName, row.Id) { [Account.Fields.SealedPicture] = row[Account.Fields.SealedPicture] }]) { EntityName = Account.EntityLogicalName },
            }));
        }

        Assert.Equal(ids.Length, OpenReviews(twoCalls).Count);

        // The worker still cannot raise a request itself: the Integration role has no Create on requests.
        Assert.ThrowsAny<FaultException<OrganizationServiceFault>>(() => worker.Create(new Entity(Request.EntityLogicalName)
        {
            [Request.Fields.Name] = "Limit review by hand",
            [Request.Fields.RequestType] = new OptionSetValue((int)RequestType.LimitReview),
            [Request.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, ids[1]),
        }));
    }

    [Fact]
    public void APictureThatDoesNotReachItsAccount_RaisesNoReview()
    {
        using var world = ABookWhoseReviewsAreDueAgain();
        var ids = PageLimitReviewTests.Ids;
        var (worker, (accounts, history, _, pairs, _)) = SealedScoringCall(world);

        // Another writer changes the first account after the scoring call read it: its picture is refused, and its review with it.
        var raced = accounts.Entities[0].Id;
        world.Service.Update(new Entity(Account.EntityLogicalName, raced) { [Account.Fields.LastScoredOn] = world.Context.Clock.GetUtcNow().UtcDateTime });
        Assert.Equal(new[] { raced }, Sealed.WriteAsTheWorker(worker, accounts, history, pairs));

        var open = OpenReviews(world).Select(r => r.GetAttributeValue<EntityReference>(Request.Fields.AccountId).Id).ToList();
        Assert.Equal(ids.Length - 1, open.Count);
        Assert.DoesNotContain(raced, open);
        Assert.Contains(world.Dataverse.PluginExecutions, e => Regex.IsMatch(e.Trace, "sent to Finance with the account's sealed picture"));
    }

    private static CreditWorld ABookWhoseReviewsAreDueAgain() => NightlyReviewBook.ReviewsDueAgain();

    /// <summary>The worker's scoring call on the review accounts: every one handed back sealed with its review.</summary>
    private static (IOrganizationService Worker, (EntityCollection Accounts, EntityCollection History, List<Guid> Scored, Dictionary<Guid, Guid> Pairs, string Behaviour) Call) SealedScoringCall(CreditWorld world)
    {
        var worker = world.Context.As(Sealed.AWorker(world));
        return (worker, NightlyReviewBook.SealedScoringCall(worker));
    }

    private static List<Entity> OpenReviews(CreditWorld world) => NightlyReviewBook.OpenReviews(world);

    /// <summary>Every request by content (bookkeeping aside), each with the queues its queue items are in.</summary>
    private static List<string> Requests(CreditWorld world) =>
        [.. world.Service.RetrieveMultiple(new QueryExpression(Request.EntityLogicalName) { ColumnSet = new ColumnSet(true) }).Entities
            .Select(row => string.Join("|", row.Attributes
                .Where(a => !Bookkeeping.Contains(a.Key))
                .OrderBy(a => a.Key, StringComparer.Ordinal)
                .Select(a => a.Key + "=" + Agreement.Normalized(a.Value)))
                + "|queued in " + string.Join(",", ApprovalRequestStore.QueueItemsOf(world.Service, row.Id).Select(item => item.GetAttributeValue<EntityReference>("queueid").Id).Order()))
            .Order(StringComparer.Ordinal)];
}
