using System.Collections.Concurrent;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Configuration;

/// <summary>
/// The credit configuration read once per version stamp (<see cref="ConfigurationVersion"/>) and organization, so a
/// payment posting does not re-run the configuration's three queries. Keyed by the organization's id: a sandbox
/// worker may serve several organizations and one organization's rules are never served to another. No time-to-live:
/// an entry is used only while the stamp read in the caller's own transaction is the one it was read under, and the
/// stamp is read before the configuration, so an entry can at worst be older than its stamp (then the next reader
/// with the newer stamp reads again), never newer. Only a configuration that read and validated is kept; without a
/// stamp (an environment whose configuration was never stamped) it is read every time, as before. The entry is
/// process state shared by every execution of the assembly, which is what Dataverse allows for caches: the
/// plugin instances themselves stay stateless.
/// </summary>
public static class CreditConfigurationCache
{
    /// <summary>Stamps kept per organization: the one in force and, for a moment, those of transactions still reading the previous one.</summary>
    private const int StampsPerOrganization = 8;

    private static readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, ConfiguredCredit>> ByOrganization = new();

    /// <summary>The configuration in force: the cached one when <paramref name="stamp"/> is the one it was read under, else read (<see cref="CreditConfigurationReader.Calls"/>) and kept.</summary>
    public static ConfiguredCredit Read(IOrganizationService service, ITracingService tracing, Guid organizationId, string? stamp)
    {
        if (stamp is null)
        {
            return CreditConfigurationReader.Read(service, tracing);
        }

        var stamps = ByOrganization.GetOrAdd(organizationId, _ => new ConcurrentDictionary<string, ConfiguredCredit>(StringComparer.Ordinal));
        if (stamps.TryGetValue(stamp, out var cached))
        {
            return cached;
        }

        var configured = CreditConfigurationReader.Read(service, tracing);
        if (stamps.Count >= StampsPerOrganization)
        {
            // Older stamps are never in force again (a stamp is never reused): dropping them loses nothing but a read.
            stamps.Clear();
        }

        stamps[stamp] = configured;
        tracing.Trace("Credit configuration read and cached under version stamp {0}.", stamp);
        return configured;
    }
}
