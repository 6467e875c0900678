using System.ServiceModel;
using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Credit.Accounts;
using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Credit.OrderCheck;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Rescoring;

/// <summary>
/// Rescores a page of accounts set-based, with the same mapping and engine call as one account
/// (<see cref="AccountRescoring.Evaluate"/>, <see cref="AccountRescoring.Commit"/>):
/// <list type="number">
/// <item>Without a lock: the page's accounts with their row versions, (session 32) their open limit reviews and (session 33) the promises the rescoring counts (1 query), the configuration's version stamp (1) and the
/// configuration (<see cref="CreditConfigurationReader.Calls"/>, none while it is kept under that stamp) and the page's history, aggregated and grouped by customer
/// (<see cref="HistoryAggregates.ReadPage"/>); each account assessed. An account whose picture is unchanged (nothing to
/// write, no history row, no hold to lift, no review) and that has no order on hold costs nothing more.</item>
/// <item>The others are written as the per-account path writes them outside a transaction: the account's changed
/// columns with its last-scored time, on condition that its row version is still the one read
/// (<c>IfRowVersionMatches</c>), then its history row, cured holds released. Every writer of an account's credit
/// figures (payment posting, order check, receivable, order and bureau events, the rescorings) writes the account row,
/// so an unchanged row version means nothing the picture was computed from has changed since it was read; and the
/// write takes the row lock, held to the commit, so nothing can change it before this transaction commits.</item>
/// </list>
/// When another writer came first the write fails with ConcurrencyVersionMismatch; a failed call dooms the page's
/// transaction (Dataverse: "There is no active transaction" for any call after it), so the page is refused whole
/// (<see cref="ChangedMeanwhile"/> as the SubErrorCode) and the caller sends it again, which reads the other writer's
/// figures. Session 17: this replaced claiming each account's lock with a write of its last-scored time and reading the
/// written accounts and their history again under the locks (one call per written account and 1 + 6 queries a page):
/// the same guarantee for every credit writer, paid for only when a race happens. The writes and history rows are one
/// call per row (<see cref="CallsPerWrittenAccount"/>): Microsoft does not support CreateMultiple and UpdateMultiple
/// inside a plug-in, and a Custom API's main operation is one; the reads are a fixed number per page. An account that
/// cannot be scored (no currency, invalid input) is reported and the rest of the page goes on; an aggregate over more
/// than 50,000 rows refuses the page (IsvAborted, with 0x8004E023 as the SubErrorCode and "AggregateQueryRecordLimit"
/// in the message) so the caller can send fewer accounts.
/// </summary>
public static class AccountPageRescoring
{
    /// <summary>The most accounts one call takes (one <c>in</c> condition each query; the 2-minute limit).</summary>
    public const int MaximumAccounts = 1000;

    /// <summary>
    /// Calls for a page where no account changed: accounts (with their open limit reviews, session 32, and the promises the rescoring
    /// counts, session 33), the configuration's version stamp, the configuration, history (one result page each).
    /// </summary>
    public const int UnchangedPageCalls = 1 + ConfigurationVersion.ReadCalls + CreditConfigurationReader.Calls + HistoryAggregates.PageCalls;

    /// <summary>
    /// Session 29: <see cref="UnchangedPageCalls"/> when the configuration is kept under the version stamp in force
    /// (<see cref="CreditConfigurationCache"/>): the stamp is read, the configuration not.
    /// </summary>
    public const int UnchangedPageCallsWithConfigurationKept = UnchangedPageCalls - CreditConfigurationReader.Calls;

    /// <summary>
    /// Calls per account written, besides the rare per-account work (a limit review raised, held orders released, a
    /// scoring failure's alerts resolved): its conditional write, and one more for its history row when its picture
    /// changed. One row per call because Dataverse does not support the bulk messages (CreateMultiple, UpdateMultiple)
    /// inside a plug-in ("Use bulk operation messages": not supported for use in plug-ins; "Don't use batch request
    /// types in plug-ins and workflow activities"); the guards that fire for these SYSTEM rows cost no call.
    /// </summary>
    public const int CallsPerWrittenAccount = 1;

