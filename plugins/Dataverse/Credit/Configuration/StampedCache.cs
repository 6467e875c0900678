using System.Collections.Concurrent;

namespace CreditOS.Dataverse.Credit.Configuration;

/// <summary>
/// Configuration read once per organization and version stamp (<see cref="ConfigurationVersion"/>): the rule behind
/// <see cref="CreditConfigurationCache"/> and, since session 29, the collections configuration the nightly page reads
/// (<c>FollowUpConfiguration</c>, the collector rules). An entry is used only while the stamp read in the caller's own
/// transaction is the one it was read under; the stamp is read before the configuration, so an entry can at worst be
/// older than its stamp (the next reader with the newer stamp reads again), never newer. No time-to-live, and never
/// shared between organizations. Without a stamp (an environment whose configuration was never stamped) nothing is kept
/// and every reader reads. Process state shared by every execution of the assembly, as Dataverse allows for caches.
/// </summary>
public sealed class StampedCache<T>
    where T : class
{
    /// <summary>Stamps kept per organization: the one in force and, for a moment, those of transactions still reading the previous one.</summary>
    private const int StampsPerOrganization = 8;

    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, T>> _byOrganization = new();

    /// <summary>The entry kept for this organization and stamp, else <paramref name="read"/>'s answer, kept under the stamp (when there is one).</summary>
    public T Read(Guid organizationId, string? stamp, Func<T> read, out bool wasRead)
    {
        wasRead = true;
        if (stamp is null)
        {
            return read();
        }

        var stamps = _byOrganization.GetOrAdd(organizationId, _ => new ConcurrentDictionary<string, T>(StringComparer.Ordinal));
        if (stamps.TryGetValue(stamp, out var cached))
        {
            wasRead = false;
            return cached;
        }

        var value = read();
        if (stamps.Count >= StampsPerOrganization)
        {
            // Older stamps are never in force again (a stamp is never reused): dropping them loses nothing but a read.
            stamps.Clear();
        }

        stamps[stamp] = value;
        return value;
    }
}
