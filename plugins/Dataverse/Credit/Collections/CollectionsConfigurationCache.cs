using CreditOS.Dataverse.Credit.Collections.FollowUp;
using CreditOS.Dataverse.Credit.Configuration;
using Microsoft.Xrm.Sdk;
using EngineRule = CreditOS.CreditEngine.Collections.CollectorAssignmentRule;

namespace CreditOS.Dataverse.Credit.Collections;

/// <summary>
/// Session 29: the collections configuration the nightly page reads, kept per organization and configuration version stamp
/// (<see cref="StampedCache{T}"/>, the rule <see cref="CreditConfigurationCache"/> keeps the credit configuration by): the monitor
/// conditions and dunning steps (<see cref="FollowUpConfiguration"/>, 2 queries) and the collector assignment rules (1 query, when an
/// account needs them). A night of many pages then reads them once per stamp and process instead of once a page. The stamp comes in
/// the same query as the collections settings (<see cref="CollectionsSettings.Read(IOrganizationService, out string?)"/>, which are
/// read every time), and <c>ConfigurationVersionPlugin</c> gives it a new value in the transaction of every change of a condition,
/// step or rule (as of every credit configuration change), so a change that commits between a scoring call and its collections call,
/// or between two pages, is read by the next call; nothing comes from the caller. Without a stamp everything is read, as before.
/// </summary>
public static class CollectionsConfigurationCache
{
    private static readonly StampedCache<FollowUpConfiguration> FollowUps = new();
    private static readonly StampedCache<IReadOnlyList<EngineRule>> Rules = new();

    /// <summary>The active monitor conditions and dunning steps under <paramref name="stamp"/>; adds <see cref="FollowUpConfiguration.Calls"/> to <paramref name="calls"/> when they were read.</summary>
    public static FollowUpConfiguration FollowUp(IOrganizationService service, ITracingService tracing, Guid organizationId, string? stamp, ref int calls)
    {
        var configuration = FollowUps.Read(organizationId, stamp, () => FollowUpConfiguration.Read(service), out var wasRead);
        calls += wasRead ? FollowUpConfiguration.Calls : 0;
        tracing.Trace("Collections configuration: monitor conditions and dunning steps {0}.", Origin(wasRead, stamp));
        return configuration;
    }

    /// <summary>The active collector assignment rules under <paramref name="stamp"/>; adds 1 to <paramref name="calls"/> when they were read.</summary>
    public static IReadOnlyList<EngineRule> CollectorRules(IOrganizationService service, ITracingService tracing, Guid organizationId, string? stamp, ref int calls)
    {
        var rules = Rules.Read(organizationId, stamp, () => CollectorAssigner.ReadRules(service), out var wasRead);
        calls += wasRead ? 1 : 0;
        tracing.Trace("Collections configuration: collector assignment rules {0}.", Origin(wasRead, stamp));
        return rules;
    }

    private static string Origin(bool wasRead, string? stamp) =>
        !wasRead ? "kept under version stamp " + stamp : stamp is null ? "read (the configuration has no version stamp)" : "read under version stamp " + stamp;
}
