using CreditOS.CreditEngine.Collections.Monitoring;
using CreditOS.Dataverse.Credit.Accounts;
using CreditOS.Dataverse.Credit.Rescoring;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using EngineCondition = CreditOS.CreditEngine.Collections.Monitoring.MonitorCondition;
using EngineKind = CreditOS.CreditEngine.Collections.Monitoring.MonitorConditionKind;

namespace CreditOS.Dataverse.Credit.Collections.FollowUp;

/// <summary>
/// The condition monitor at the event that made a condition true, where that event's code path already holds the
/// figures: a rescoring (on demand, order lifecycle, bureau report) that recorded a new picture with a worse tier or a
/// higher Risk score (tier downgrade, Risk score above), a bureau report that recorded deteriorations (bureau
/// deterioration), and Finance releasing a held order (utilization above). The engine's <see cref="ConditionMonitor"/>
/// decides with the same keys as the daily batch, so the batch that later sees the same occurrence finds it recorded and
/// raises nothing (once per occurrence). Reads: the conditions (1; nothing more when none of the event's kinds is
/// configured), the recorded occurrences (1); plus one task per new occurrence and one update per ended one. An event
/// that cannot make a condition true (no new picture, the tier not worse, the Risk score not higher, no deterioration)
/// costs nothing. The payment posting and the order check do not call it: their budgets (6 and 3 calls) are spent, and
/// the daily batch catches what they change (see docs/collections.md).
/// </summary>
public static class EventConditionMonitor
{
    /// <summary>Reads at most: the conditions and the recorded occurrences (the figures come from the event).</summary>
    public const int MaximumReadCalls = 2;

    /// <summary>Calls of a Finance order release at most besides its tasks: the conditions, then (only when a utilization condition is configured) the account's lock, the account, the occurrences.</summary>
    public const int OrderReleaseReadCalls = 1 + 1 + 1 + 1;

    private static readonly EngineKind[] RescoringKinds = [EngineKind.RiskScoreAbove, EngineKind.TierDowngrade];

    /// <summary>
    /// After a rescoring (and the bureau changes its report recorded, if any): the tier downgrade and Risk score above
    /// conditions when the rescoring recorded a worse tier or a higher Risk score, bureau deterioration for the report's
    /// deteriorations within <see cref="ConditionMonitorRun.EventWindowDays"/>. Returns the calls made (0 when the event
    /// cannot make any of them true).
    /// </summary>
    public static int AfterRescoring(IOrganizationService service, ITracingService tracing, RescoreResult result, DateTime now, IReadOnlyList<BureauDeteriorationFact>? deteriorations = null)
    {
        var kinds = new List<EngineKind>();
        var tierChange = TierChange(result, now);
        if (tierChange is not null || RiskRose(result))
        {
            kinds.AddRange(RescoringKinds);
        }

        var recent = (deteriorations ?? []).Where(d => d.ChangedOn >= now.Date.AddDays(-ConditionMonitorRun.EventWindowDays)).ToList();
        if (recent.Count > 0)
        {
            kinds.Add(EngineKind.BureauDeterioration);
        }

        if (kinds.Count == 0 || result.Account is not { } account)
        {
            return 0;
        }

        var facts = new MonitorFacts
        {
            AccountId = account.Id,
            AccountName = account.Name,
            Currency = result.Currency,
            RiskScore = result.RiskScore,
            Limit = account.Limit.EffectiveLimit(now),
            Exposure = result.Exposure,
            Overdue = account.OverdueAmount,
            LatestTierChange = tierChange,
            BureauDeteriorations = recent,
        };
        return Evaluate(service, tracing, kinds, facts, WorkerOf(account.Row), now);
    }

    /// <summary>
    /// After Finance released a held order (its amount already counts in the account's exposure; a temporary limit Finance
    /// gave is already written): the utilization above conditions on the account's figures. When one is configured it
    /// takes the account's lock (as the order check does) before reading the figures and the occurrences, so a concurrent
    /// daily batch cannot record the same occurrence; with none configured it costs the one read of the conditions.
    /// </summary>
    public static int AfterOrderRelease(IOrganizationService service, ITracingService tracing, Guid accountId, DateTime now)
    {
        var conditions = Configured(service, [EngineKind.UtilizationAbove]);
        if (conditions.Count == 0)
        {
            return 1;
        }

        AccountLock.Claim(service, accountId, Account.Fields.CreditCheckedOn, now);
        var account = FollowUpAccount.Read(service, accountId, now);
        var facts = ConditionMonitorRun.AccountFactsOf(account);
        return 3 + Write(service, tracing, conditions, facts, account.Worker, now);
    }

    private static int Evaluate(IOrganizationService service, ITracingService tracing, IReadOnlyList<EngineKind> kinds, MonitorFacts facts, EntityReference? worker, DateTime now)
    {
        var conditions = Configured(service, kinds);
        return conditions.Count == 0 ? 1 : 1 + Write(service, tracing, conditions, facts, worker, now);
    }

    /// <summary>Reads the recorded occurrences (1) and writes the new and ended ones; returns the calls made.</summary>
    private static int Write(IOrganizationService service, ITracingService tracing, IReadOnlyList<EngineCondition> conditions, MonitorFacts facts, EntityReference? worker, DateTime now)
    {
        var recorded = ConditionMonitorRun.ReadOccurrences(service, facts.AccountId, ConditionMonitor.EventKeys(conditions, facts, now));
        var outcome = ConditionMonitor.Evaluate(conditions, facts, recorded.Select(r => new MonitorOccurrence(r.Key, r.Value.Ended)), now);
        tracing.Trace("Event-time condition monitor for {0}: {1} condition(s), {2} new action item(s).", facts.AccountName, conditions.Count, outcome.ActionItems.Count);
        return 1 + ConditionMonitorRun.Write(service, tracing, outcome, recorded, new EntityReference(Account.EntityLogicalName, facts.AccountId), worker, facts.AccountName, now);
    }

    private static List<EngineCondition> Configured(IOrganizationService service, IReadOnlyCollection<EngineKind> kinds) =>
        [.. ConditionMonitorRun.ReadConditions(service).Where(c => kinds.Contains(c.Kind))];

    /// <summary>The rescoring's tier change when it recorded a new picture with a worse tier than the account had.</summary>
    private static TierChangeFact? TierChange(RescoreResult result, DateTime now) =>
        result.HistoryId is { } history && result.PreviousTier is { } before && result.Assessment.Tier.Rank > before.Rank
            ? new TierChangeFact(history, before.Name, before.Rank, result.Assessment.Tier.Name, result.Assessment.Tier.Rank, now)
            : null;

    /// <summary>A new picture with a higher Risk score than the account had (or its first): a Risk score condition may have become true.</summary>
    private static bool RiskRose(RescoreResult result) =>
        result.HistoryId is not null && result.RiskScore is { } now && (result.PreviousRiskScore is not { } before || now > before);

    private static EntityReference? WorkerOf(Entity account) =>
        account.GetAttributeValue<EntityReference>(Account.Fields.CollectorId) ?? account.GetAttributeValue<EntityReference>(Account.Fields.OwnerId);
}
