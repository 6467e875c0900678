using CreditOS.CreditEngine.Collections.Monitoring;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using EngineCondition = CreditOS.CreditEngine.Collections.Monitoring.MonitorCondition;
using EngineKind = CreditOS.CreditEngine.Collections.Monitoring.MonitorConditionKind;
using TaskTable = CreditOS.Dataverse.Model.Task;

namespace CreditOS.Dataverse.Credit.Collections.FollowUp;

/// <summary>
/// The condition monitor for one account (the engine's <see cref="ConditionMonitor"/> decides): maps the configured
/// conditions and the account's facts to it, creates a task per new occurrence for the account's collector (its owner
/// when it has none), regarding the account, due per the condition, the figures in the description and the occurrence
/// key on the task; marks account-state occurrences that stopped holding. Reads: the conditions (1; nothing more when
/// none is configured), then only the facts the configured kinds need (overdue invoices, broken promises, the latest two
/// score-history rows, bureau deteriorations: at most 4) and the recorded occurrences (1). Writes: a task per new
/// occurrence and an update per ended one. Events older than <see cref="EventWindowDays"/> days are not looked at, so
/// configuring a condition does not raise tasks for the account's whole past, and a batch that missed a few days still
/// catches them.
/// </summary>
public static class ConditionMonitorRun
{
    /// <summary>How far back events (broken promises, tier changes, bureau deteriorations) are looked for.</summary>
    public const int EventWindowDays = 7;

    /// <summary>Reads at most: conditions, four kinds of facts, recorded occurrences (the account is read by the caller).</summary>
    public const int MaximumReadCalls = 1 + 4 + 1;

    private const string TierAlias = "tier";

    /// <summary>The active conditions (one query); the follow-up skips the account read when neither these nor dunning steps exist.</summary>
    public static IReadOnlyList<EngineCondition> ReadConditions(IOrganizationService service)
    {
        var query = new QueryExpression(Model.MonitorCondition.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(Model.MonitorCondition.Fields.Name, Model.MonitorCondition.Fields.Kind, Model.MonitorCondition.Fields.Threshold, Model.MonitorCondition.Fields.DueInDays),
        };
        query.Criteria.AddCondition(Model.MonitorCondition.Fields.StateCode, ConditionOperator.Equal, 0);
        return [.. service.RetrieveMultiple(query).Entities.Select(row => new EngineCondition(
            row.Id,
            row.GetAttributeValue<string>(Model.MonitorCondition.Fields.Name) ?? row.Id.ToString(),
            KindOf(row),
            row.GetAttributeValue<decimal?>(Model.MonitorCondition.Fields.Threshold) ?? 0m,
            row.GetAttributeValue<int?>(Model.MonitorCondition.Fields.DueInDays) ?? 0))];
    }

    /// <summary>Evaluates the conditions for the account and writes what is new; returns the organization-service calls made.</summary>
    public static int Run(IOrganizationService service, ITracingService tracing, IReadOnlyList<EngineCondition> conditions, FollowUpAccount account, DateTime now)
    {
        if (conditions.Count == 0)
        {
            return 0;
        }

        var calls = 0;
        var rows = FactRows.Read(service, conditions, [account.Id], now, onePerAccount: true, ref calls);
        var facts = FactsOf(conditions, account, rows);
        var recorded = ReadOccurrences(service, [account.Id], ConditionMonitor.EventKeys(conditions, facts, now));
        calls++;
        return calls + Apply(service, tracing, conditions, account, facts, PageReads.Of(recorded, account.Id), now);
    }

    /// <summary>
    /// The condition monitor for a page of accounts (the set-based nightly batch): each kind of fact the conditions need
    /// read once for the page (an <c>in</c> condition on the account; the tier changes in two queries: the recent
    /// score-history rows, then the latest earlier one of accounts with a single recent row), the recorded occurrences
    /// in one query, then each account evaluated and written exactly as <see cref="Run"/> does. Returns the calls made.
    /// </summary>
    public static int RunPage(IOrganizationService service, ITracingService tracing, IReadOnlyList<EngineCondition> conditions, IReadOnlyList<FollowUpAccount> accounts, DateTime now)
    {
        if (conditions.Count == 0 || accounts.Count == 0)
        {
            return 0;
        }

        var calls = 0;
        var rows = FactRows.Read(service, conditions, [.. accounts.Select(a => a.Id)], now, onePerAccount: false, ref calls);
        var facts = accounts.ToDictionary(a => a.Id, a => FactsOf(conditions, a, rows));
        var recorded = ReadOccurrences(service, [.. accounts.Select(a => a.Id)], [.. facts.Values.SelectMany(f => ConditionMonitor.EventKeys(conditions, f, now)).Distinct(StringComparer.Ordinal)]);
        calls++;
        foreach (var account in accounts)
        {
            calls += Apply(service, tracing, conditions, account, facts[account.Id], PageReads.Of(recorded, account.Id), now);
        }

        return calls;
    }

