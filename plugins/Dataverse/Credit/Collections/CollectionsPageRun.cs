using CreditOS.Dataverse.Credit.Collections.FollowUp;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using EngineRule = CreditOS.CreditEngine.Collections.CollectorAssignmentRule;

namespace CreditOS.Dataverse.Credit.Collections;

/// <summary>
/// The day's collections work for a page of accounts (the set-based nightly batch, <c>cos_RescoreAccountPage</c>),
/// with the same decisions and writes as <see cref="CollectionsDailyRun.Run"/> for one account, but one query per kind
/// of row for the whole page: the accounts with work (<see cref="CollectionsDailyRun.HasWork"/> as a condition), the
/// settings, the assignment rules (once, only when some account needs them), the promises (linked into the accounts' read since
/// session 33) and the open receivables (the
/// settled receivables come from the page's rescoring, so the worklist and the score count the same evidence); then, when monitor conditions or dunning steps are configured, the
/// page's accounts as the follow-up reads them, each kind of fact once, the recorded occurrences and the open invoices.
/// Every read is paged by 5,000 rows, so a page costs <see cref="PageReadCalls"/> to <see cref="MaximumPageReadCalls"/>
/// calls plus one per further 5,000 rows of a kind, whatever the number of accounts, plus one write per row whose
/// values change (collector, promise, account counts, receivable figures) and per action item and drafted letter.
/// </summary>
public static class CollectionsPageRun
{
    /// <summary>
    /// Reads of a page with work and no follow-up configured, the rules not needed: accounts, settings (with the configuration's version
    /// stamp), open receivables, the conditions and steps; the conditions, steps and rules are not read again while the stamp
    /// they were read under is in force (<see cref="CollectionsConfigurationCache"/>, session 29). Session 33: the promises come with
    /// the accounts (an outer link), no read of their own.
    /// </summary>
    public const int PageReadCalls = 1 + CollectionsSettings.Calls + CollectionsRefresh.PageReadCalls + FollowUpConfiguration.Calls;

    /// <summary>
    /// Reads at most (one page of rows each): the above, the accounts read alone and the promises by themselves (when the linked rows
    /// pass one result page), the rules, the follow-up's accounts, four kinds of facts (the tier change in two), occurrences, open invoices.
    /// </summary>
    public const int MaximumPageReadCalls = PageReadCalls + 2 + 1 + 1 + 5 + 1 + DunningRun.MaximumReadCalls;

