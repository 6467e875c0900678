using System.Globalization;
using CreditOS.LocalDataverse.Faults;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Service;

/// <summary>
/// UpsertMultiple refuses a payload that names one row twice: "Multiple records with the same primary key or alternate key values in
/// the payload are not supported with UpsertMultiple. When more than one record in the Targets parameter is uniquely identified by a
/// primary or alternate key, UpsertMultiple will return an error. This behavior is different from UpdateMultiple" (bulk-operations,
/// "Duplicate records in UpsertMultiple Targets parameter"). The error's code and wording are not published: InvalidArgument, in our
/// words with the positions and the key. It is raised before any row is written.
/// </summary>
internal static class BulkDuplicateKeys
{
    public static void RefuseForUpsert(EntityCollection targets, Func<Entity, string?> keyOf)
    {
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < targets.Entities.Count; index++)
        {
            if (keyOf(targets.Entities[index]) is not { } key)
            {
                continue;
            }

            if (seen.TryGetValue(key, out var first))
            {
                throw DataverseFault.InvalidArgument(string.Create(
                    CultureInfo.InvariantCulture,
                    $"UpsertMultiple does not support more than one record with the same primary key or alternate key values: Targets[{first}] and Targets[{index}] are both identified by {key}. Send each record once."));
            }

            seen.Add(key, index);
        }
    }
}
