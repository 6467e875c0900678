extern alias plugins;
extern alias workflows;

using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using Agreement = CreditOS.Plugins.Tests.NightlyBatch.CollectionsSetBasedAgreementTests;
using ApprovalRequestStore = plugins::CreditOS.Dataverse.Approvals.ApprovalRequestStore;
using Request = plugins::CreditOS.Dataverse.Model.CreditApprovalRequest;
using RequestType = plugins::CreditOS.Dataverse.Model.CreditApprovalRequestType;
using Sealed = CreditOS.Plugins.Tests.NightlyBatch.SealedPageRowsTests;

namespace CreditOS.Plugins.Tests.NightlyBatch;

/// <summary>
/// The five-customer book of <see cref="PageLimitReviewTests"/> on a night whose limit reviews are due again, with the sealed-picture
/// guards and Finance's guards on requests and their queue items registered (shared by <see cref="SealedLimitReviewTests"/> and
/// <see cref="StampedPageReadsTests"/>, session 33).
/// </summary>
internal static class NightlyReviewBook
{
    /// <summary>The sealed-picture guards, and Finance's guards on requests and their queue items (the credit flow alone creates them).</summary>
    public static readonly Type[] Guards =
    [
        .. Sealed.Guards,
        typeof(workflows::CreditOS.Workflows.Plugins.CreditApprovalRequestGuard),
        typeof(workflows::CreditOS.Workflows.Plugins.ApprovalQueueItemGuardPlugin),
    ];

    /// <summary>
    /// Night 1, one call: the first pictures set the running figures (never sealed) and raise the five reviews. Finance's
    /// process cancels them; three days later each account's review is due again, on a night whose pictures may be sealed.
    /// </summary>
    /// <param name="morePlugins">Registered beside <see cref="Guards"/>.</param>
    public static CreditWorld ReviewsDueAgain(params Type[] morePlugins)
    {
        var world = PageLimitReviewTests.Book([.. Guards, .. morePlugins]);
        try
        {
            world.Service.Execute(Agreement.PageRequest(PageLimitReviewTests.Ids));
            var first = OpenReviews(world);
            Assert.Equal(PageLimitReviewTests.Ids.Length, first.Count);
            foreach (var review in first)
            {
                ApprovalRequestStore.Cancel(world.Service, review, "Cancelled to raise it again (test).", world.Context.Clock.GetUtcNow().UtcDateTime);
            }

            world.Context.Clock.Advance(TimeSpan.FromDays(3));
            world.ForgetExecutions();
            return world;
        }
        catch
        {
            world.Dispose();
            throw;
        }
    }

    /// <summary>The open limit reviews (active, in an open approval status).</summary>
    public static List<Entity> OpenReviews(CreditWorld world)
    {
        var query = new QueryExpression(Request.EntityLogicalName) { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition(Request.Fields.RequestType, ConditionOperator.Equal, (int)RequestType.LimitReview);
        query.Criteria.AddCondition(Request.Fields.StateCode, ConditionOperator.Equal, 0);
        query.Criteria.AddCondition(Request.Fields.ApprovalStatus, ConditionOperator.In, plugins::CreditOS.Dataverse.Approvals.ApprovalStatuses.OpenValues);
        return [.. world.Service.RetrieveMultiple(query).Entities];
    }

    /// <summary>The worker's scoring call on the five review accounts: every one handed back sealed with its review.</summary>
    public static (EntityCollection Accounts, EntityCollection History, List<Guid> Scored, Dictionary<Guid, Guid> Pairs, string Behaviour) SealedScoringCall(IOrganizationService worker)
    {
        var call = Sealed.ScoringCall(worker, PageLimitReviewTests.Ids);
        Assert.Equal(PageLimitReviewTests.Ids.Length, call.Accounts.Entities.Count);
        return call;
    }
}