    /// <param name="organizationId">The organization whose configuration the page may take from <see cref="CollectionsConfigurationCache"/>.</param>
    /// <param name="materiality">The configured material worklist change (the page's rescoring read the configuration).</param>
    /// <param name="settled">Each account's payment behaviour summed from the page's settled-receivables rows as its rescoring
    /// read them (<see cref="CollectionsRefresh.SettledBehaviour"/>: the same receivables the score counts, so the worklist and the
    /// score count the same evidence; in a two-call night handed over sealed, session 28).</param>
    /// <param name="worklistForBulkWrite">Given (the worker asked for them, session 21): the receivables' changed worklist rows are
    /// handed back in it for the worker's bulk write instead of written one call each (<see cref="CollectionsRefresh.RefreshFrom"/>).</param>
    public static int Run(IOrganizationService service, ITracingService tracing, Guid organizationId, IReadOnlyList<Guid> accountIds, DateTime now, CreditOS.CreditEngine.Collections.WorklistMateriality materiality, IReadOnlyDictionary<Guid, CreditOS.CreditEngine.Collections.PaymentBehaviour> settled, ICollection<Entity>? worklistForBulkWrite = null)
    {
        if (accountIds.Count == 0)
        {
            return 0;
        }

        var calls = 0;
        var accounts = ReadAccounts(service, accountIds, now, ref calls, out var linkedPromises);
        if (accounts.Count == 0)
        {
            tracing.Trace("None of the page's {0} accounts has receivables or promises: no collections work today.", accountIds.Count);
            return calls;
        }

        var withWork = accounts.Select(a => a.Id).ToList();
        // Session 29: the configuration's version stamp comes with the settings; the rules, conditions and steps are kept under it.
        var settings = CollectionsSettings.Read(service, out var stamp);
        calls += CollectionsSettings.Calls;
        IReadOnlyList<EngineRule>? rules = null;
        IReadOnlyList<EngineRule> Rules() => rules ??= CollectionsConfigurationCache.CollectorRules(service, tracing, organizationId, stamp, ref calls);

        var promises = linkedPromises is null
            ? PromiseKeeping.ReadPage(service, withWork, now, settings.FiscalYearStartMonth, ref calls)
            : PromiseKeeping.OfTheDay(linkedPromises, now, settings.FiscalYearStartMonth);
        var worklist = CollectionsRefresh.ReadPage(service, withWork, now, settled, ref calls);
        var writes = 0;
        foreach (var account in accounts)
        {
            var collector = CollectorAssigner.Assign(service, tracing, account, now, Rules, out var assigned);
            writes += assigned ? 1 : 0;
            // The next promise date as the promise check left it: a promise broken today no longer defers the call.
            writes += PromiseKeeping.DailyOf(service, tracing, account, PageReads.Of(promises, account.Id), now, settings.FiscalYearStartMonth, out var nextPromise);
            var refreshed = CollectionsRefresh.RefreshFrom(
                service, tracing, account.Id, collector, nextPromise, now, settings.Model, materiality, worklist.Settled.TryGetValue(account.Id, out var paid) ? paid : new CreditOS.CreditEngine.Collections.PaymentBehaviour(), PageReads.Of(worklist.Open, account.Id), forBulkWrite: worklistForBulkWrite);
            // Rows handed back for the worker's bulk write cost no call here.
            writes += worklistForBulkWrite is null ? refreshed : 0;
        }

        // On today's figures: the condition monitor's action items and the dunning letters, as the per-account path does.
        // A receivable the follow-up writes takes its waiting worklist row with it (HandedBackRowsService, session 21).
        service = worklistForBulkWrite is null ? service : new HandedBackRowsService(service, worklistForBulkWrite);
        var followUp = CollectionsConfigurationCache.FollowUp(service, tracing, organizationId, stamp, ref calls);
        if (!followUp.IsEmpty)
        {
            var followUpAccounts = FollowUpAccount.ReadPage(service, withWork, now);
            calls++;
            calls += ConditionMonitorRun.RunPage(service, tracing, followUp.Conditions, followUpAccounts, now);
            calls += DunningRun.RunPage(service, tracing, followUp.Steps, followUpAccounts, now);
        }

        tracing.Trace("Collections of the page: {0} of {1} accounts with work, {2} reads (follow-up included) and {3} collector, promise and worklist writes.", accounts.Count, accountIds.Count, calls, writes);
        return calls + writes;
    }

    /// <summary>
    /// The accounts with work, with their promises the daily check may need linked in (session 33: one read, where the promises
    /// were a read of their own). When the linked rows do not fit one result page (paging a one-to-many join by its accounts'
    /// cookie is not reliable), the accounts are read alone, paged, and <paramref name="linkedPromises"/> is null: the promises
    /// are then read by themselves once the fiscal year is known, as before (one read more than before, on such a page only).
    /// </summary>
    private static List<Entity> ReadAccounts(IOrganizationService service, IReadOnlyList<Guid> accountIds, DateTime now, ref int calls, out Dictionary<Guid, List<Entity>>? linkedPromises)
    {
        var query = CollectionsDailyRun.WithWork(accountIds, new ColumnSet(CollectionsDailyRun.AccountColumns));
        PromiseKeeping.LinkDay(query, now);
        query.PageInfo = new PagingInfo { Count = PageReads.RowsPerPage, PageNumber = 1 };
        var rows = service.RetrieveMultiple(query);
        calls++;
        if (!rows.MoreRecords)
        {
            var accounts = PromiseKeeping.TakeLinkedDay(rows.Entities, out var promises);
            linkedPromises = promises;
            return accounts;
        }

        linkedPromises = null;
        return PageReads.All(service, CollectionsDailyRun.WithWork(accountIds, new ColumnSet(CollectionsDailyRun.AccountColumns)), ref calls);
    }
}
