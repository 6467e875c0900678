using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Collections.FollowUp;

/// <summary>
/// The follow-up part of the daily batch for one account, after promises and the worklist figures are current: the
/// condition monitor's action items, then the dunning letters. Reads: the conditions and the steps (2; nothing more when
/// neither is configured), the account (1), then <see cref="ConditionMonitorRun.MaximumReadCalls"/> − 1 and
/// <see cref="DunningRun.MaximumReadCalls"/> at most; plus the writes each describes.
/// </summary>
public static class CollectionsFollowUp
{
    /// <summary>Reads at most: conditions, steps, account, the monitor's facts and occurrences, the open invoices.</summary>
    public const int MaximumReadCalls = 2 + 1 + (ConditionMonitorRun.MaximumReadCalls - 1) + DunningRun.MaximumReadCalls;

    public static int Run(IOrganizationService service, ITracingService tracing, Guid accountId, DateTime now)
    {
        var conditions = ConditionMonitorRun.ReadConditions(service);
        var steps = DunningRun.ReadSteps(service);
        if (conditions.Count == 0 && steps.Count == 0)
        {
            return 2;
        }

        var account = FollowUpAccount.Read(service, accountId, now);
        return 3 + ConditionMonitorRun.Run(service, tracing, conditions, account, now) + DunningRun.Run(service, tracing, steps, account, now);
    }
}
