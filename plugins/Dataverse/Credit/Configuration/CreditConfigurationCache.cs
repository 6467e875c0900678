using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Configuration;

/// <summary>
/// The credit configuration read once per version stamp (<see cref="ConfigurationVersion"/>) and organization, so a
/// payment posting does not re-run the configuration's three queries (and, since session 29, neither does every nightly
/// page). Keyed by the organization's id: a sandbox worker may serve several organizations and one organization's rules
/// are never served to another. No time-to-live: an entry is used only while the stamp read in the caller's own
/// transaction is the one it was read under, and the stamp is read before the configuration, so an entry can at worst be
/// older than its stamp (then the next reader with the newer stamp reads again), never newer (<see cref="StampedCache{T}"/>).
/// Only a configuration that read and validated is kept; without a stamp (an environment whose configuration was never
/// stamped) it is read every time, as before. The entry is process state shared by every execution of the assembly,
/// which is what Dataverse allows for caches: the plugin instances themselves stay stateless.
/// </summary>
public static class CreditConfigurationCache
{
    private static readonly StampedCache<ConfiguredCredit> Entries = new();

    /// <summary>The configuration in force: the cached one when <paramref name="stamp"/> is the one it was read under, else read (<see cref="CreditConfigurationReader.Calls"/>) and kept.</summary>
    public static ConfiguredCredit Read(IOrganizationService service, ITracingService tracing, Guid organizationId, string? stamp) =>
        Read(service, tracing, organizationId, stamp, out _);

    /// <param name="wasRead">Whether the configuration was read (<see cref="CreditConfigurationReader.Calls"/> calls) rather than taken from the cache.</param>
    public static ConfiguredCredit Read(IOrganizationService service, ITracingService tracing, Guid organizationId, string? stamp, out bool wasRead)
    {
        var configured = Entries.Read(organizationId, stamp, () => CreditConfigurationReader.Read(service, tracing), out wasRead);
        if (wasRead && stamp is not null)
        {
            tracing.Trace("Credit configuration read and cached under version stamp {0}.", stamp);
        }

        return configured;
    }
}