    /// <summary>
    /// The SubErrorCode a page is refused with when one of its accounts was changed by another writer between the page's
    /// read and its write (Dataverse's ConcurrencyVersionMismatch, 0x80060882): nothing of the page was written, and
    /// sending it again reads the other writer's figures.
    /// </summary>
    public const int ChangedMeanwhile = unchecked((int)0x80060882);

    /// <param name="organizationId">The organization whose configuration the page may take from <see cref="CreditConfigurationCache"/>.</param>
    /// <param name="sealing">Session 25: collects the accounts whose write is only their columns and history row, sealed for the
    /// integration worker's bulk write, instead of writing them here (null: every account is written here).</param>
    /// <summary>
    /// The page's one read of environment variables: the configuration's version stamp and (session 31) the approval settings a limit
    /// review needs. Session 32: read by the page's call before anything kept under the stamp (the configuration, the routes, the seal key).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ReadStampAndSettings(IOrganizationService service) =>
        EnvironmentVariableReader.Read(service, [ConfigurationVersion.Variable, .. ApprovalSettings.VariableNames]);

    /// <param name="variables">What <see cref="ReadStampAndSettings"/> read in this transaction.</param>
    public static PageRescoreResult Rescore(IOrganizationService service, ITracingService tracing, Guid organizationId, IReadOnlyList<Guid> accountIds, ScoreTrigger trigger, string triggerDetail, DateTime now, IReadOnlyDictionary<string, string> variables, Sealing.SealedPageRows? sealing = null)
    {
        var ids = accountIds.Distinct().ToList();
        if (ids.Count > MaximumAccounts)
        {
            throw new InvalidPluginExecutionException(
                "A page of " + ids.Count + " accounts is more than the " + MaximumAccounts + " one rescoring call takes; send smaller pages.");
        }

        var failures = new List<string>();
        // Session 29: the configuration once per version stamp and process (as the payment posting takes it), not once a page.
        // Session 31: the approval settings a limit review needs come in the stamp's query (the same table), not in one of their own.
        var configured = CreditConfigurationCache.Read(service, tracing, organizationId, ConfigurationVersion.StampOf(variables), out var configurationRead);
        tracing.Trace("Credit configuration {0}.", configurationRead ? "read" : "kept under its version stamp");
        var settledRows = new Dictionary<Guid, List<Entity>>();
        // A limit review already with Finance is not raised again (the router would only read the account, the
        // approval settings and find it open, writing nothing): the page's accounts query tells which reviews are pending
        // (session 32: an outer link to the open limit reviews; before, a query of its own for the accounts with a review due),
        // so an account whose only news is that review costs nothing more, and one written for other news does not
        // route its review again.
        var evaluations = EvaluatePage(service, tracing, ids, configured, now, failures, settledRows, out var pendingReviews);
        var evaluated = evaluations.Count;
        var candidates = evaluations
            .Where(e => (e.NeedsWriteBesidesReview || (e.Review is not null && !pendingReviews.Contains(e.Account.Id)) || e.Reading.HeldOrderCount > 0))
            .Select(e => e.Account.Id)
            .ToList();
        foreach (var evaluation in evaluations.Where(e => candidates.Contains(e.Account.Id)))
        {
            tracing.Trace(
                "Account {0} to write: {1} column(s) ({2}), history {3}, lift hold {4}, review {5}, held orders {6}, value {7}->{8}, risk {9}->{10}.",
                evaluation.Account.Id,
                evaluation.Changes.Attributes.Count,
                string.Join(", ", evaluation.Changes.Attributes.Keys),
                evaluation.Picture.ScoreChanged,
                evaluation.LiftHold,
                evaluation.Review is not null,
                evaluation.Reading.HeldOrderCount,
                evaluation.Account.Row.GetAttributeValue<decimal?>(Account.Fields.ValueScore),
                evaluation.Picture.Value,
                evaluation.Account.Row.GetAttributeValue<decimal?>(Account.Fields.RiskScore),
                evaluation.Picture.Risk);
        }

        tracing.Trace("Page of {0} accounts: {1} assessed, {2} to write if unchanged since read, {3} not scored.", ids.Count, evaluated, candidates.Count, failures.Count);
        var reviews = new PageLimitReviews(service, variables, organizationId);
        var written = 0;
        var changed = 0;
        var released = 0;
        foreach (var evaluation in evaluations.Where(e => candidates.Contains(e.Account.Id)))
        {
            if (sealing is not null && Sealing.SealedPageRows.MayHandBack(evaluation))
            {
                // Session 25: handed back sealed; the worker writes it (history row first) and the guard checks its basis.
                // Session 30: a limit review to raise travels sealed inside the picture; the guard opens it when the account takes it.
                var review = evaluation.Review is { } due && !pendingReviews.Contains(evaluation.Account.Id)
                    ? reviews.Request(evaluation.Account, evaluation.Changes, due, now)
                    : null;
                if (review is not null)
                {
                    tracing.Trace("Limit review for account {0}: {1} (sealed with the account's picture).", evaluation.Account.Id, evaluation.Review!.Reason);
                }

                sealing.Add(evaluation, trigger, triggerDetail, now, review);
                written++;
                changed += evaluation.Picture.ScoreChanged ? 1 : 0;
                continue;
            }

            RescoreResult result;
            try
            {
                // Written only if the row version is still the one read with the figures: see the class summary.
                result = AccountRescoring.Commit(service, tracing, evaluation, trigger, triggerDetail, now, writeIfUnchangedSinceRead: true, reviewAlreadyWithFinance: pendingReviews.Contains(evaluation.Account.Id), pageReviews: reviews);
            }
            catch (FaultException<OrganizationServiceFault> fault) when (fault.Detail?.ErrorCode == ChangedMeanwhile)
            {
                // The transaction is lost with the failed call: refuse the page, the caller sends it again.
                throw new InvalidPluginExecutionException(
                    OperationStatus.Retry,
                    ChangedMeanwhile,
                    "The account " + evaluation.Account.Name + " (" + evaluation.Account.Id + ") changed after this page of " + ids.Count
                    + " accounts read it (a payment, an order or another credit writer came first), so nothing of the page was written; send the page again.");
            }

            written++;
            changed += result.Changed ? 1 : 0;
            if (evaluation.Reading.HeldOrderCount > 0)
            {
                released += HoldRelease.ReleaseCuredHolds(service, tracing, result, evaluation.Account.Id, "a rescoring (" + triggerDetail + ")", now).Count;
            }
        }

        return new PageRescoreResult(evaluated, written, changed, released, failures) { WorklistMateriality = configured.Configuration.WorklistMateriality, SettledRows = settledRows };
    }

