using Microsoft.Xrm.Sdk;
using EngineCondition = CreditOS.CreditEngine.Collections.Monitoring.MonitorCondition;
using EngineStep = CreditOS.CreditEngine.Collections.Dunning.DunningStep;

namespace CreditOS.Dataverse.Credit.Collections.FollowUp;

/// <summary>
/// The follow-up part of the daily batch for one account, after promises and the worklist figures are current: the
/// condition monitor's action items, then the dunning letters. Reads: the conditions and the steps
/// (<see cref="FollowUpConfiguration.Calls"/>, once per page when the set-based batch reads them for all its accounts;
/// nothing more when neither is configured), the account (1), then <see cref="ConditionMonitorRun.MaximumReadCalls"/> − 1
/// and <see cref="DunningRun.MaximumReadCalls"/> at most; plus the writes each describes.
/// </summary>
public static class CollectionsFollowUp
{
    /// <summary>Reads at most: conditions, steps, account, the monitor's facts and occurrences, the open invoices.</summary>
    public const int MaximumReadCalls = FollowUpConfiguration.Calls + 1 + (ConditionMonitorRun.MaximumReadCalls - 1) + DunningRun.MaximumReadCalls;

    public static int Run(IOrganizationService service, ITracingService tracing, Guid accountId, DateTime now, FollowUpConfiguration? configuration = null)
    {
        var calls = 0;
        if (configuration is null)
        {
            configuration = FollowUpConfiguration.Read(service);
            calls += FollowUpConfiguration.Calls;
        }

        if (configuration.IsEmpty)
        {
            return calls;
        }

        var account = FollowUpAccount.Read(service, accountId, now);
        return calls + 1
            + ConditionMonitorRun.Run(service, tracing, configuration.Conditions, account, now)
            + DunningRun.Run(service, tracing, configuration.Steps, account, now);
    }
}

/// <summary>The active monitor conditions and dunning steps, read in two queries; the set-based batch reads them once per page.</summary>
public sealed class FollowUpConfiguration
{
    public const int Calls = 2;

    private FollowUpConfiguration(IReadOnlyList<EngineCondition> conditions, IReadOnlyList<EngineStep> steps)
    {
        Conditions = conditions;
        Steps = steps;
    }

    public IReadOnlyList<EngineCondition> Conditions { get; }

    public IReadOnlyList<EngineStep> Steps { get; }

    public bool IsEmpty => Conditions.Count == 0 && Steps.Count == 0;

    public static FollowUpConfiguration Read(IOrganizationService service) =>
        new(ConditionMonitorRun.ReadConditions(service), DunningRun.ReadSteps(service));
}