    /// <summary>The engine's decision for one account and its writes: a task per new occurrence, an update per ended one.</summary>
    private static int Apply(IOrganizationService service, ITracingService tracing, IReadOnlyList<EngineCondition> conditions, FollowUpAccount account, MonitorFacts facts, IReadOnlyList<Entity> recordedRows, DateTime now)
    {
        var recorded = RecordedOf(recordedRows);
        return Write(service, tracing, ConditionMonitor.Evaluate(conditions, facts, recorded.Select(r => new MonitorOccurrence(r.Key, r.Value.Ended)), now), recorded, account.Reference, account.Worker, account.Name, now);
    }

    /// <summary>
    /// Writes what an evaluation decided: a task per new occurrence (owned by <paramref name="worker"/> when there is one,
    /// regarding the account, due and described as the engine said, the key on it) and the end of each account-state
    /// occurrence that stopped holding. Returns the calls made (one per write). Shared with the event-time monitor
    /// (<see cref="EventConditionMonitor"/>), so a task looks the same whoever raised it.
    /// </summary>
    internal static int Write(IOrganizationService service, ITracingService tracing, MonitorOutcome outcome, IReadOnlyDictionary<string, RecordedOccurrence> recorded, EntityReference account, EntityReference? worker, string accountName, DateTime now)
    {
        var calls = 0;
        foreach (var item in outcome.ActionItems)
        {
            var task = new Entity(TaskTable.EntityLogicalName)
            {
                [TaskTable.Fields.Subject] = item.Subject,
                [TaskTable.Fields.Description] = item.Description,
                [TaskTable.Fields.RegardingObjectId] = account,
                [TaskTable.Fields.ScheduledEnd] = item.Due,
                [TaskTable.Fields.OccurrenceKey] = item.OccurrenceKey,
            };
            if (worker is not null)
            {
                task[TaskTable.Fields.OwnerId] = worker;
            }

            service.Create(task);
            calls++;
            tracing.Trace("Condition monitor: {0} (due {1:yyyy-MM-dd}) for {2}.", item.Subject, item.Due, accountName);
        }

        foreach (var key in outcome.EndedOccurrences)
        {
            service.Update(new Entity(TaskTable.EntityLogicalName, recorded[key].TaskId) { [TaskTable.Fields.OccurrenceEndedOn] = now });
            calls++;
        }

        return calls;
    }

    /// <summary>The facts the account row itself gives (scores, limit, exposure, overdue), before any fact row is read.</summary>
    internal static MonitorFacts AccountFactsOf(FollowUpAccount account) => new()
    {
        AccountId = account.Id,
        AccountName = account.Name,
        Currency = account.Currency,
        RiskScore = account.RiskScore,
        Limit = account.Limit,
        Exposure = account.Exposure,
        Overdue = account.Overdue,
    };

    private static MonitorFacts FactsOf(IReadOnlyList<EngineCondition> conditions, FollowUpAccount account, FactRows rows)
    {
        bool Needs(EngineKind kind) => conditions.Any(c => c.Kind == kind);
        var facts = AccountFactsOf(account);
        if (Needs(EngineKind.OverdueDaysAbove))
        {
            facts = facts with
            {
                OverdueInvoices = [.. PageReads.Of(rows.Overdue, account.Id).Select(r => new OverdueInvoiceFact(
                    r.Id, r.GetAttributeValue<string>(Receivable.Fields.InvoiceNumber) ?? r.Id.ToString(), r.GetAttributeValue<DateTime>(Receivable.Fields.DueDate), r.MoneyOrZero(Receivable.Fields.OpenAmount)))],
            };
        }

        if (Needs(EngineKind.BrokenPromise))
        {
            facts = facts with
            {
                BrokenPromises = [.. PageReads.Of(rows.BrokenPromises, account.Id).Select(r => new BrokenPromiseFact(
                    r.Id, r.GetAttributeValue<string>(PromiseToPay.Fields.Name) ?? r.Id.ToString(), r.MoneyOrZero(PromiseToPay.Fields.Amount),
                    r.GetAttributeValue<DateTime>(PromiseToPay.Fields.PromisedFor), r.MoneyOrZero(PromiseToPay.Fields.KeptAmount)))],
            };
        }

        if (Needs(EngineKind.TierDowngrade))
        {
            facts = facts with { LatestTierChange = rows.TierChanges.TryGetValue(account.Id, out var change) ? change : null };
        }

        if (Needs(EngineKind.BureauDeterioration))
        {
            facts = facts with
            {
                BureauDeteriorations = [.. PageReads.Of(rows.BureauDeteriorations, account.Id).Select(r => new BureauDeteriorationFact(
                    r.Id, CriterionText(r.ChoiceOrNull(BureauChange.Fields.Criterion)), r.GetAttributeValue<string>(BureauChange.Fields.PreviousValue),
                    r.GetAttributeValue<string>(BureauChange.Fields.NewValue), r.GetAttributeValue<DateTime>(BureauChange.Fields.ChangedOn)))],
            };
        }

        return facts;
    }