    /// <summary>Reads the accounts and their history as a page and assesses each; an account that cannot be scored is named in <paramref name="failures"/>.</summary>
    /// <param name="pendingReviews">The page's accounts with a limit review open with Finance, read with the accounts.</param>
    private static List<RescoreEvaluation> EvaluatePage(IOrganizationService service, ITracingService tracing, IReadOnlyList<Guid> ids, ConfiguredCredit configured, DateTime now, List<string> failures, Dictionary<Guid, List<Entity>> settledRows, out HashSet<Guid> pendingReviews)
    {
        // Session 33: the promises the rescoring counts come with the accounts as well (an outer link), not in an aggregate query
        // of their own. Linked rows that pass one result page (paging a one-to-many join by its accounts' cookie is not reliable)
        // are read again without the promises, which the history read then counts itself (one read more than before, on such a
        // page only).
        var query = AccountCreditRecord.PageQuery(ids, AccountRescoring.ScoringColumns);
        var openReview = ApprovalRequestStore.LinkOpen(query, CreditApprovalRequestType.LimitReview);
        HistoryAggregates.LinkPromises(query, now);
        var rows = service.RetrieveMultiple(query);
        Dictionary<Guid, CreditOS.CreditEngine.History.PromiseCounts>? promises = null;
        if (rows.MoreRecords)
        {
            tracing.Trace("Promises: the accounts with their promises passed one result page ({0} rows); read again without them, the promises counted by themselves.", rows.Entities.Count);
            query = AccountCreditRecord.PageQuery(ids, AccountRescoring.ScoringColumns);
            openReview = ApprovalRequestStore.LinkOpen(query, CreditApprovalRequestType.LimitReview);
            rows = service.RetrieveMultiple(query);
        }
        else
        {
            promises = HistoryAggregates.TakeLinkedPromises(rows.Entities);
            tracing.Trace(
                "Promises read with the accounts ({0} rows): {1} kept, {2} broken, {3} open.",
                rows.Entities.Count, promises.Values.Sum(p => p.Kept), promises.Values.Sum(p => p.Broken), promises.Values.Sum(p => p.Open));
        }

        var accounts = AccountCreditRecord.PageOf(rows, ids.Count, openReview, out pendingReviews);
        var contexts = new Dictionary<Guid, HistoryContext>();
        foreach (var id in ids)
        {
            if (!accounts.TryGetValue(id, out var account))
            {
                failures.Add(id + ": the account does not exist");
                continue;
            }

            try
            {
                contexts[id] = AccountRescoring.ContextOf(account, now);
            }
            catch (InvalidPluginExecutionException refusal)
            {
                failures.Add(id + ": " + refusal.Message);
            }
        }

        IReadOnlyDictionary<Guid, HistoryReading> readings;
        try
        {
            readings = HistoryAggregates.ReadPage(service, contexts, now, settledRows, promises);
        }
        catch (FaultException<OrganizationServiceFault> fault) when (HistoryAggregates.IsAggregateLimit(fault))
        {
            // The transaction is lost with the fault; the caller splits the page and sends it again.
            throw new InvalidPluginExecutionException(
                OperationStatus.Failed,
                HistoryAggregates.AggregateQueryRecordLimit,
                "The page of " + ids.Count + " accounts has more than 50,000 rows behind one of its history aggregates (AggregateQueryRecordLimit); send fewer accounts per page.");
        }

        var evaluations = new List<RescoreEvaluation>();
        foreach (var pair in contexts)
        {
            try
            {
                evaluations.Add(AccountRescoring.Evaluate(accounts[pair.Key], configured, readings[pair.Key], now));
            }
            catch (InvalidPluginExecutionException refusal)
            {
                failures.Add(pair.Key + ": " + refusal.Message);
            }
        }

        return evaluations;
    }
}

