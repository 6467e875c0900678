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
        var facts = ReadFacts(service, conditions, account, now, ref calls);
        var recorded = ReadOccurrences(service, account.Id, ConditionMonitor.EventKeys(conditions, facts, now));
        calls++;
        return calls + Write(service, tracing, ConditionMonitor.Evaluate(conditions, facts, recorded.Select(r => new MonitorOccurrence(r.Key, r.Value.Ended)), now), recorded, account.Reference, account.Worker, account.Name, now);
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

    private static MonitorFacts ReadFacts(IOrganizationService service, IReadOnlyList<EngineCondition> conditions, FollowUpAccount account, DateTime now, ref int calls)
    {
        bool Needs(EngineKind kind) => conditions.Any(c => c.Kind == kind);
        var since = now.Date.AddDays(-EventWindowDays);
        var facts = new MonitorFacts
        {
            AccountId = account.Id,
            AccountName = account.Name,
            Currency = account.Currency,
            RiskScore = account.RiskScore,
            Limit = account.Limit,
            Exposure = account.Exposure,
            Overdue = account.Overdue,
        };
        if (Needs(EngineKind.OverdueDaysAbove))
        {
            var fewestDays = conditions.Where(c => c.Kind == EngineKind.OverdueDaysAbove).Min(c => c.Threshold);
            var query = new QueryExpression(Receivable.EntityLogicalName) { ColumnSet = new ColumnSet(Receivable.Fields.InvoiceNumber, Receivable.Fields.DueDate, Receivable.Fields.OpenAmount) };
            query.Criteria.AddCondition(Receivable.Fields.AccountId, ConditionOperator.Equal, account.Id);
            query.Criteria.AddCondition(Receivable.Fields.OpenAmount, ConditionOperator.GreaterThan, 0m);
            query.Criteria.AddCondition(Receivable.Fields.DueDate, ConditionOperator.LessThan, now.Date.AddDays(-(double)Math.Max(0m, Math.Floor(fewestDays))));
            facts = facts with
            {
                OverdueInvoices = [.. service.RetrieveMultiple(query).Entities.Select(r => new OverdueInvoiceFact(
                    r.Id, r.GetAttributeValue<string>(Receivable.Fields.InvoiceNumber) ?? r.Id.ToString(), r.GetAttributeValue<DateTime>(Receivable.Fields.DueDate), r.MoneyOrZero(Receivable.Fields.OpenAmount)))],
            };
            calls++;
        }

        if (Needs(EngineKind.BrokenPromise))
        {
            var query = new QueryExpression(PromiseToPay.EntityLogicalName) { ColumnSet = new ColumnSet(PromiseToPay.Fields.Name, PromiseToPay.Fields.Amount, PromiseToPay.Fields.PromisedFor, PromiseToPay.Fields.KeptAmount) };
            query.Criteria.AddCondition(PromiseToPay.Fields.AccountId, ConditionOperator.Equal, account.Id);
            query.Criteria.AddCondition(PromiseToPay.Fields.PromiseStatus, ConditionOperator.Equal, (int)PromiseToPayStatus.Broken);
            query.Criteria.AddCondition(PromiseToPay.Fields.ResolvedOn, ConditionOperator.GreaterEqual, since);
            facts = facts with
            {
                BrokenPromises = [.. service.RetrieveMultiple(query).Entities.Select(r => new BrokenPromiseFact(
                    r.Id, r.GetAttributeValue<string>(PromiseToPay.Fields.Name) ?? r.Id.ToString(), r.MoneyOrZero(PromiseToPay.Fields.Amount),
                    r.GetAttributeValue<DateTime>(PromiseToPay.Fields.PromisedFor), r.MoneyOrZero(PromiseToPay.Fields.KeptAmount)))],
            };
            calls++;
        }

        if (Needs(EngineKind.TierDowngrade))
        {
            facts = facts with { LatestTierChange = LatestTierChange(service, account.Id, since) };
            calls++;
        }

        if (Needs(EngineKind.BureauDeterioration))
        {
            var query = new QueryExpression(BureauChange.EntityLogicalName) { ColumnSet = new ColumnSet(BureauChange.Fields.Criterion, BureauChange.Fields.PreviousValue, BureauChange.Fields.NewValue, BureauChange.Fields.ChangedOn) };
            query.Criteria.AddCondition(BureauChange.Fields.AccountId, ConditionOperator.Equal, account.Id);
            query.Criteria.AddCondition(BureauChange.Fields.IsDeterioration, ConditionOperator.Equal, true);
            query.Criteria.AddCondition(BureauChange.Fields.ChangedOn, ConditionOperator.GreaterEqual, since);
            facts = facts with
            {
                BureauDeteriorations = [.. service.RetrieveMultiple(query).Entities.Select(r => new BureauDeteriorationFact(
                    r.Id, CriterionText(r.ChoiceOrNull(BureauChange.Fields.Criterion)), r.GetAttributeValue<string>(BureauChange.Fields.PreviousValue),
                    r.GetAttributeValue<string>(BureauChange.Fields.NewValue), r.GetAttributeValue<DateTime>(BureauChange.Fields.ChangedOn)))],
            };
            calls++;
        }

        return facts;
    }

    /// <summary>The latest two score-history rows with a tier (tier name and rank joined); a change only when the latest is recent.</summary>
    private static TierChangeFact? LatestTierChange(IOrganizationService service, Guid accountId, DateTime since)
    {
        var query = new QueryExpression(CreditScoreHistory.EntityLogicalName) { ColumnSet = new ColumnSet(CreditScoreHistory.Fields.ScoredOn), TopCount = 2 };
        query.Criteria.AddCondition(CreditScoreHistory.Fields.AccountId, ConditionOperator.Equal, accountId);
        query.Criteria.AddCondition(CreditScoreHistory.Fields.CreditTierId, ConditionOperator.NotNull);
        query.AddOrder(CreditScoreHistory.Fields.ScoredOn, OrderType.Descending);
        var tier = query.AddLink(CreditTier.EntityLogicalName, CreditScoreHistory.Fields.CreditTierId, CreditTier.Fields.CreditTierId);
        tier.EntityAlias = TierAlias;
        tier.Columns = new ColumnSet(CreditTier.Fields.Name, CreditTier.Fields.Rank);
        var rows = service.RetrieveMultiple(query).Entities;
        if (rows.Count < 2 || rows[0].GetAttributeValue<DateTime>(CreditScoreHistory.Fields.ScoredOn) < since)
        {
            return null;
        }

        string Name(Entity row) => row.Aliased<string>(TierAlias + "." + CreditTier.Fields.Name) ?? "(unnamed tier)";
        int Rank(Entity row) => row.Aliased<int?>(TierAlias + "." + CreditTier.Fields.Rank) ?? 0;
        return new TierChangeFact(rows[0].Id, Name(rows[1]), Rank(rows[1]), Name(rows[0]), Rank(rows[0]), rows[0].GetAttributeValue<DateTime>(CreditScoreHistory.Fields.ScoredOn));
    }

    /// <summary>The account's monitor tasks that are still open occurrences or carry one of the event keys the facts show.</summary>
    internal static Dictionary<string, RecordedOccurrence> ReadOccurrences(IOrganizationService service, Guid accountId, IReadOnlyList<string> eventKeys)
    {
        var query = new QueryExpression(TaskTable.EntityLogicalName) { ColumnSet = new ColumnSet(TaskTable.Fields.OccurrenceKey, TaskTable.Fields.OccurrenceEndedOn) };
        query.Criteria.AddCondition(TaskTable.Fields.RegardingObjectId, ConditionOperator.Equal, accountId);
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
        var found = new Dictionary<string, RecordedOccurrence>(StringComparer.Ordinal);
        foreach (var row in service.RetrieveMultiple(query).Entities)
        {
            var key = row.GetAttributeValue<string>(TaskTable.Fields.OccurrenceKey);
            if (key is not null)
            {
                found[key] = new RecordedOccurrence(row.Id, row.GetAttributeValue<DateTime?>(TaskTable.Fields.OccurrenceEndedOn) is not null);
            }
        }

        return found;
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