    /// <summary>The recorded occurrences by key: the task and whether the occurrence has ended.</summary>
    private static Dictionary<string, RecordedOccurrence> RecordedOf(IReadOnlyList<Entity> rows)
    {
        var recorded = new Dictionary<string, RecordedOccurrence>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var key = row.GetAttributeValue<string>(TaskTable.Fields.OccurrenceKey);
            if (key is not null)
            {
                recorded[key] = new RecordedOccurrence(row.Id, row.GetAttributeValue<DateTime?>(TaskTable.Fields.OccurrenceEndedOn) is not null);
            }
        }

        return recorded;
    }

    /// <summary>One account's monitor tasks that are still open occurrences or carry one of the event keys (the event-time monitor's read; one call).</summary>
    internal static Dictionary<string, RecordedOccurrence> ReadOccurrences(IOrganizationService service, Guid accountId, IReadOnlyList<string> eventKeys) =>
        RecordedOf(PageReads.Of(ReadOccurrences(service, [accountId], eventKeys), accountId));

    /// <summary>The monitor tasks of the accounts that are still open occurrences or carry one of the event keys the facts show, by account.</summary>
    private static Dictionary<Guid, List<Entity>> ReadOccurrences(IOrganizationService service, IReadOnlyList<Guid> accountIds, IReadOnlyList<string> eventKeys)
    {
        var query = new QueryExpression(TaskTable.EntityLogicalName) { ColumnSet = new ColumnSet(TaskTable.Fields.OccurrenceKey, TaskTable.Fields.OccurrenceEndedOn, TaskTable.Fields.RegardingObjectId) };
        if (accountIds.Count == 1)
        {
            query.Criteria.AddCondition(TaskTable.Fields.RegardingObjectId, ConditionOperator.Equal, accountIds[0]);
        }
        else
        {
            query.Criteria.AddCondition(TaskTable.Fields.RegardingObjectId, ConditionOperator.In, PageReads.Ids(accountIds));
        }

        var which = new FilterExpression(LogicalOperator.Or);
        var openState = new FilterExpression(LogicalOperator.And);
        openState.AddCondition(TaskTable.Fields.OccurrenceKey, ConditionOperator.BeginsWith, ConditionMonitor.KeyPrefix);
        openState.AddCondition(TaskTable.Fields.OccurrenceEndedOn, ConditionOperator.Null);
        which.AddFilter(openState);
        if (eventKeys.Count > 0)
        {
            which.AddCondition(TaskTable.Fields.OccurrenceKey, ConditionOperator.In, [.. eventKeys]);
        }

        query.Criteria.AddFilter(which);
        // One page is one call: the per-account path has never paged here (an account's open occurrences are few).
        var ignored = 0;
        return PageReads.ByAccount(PageReads.All(service, query, ref ignored), TaskTable.Fields.RegardingObjectId);
    }

    /// <summary>The facts' rows for one account or a page, one query per kind the conditions need, grouped by account.</summary>
    private sealed class FactRows
    {
        public Dictionary<Guid, List<Entity>> Overdue { get; private init; } = [];

        public Dictionary<Guid, List<Entity>> BrokenPromises { get; private init; } = [];

        public Dictionary<Guid, TierChangeFact> TierChanges { get; private init; } = [];

        public Dictionary<Guid, List<Entity>> BureauDeteriorations { get; private init; } = [];

        public static FactRows Read(IOrganizationService service, IReadOnlyList<EngineCondition> conditions, IReadOnlyList<Guid> accountIds, DateTime now, bool onePerAccount, ref int calls)
        {
            bool Needs(EngineKind kind) => conditions.Any(c => c.Kind == kind);
            var since = now.Date.AddDays(-EventWindowDays);
            var overdue = new Dictionary<Guid, List<Entity>>();
            var broken = new Dictionary<Guid, List<Entity>>();
            var tiers = new Dictionary<Guid, TierChangeFact>();
            var bureau = new Dictionary<Guid, List<Entity>>();
            if (Needs(EngineKind.OverdueDaysAbove))
            {
                var fewestDays = conditions.Where(c => c.Kind == EngineKind.OverdueDaysAbove).Min(c => c.Threshold);
                var query = new QueryExpression(Receivable.EntityLogicalName) { ColumnSet = new ColumnSet(Receivable.Fields.InvoiceNumber, Receivable.Fields.DueDate, Receivable.Fields.OpenAmount, Receivable.Fields.AccountId) };
                query.Criteria.AddCondition(Receivable.Fields.AccountId, ConditionOperator.In, PageReads.Ids(accountIds));
                query.Criteria.AddCondition(Receivable.Fields.OpenAmount, ConditionOperator.GreaterThan, 0m);
                query.Criteria.AddCondition(Receivable.Fields.DueDate, ConditionOperator.LessThan, now.Date.AddDays(-(double)Math.Max(0m, Math.Floor(fewestDays))));
                overdue = PageReads.ByAccount(PageReads.All(service, query, ref calls), Receivable.Fields.AccountId);
            }

            if (Needs(EngineKind.BrokenPromise))
            {
                var query = new QueryExpression(PromiseToPay.EntityLogicalName) { ColumnSet = new ColumnSet(PromiseToPay.Fields.Name, PromiseToPay.Fields.Amount, PromiseToPay.Fields.PromisedFor, PromiseToPay.Fields.KeptAmount, PromiseToPay.Fields.AccountId) };
                query.Criteria.AddCondition(PromiseToPay.Fields.AccountId, ConditionOperator.In, PageReads.Ids(accountIds));
                query.Criteria.AddCondition(PromiseToPay.Fields.PromiseStatus, ConditionOperator.Equal, (int)PromiseToPayStatus.Broken);
                query.Criteria.AddCondition(PromiseToPay.Fields.ResolvedOn, ConditionOperator.GreaterEqual, since);
                broken = PageReads.ByAccount(PageReads.All(service, query, ref calls), PromiseToPay.Fields.AccountId);
            }

            if (Needs(EngineKind.TierDowngrade))
            {
                tiers = onePerAccount
                    ? LatestTierChange(service, accountIds[0], since, ref calls) is { } change ? new() { [accountIds[0]] = change } : []
                    : LatestTierChanges(service, accountIds, since, ref calls);
            }

            if (Needs(EngineKind.BureauDeterioration))
            {
                var query = new QueryExpression(BureauChange.EntityLogicalName) { ColumnSet = new ColumnSet(BureauChange.Fields.Criterion, BureauChange.Fields.PreviousValue, BureauChange.Fields.NewValue, BureauChange.Fields.ChangedOn, BureauChange.Fields.AccountId) };
                query.Criteria.AddCondition(BureauChange.Fields.AccountId, ConditionOperator.In, PageReads.Ids(accountIds));
                query.Criteria.AddCondition(BureauChange.Fields.IsDeterioration, ConditionOperator.Equal, true);
                query.Criteria.AddCondition(BureauChange.Fields.ChangedOn, ConditionOperator.GreaterEqual, since);
                bureau = PageReads.ByAccount(PageReads.All(service, query, ref calls), BureauChange.Fields.AccountId);
            }

            return new FactRows { Overdue = overdue, BrokenPromises = broken, TierChanges = tiers, BureauDeteriorations = bureau };
        }

        /// <summary>The latest two score-history rows with a tier (tier name and rank joined); a change only when the latest is recent.</summary>
        private static TierChangeFact? LatestTierChange(IOrganizationService service, Guid accountId, DateTime since, ref int calls)
        {
            var query = TierHistory();
            query.TopCount = 2;
            query.Criteria.AddCondition(CreditScoreHistory.Fields.AccountId, ConditionOperator.Equal, accountId);
            var rows = service.RetrieveMultiple(query).Entities;
            calls++;
            return rows.Count < 2 || rows[0].GetAttributeValue<DateTime>(CreditScoreHistory.Fields.ScoredOn) < since ? null : ChangeOf(rows[0], rows[1]);
        }

        /// <summary>
        /// The same fact for a page: the recent rows with a tier (newest first), then, for the accounts with exactly one
        /// recent row, their earlier rows (newest first); the latest two of each account are what one account's query
        /// with two rows finds.
        /// </summary>
        private static Dictionary<Guid, TierChangeFact> LatestTierChanges(IOrganizationService service, IReadOnlyList<Guid> accountIds, DateTime since, ref int calls)
        {
            var recentQuery = TierHistory();
            recentQuery.Criteria.AddCondition(CreditScoreHistory.Fields.AccountId, ConditionOperator.In, PageReads.Ids(accountIds));
            recentQuery.Criteria.AddCondition(CreditScoreHistory.Fields.ScoredOn, ConditionOperator.GreaterEqual, since);
            var recent = PageReads.ByAccount(PageReads.All(service, recentQuery, ref calls), CreditScoreHistory.Fields.AccountId);
            var changes = new Dictionary<Guid, TierChangeFact>();
            foreach (var account in recent.Where(r => r.Value.Count >= 2))
            {
                changes[account.Key] = ChangeOf(account.Value[0], account.Value[1]);
            }

            var single = recent.Where(r => r.Value.Count == 1).Select(r => r.Key).ToList();
            if (single.Count > 0)
            {
                var earlierQuery = TierHistory();
                earlierQuery.Criteria.AddCondition(CreditScoreHistory.Fields.AccountId, ConditionOperator.In, PageReads.Ids(single));
                earlierQuery.Criteria.AddCondition(CreditScoreHistory.Fields.ScoredOn, ConditionOperator.LessThan, since);
                foreach (var account in PageReads.ByAccount(PageReads.All(service, earlierQuery, ref calls), CreditScoreHistory.Fields.AccountId))
                {
                    changes[account.Key] = ChangeOf(recent[account.Key][0], account.Value[0]);
                }
            }

            return changes;
        }

        private static QueryExpression TierHistory()
        {
            var query = new QueryExpression(CreditScoreHistory.EntityLogicalName) { ColumnSet = new ColumnSet(CreditScoreHistory.Fields.ScoredOn, CreditScoreHistory.Fields.AccountId) };
            query.Criteria.AddCondition(CreditScoreHistory.Fields.CreditTierId, ConditionOperator.NotNull);
            query.AddOrder(CreditScoreHistory.Fields.ScoredOn, OrderType.Descending);
            var tier = query.AddLink(CreditTier.EntityLogicalName, CreditScoreHistory.Fields.CreditTierId, CreditTier.Fields.CreditTierId);
            tier.EntityAlias = TierAlias;
            tier.Columns = new ColumnSet(CreditTier.Fields.Name, CreditTier.Fields.Rank);
            return query;
        }

        private static TierChangeFact ChangeOf(Entity latest, Entity before)
        {
            static string Name(Entity row) => row.Aliased<string>(TierAlias + "." + CreditTier.Fields.Name) ?? "(unnamed tier)";
            static int Rank(Entity row) => row.Aliased<int?>(TierAlias + "." + CreditTier.Fields.Rank) ?? 0;
            return new TierChangeFact(latest.Id, Name(before), Rank(before), Name(latest), Rank(latest), latest.GetAttributeValue<DateTime>(CreditScoreHistory.Fields.ScoredOn));
        }
    }

    internal static EngineKind KindOf(Entity row) => row.ChoiceOrNull(Model.MonitorCondition.Fields.Kind) switch
    {
        (int)Model.MonitorConditionKind.RiskScoreAbove => EngineKind.RiskScoreAbove,
        (int)Model.MonitorConditionKind.TierDowngrade => EngineKind.TierDowngrade,
        (int)Model.MonitorConditionKind.BrokenPromise => EngineKind.BrokenPromise,
        (int)Model.MonitorConditionKind.OverdueDaysAbove => EngineKind.OverdueDaysAbove,
        (int)Model.MonitorConditionKind.OverdueAmountAbove => EngineKind.OverdueAmountAbove,
        (int)Model.MonitorConditionKind.UtilizationAbove => EngineKind.UtilizationAbove,
        (int)Model.MonitorConditionKind.BureauDeterioration => EngineKind.BureauDeterioration,
        var other => throw new InvalidPluginExecutionException("The monitor condition " + row.GetAttributeValue<string>(Model.MonitorCondition.Fields.Name) + " has no condition kind creditOS knows (" + (other?.ToString() ?? "empty") + "); choose one on the condition."),
    };

    internal static string CriterionText(int? criterion) => criterion is { } value && Enum.IsDefined(typeof(BureauChangeCriterion), value)
        ? ((BureauChangeCriterion)value).ToString()
        : "rating";
}

/// <summary>A monitor task found on the account: its id and whether its account-state occurrence has ended.</summary>
internal sealed record RecordedOccurrence(Guid TaskId, bool Ended);