/// <summary>
/// What a page rescoring did: accounts assessed, written (claimed, re-read and committed), with a new score-history
/// row (their picture changed), held orders released, and the accounts that could not be scored with the reason.
/// </summary>
public sealed class PageRescoreResult(int assessed, int written, int changed, int released, IReadOnlyList<string> failures)
{
    /// <summary>
    /// The collections call of a two-call night (session 25): nothing scored; the worklist materiality the page's collections work
    /// uses. Its settled receivables' payment behaviour comes from the scoring call, sealed (session 28, <c>PageSettledBehaviour</c>),
    /// or is read as the scoring reads it (<c>HistoryAggregates.ReadLedger</c>), so the worklist's payment behaviour is summed from
    /// the same rows as in one call.
    /// </summary>
    public static PageRescoreResult CollectionsOnly(CreditOS.CreditEngine.Collections.WorklistMateriality materiality) =>
        new(0, 0, 0, 0, []) { WorklistMateriality = materiality };

    public int Assessed { get; } = assessed;

    public int Written { get; } = written;

    public int Changed { get; } = changed;

    public int Released { get; } = released;

    public IReadOnlyList<string> Failures { get; } = failures;

    /// <summary>The material worklist change of the configuration the page was scored with (the page's collections work uses it).</summary>
    public CreditOS.CreditEngine.Collections.WorklistMateriality WorklistMateriality { get; init; } = CreditOS.CreditEngine.Collections.WorklistMateriality.Default;

    /// <summary>
    /// The page's settled-receivables aggregate rows by account, as the scoring read them: the page's collections work sums
    /// each customer's payment behaviour from them rather than reading the same receivables again (session 17).
    /// </summary>
    public IReadOnlyDictionary<Guid, List<Entity>> SettledRows { get; init; } = new Dictionary<Guid, List<Entity>>();

    /// <summary>
    /// The accounts that could not be scored (each failure starts with the account id): the per-account path's
    /// transaction rolls back for them, so the page's collections work leaves them out too.
    /// </summary>
    public IReadOnlyCollection<Guid> FailedAccountIds =>
        [.. Failures.Select(f => Guid.TryParse(f.Split(':')[0], out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty)];
}
