extern alias plugins;
extern alias workflows;

using CreditOS.LocalDataverse.Pipeline;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Plugins.Tests.NightlyBatch;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Agreement = CreditOS.Plugins.Tests.NightlyBatch.CollectionsSetBasedAgreementTests;
using ApprovalRequestStore = plugins::CreditOS.Dataverse.Approvals.ApprovalRequestStore;
using Request = plugins::CreditOS.Dataverse.Model.CreditApprovalRequest;
using RequestType = plugins::CreditOS.Dataverse.Model.CreditApprovalRequestType;
using RescoreApi = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using Sealed = CreditOS.Plugins.Tests.NightlyBatch.SealedPageRowsTests;

namespace CreditOS.Plugins.Tests.Concurrency;

/// <summary>
/// Session 31 (issue 15, session 30's "Left"): an event rescoring that raises an account's limit review and commits inside the
/// sealed-picture guard's window (after the nightly write's pre-image, before its row lock) while the account's sealed picture carries
/// the same review. The event rescoring writes only columns the picture writes too (its scores are the picture's, its history figures
/// are already the day's), so before session 31 the check under the row lock saw nothing and the guard raised a second open review of
/// the account. Now every claim of the account's lock stamps <c>cos_lockclaim</c>, which a sealed picture never writes: the picture
/// is refused (ChangedMeanwhile), the worker writes the other accounts alone, and the account has the one review the event raised.
/// </summary>
[Collection(nameof(ConcurrencyCollection))]
public sealed class SealedLimitReviewRaceTests
{
    private static readonly Type[] Plugins =
    [
        .. Sealed.Guards,
        typeof(workflows::CreditOS.Workflows.Plugins.CreditApprovalRequestGuard),
        typeof(workflows::CreditOS.Workflows.Plugins.ApprovalQueueItemGuardPlugin),
    ];

    [Fact]
    public void AnEventRescoringRaisingTheReviewInsideTheGuardsWindow_RefusesThePicture_SoTheAccountHasOneOpenReview()
    {
        using var world = PageLimitReviewTests.Book(Plugins);
        var ids = PageLimitReviewTests.Ids;

        // Night 1 (one call): the first pictures set the running figures and raise the five reviews.
        world.Service.Execute(Agreement.PageRequest(ids));
        Assert.Equal(ids.Length, OpenReviews(world).Count);

        // Three days later an event rescores the first account (its review still open: nothing raised), which keeps the day's history
        // figures on it; then Finance's process cancels the five reviews, so tonight each is due again.
        world.Context.Clock.Advance(TimeSpan.FromDays(3));
        var target = ids[0];
        RescoreAsAnEvent(world, target);
        foreach (var review in OpenReviews(world))
        {
            ApprovalRequestStore.Cancel(world.Service, review, "Cancelled to raise it again (test).", world.Context.Clock.GetUtcNow().UtcDateTime);
        }

        var worker = world.Context.As(Sealed.AWorker(world));
        var (scored, history, _, pairs, _) = Sealed.ScoringCall(worker, ids);
        Assert.Equal(ids.Length, scored.Entities.Count);

        // The raced account first in the worker's request, so no review of this night is in the write's transaction yet.
        var accounts = new EntityCollection([.. scored.Entities.OrderBy(row => row.Id == target ? 0 : 1)]) { EntityName = Account.EntityLogicalName };
        Assert.Empty(OpenReviews(world));

        // When the worker's UpdateMultiple reaches the account (the guard has checked its basis, the update has no row lock yet), an
        // event rescoring of the same account runs on another thread and commits: it finds no open review and raises one.
        world.Dataverse.RegisterStep(new PluginStepRegistration(
            typeof(PayWhileTheSealedWriteIsInItsGuardPlugin), new Guid("0d000000-0000-4000-8000-0000000000b2"), plugins::CreditOS.Dataverse.Framework.Messages.Update,
            Account.EntityLogicalName, PipelineStageNumber.PreOperation, false, 99, [], null, null, []));
        PayWhileTheSealedWriteIsInItsGuardPlugin.Arm(target, () => RescoreAsAnEvent(world, target));

        var raced = Sealed.WriteAsTheWorker(worker, accounts, history, pairs);

        Assert.True(PayWhileTheSealedWriteIsInItsGuardPlugin.PaidInsideTheWindow, "the event rescoring did not commit inside the guard's window");
        var byAccount = OpenReviews(world).GroupBy(r => r.GetAttributeValue<EntityReference>(Request.Fields.AccountId).Id).ToDictionary(g => g.Key, g => g.Count());

        // One open review per account: the event's for the raced account, the guard's for the four others.
        Assert.True(byAccount.GetValueOrDefault(target) == 1, "open reviews of the raced account: " + byAccount.GetValueOrDefault(target));
        Assert.All(ids, id => Assert.Equal(1, byAccount.GetValueOrDefault(id)));
        Assert.Equal([target], raced);

        // Scored again the next night, the account's review is found with Finance: no second one.
        world.Context.Clock.Advance(TimeSpan.FromDays(1));
        var (again, againHistory, _, againPairs, _) = Sealed.ScoringCall(worker, [target]);
        Sealed.WriteAsTheWorker(worker, again, againHistory, againPairs);
        Assert.Single(OpenReviews(world), r => r.GetAttributeValue<EntityReference>(Request.Fields.AccountId).Id == target);
    }

    /// <summary>cos_RescoreAccount for one account, as the event paths call it (a Custom API: in a transaction, the account's lock claimed first).</summary>
    private static object RescoreAsAnEvent(CreditWorld world, Guid account) =>
        world.Dataverse.GetOrganizationService().Execute(new OrganizationRequest(RescoreApi.UniqueName) { ["Target"] = new EntityReference(Account.EntityLogicalName, account) });

    /// <summary>The open limit reviews (active).</summary>
    private static List<Entity> OpenReviews(CreditWorld world)
    {
        var query = new QueryExpression(Request.EntityLogicalName) { ColumnSet = new ColumnSet(Request.Fields.AccountId) };
        query.Criteria.AddCondition(Request.Fields.RequestType, ConditionOperator.Equal, (int)RequestType.LimitReview);
        query.Criteria.AddCondition(Request.Fields.StateCode, ConditionOperator.Equal, 0);
        return [.. world.Service.RetrieveMultiple(query).Entities];
    }
}
