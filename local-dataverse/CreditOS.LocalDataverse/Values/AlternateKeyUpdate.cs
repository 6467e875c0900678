using System.Globalization;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Storage;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Values;

/// <summary>
/// An Update that finds its row by alternate key (SDK <c>Entity.KeyAttributes</c>, or a Web API PATCH by key with
/// <c>If-Match</c>, which "ensures that the PATCH request is an Update operation") and also sets a key column to another value.
/// Microsoft documents this only for Upsert ("Use Upsert to Create or Update a record", Guidance for composing requests): when the
/// row exists "the server removes the data set in the body of the request for those alternate key values in the URL … you can't
/// update the alternate key values of a record when you're using those alternate key values to identify it. You can change
/// alternate key values by using the primary key or a different set of alternate keys." What an Update does with it is not
/// published, so the local Dataverse refuses it as not implemented instead of changing the key (what it did through round 20).
/// A body value equal to the key's is no change and is accepted.
/// </summary>
public static class AlternateKeyUpdate
{
    public static void RefuseKeyChange(string table, IEnumerable<KeyValuePair<string, object?>> keys, AttributeCollection attributes)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(attributes);
        foreach (var (column, keyValue) in keys)
        {
            if (attributes.TryGetValue(column, out var bodyValue) && !Equals(IndexKey.Normalize(bodyValue), IndexKey.Normalize(keyValue)))
            {
                throw DataverseFault.NotImplemented(string.Create(CultureInfo.InvariantCulture,
                    $"an Update by alternate key that sets the key column '{table}.{column}' to another value ('{IndexKey.Normalize(bodyValue)}' for the key's '{IndexKey.Normalize(keyValue)}'): Microsoft documents only Upsert, which removes the key columns from the data when the row exists (\"you can't update the alternate key values of a record when you're using those alternate key values to identify it\"); change a key by the primary key or another key, or leave the key column out"));
            }
        }
    }
}
