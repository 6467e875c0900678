using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Values;

/// <summary>
/// Copies values in and out of the store, as the wire does between a Dataverse client and the server:
/// a caller never shares a mutable instance with the store or with another caller.
/// </summary>
internal static class ValueCopier
{
    public static object? Copy(object? value) => value switch
    {
        null => null,
        EntityReference reference => Copy(reference),
        Money money => new Money(money.Value),
        OptionSetValue option => new OptionSetValue(option.Value),
        OptionSetValueCollection options => new OptionSetValueCollection(options.Select(o => new OptionSetValue(o.Value)).ToList()),
        Entity entity => Copy(entity),
        EntityCollection collection => Copy(collection),
        AliasedValue aliased => new AliasedValue(aliased.EntityLogicalName, aliased.AttributeLogicalName, Copy(aliased.Value)),
        _ => value,
    };

    public static EntityReference Copy(EntityReference reference)
    {
        var copy = new EntityReference(reference.LogicalName, reference.Id) { Name = reference.Name, RowVersion = reference.RowVersion };
        if (reference.MayHaveKeyAttributes)
        {
            foreach (var key in reference.KeyAttributes)
            {
                copy.KeyAttributes[key.Key] = Copy(key.Value);
            }
        }

        return copy;
    }

    public static Entity Copy(Entity entity)
    {
        var copy = new Entity(entity.LogicalName, entity.Id);
        // Room for every column at once: a row of a wide table would otherwise regrow its dictionary several times per copy.
        copy.Attributes.EnsureCapacity(entity.Attributes.Count);
        foreach (var attribute in entity.Attributes.Entries)
        {
            copy.Attributes[attribute.Key] = Copy(attribute.Value);
        }

        // Keys and formatted values only when the row has some: reading them would make empty collections on both rows.
        if (entity.MayHaveKeyAttributes)
        {
            foreach (var key in entity.KeyAttributes)
            {
                copy.KeyAttributes[key.Key] = Copy(key.Value);
            }
        }

        if (entity.HasFormattedValues)
        {
            foreach (var formatted in entity.FormattedValues)
            {
                copy.FormattedValues[formatted.Key] = formatted.Value;
            }
        }

        // Related rows (deep insert or update) travel with the row, so the handlers see them and refuse what they do not
        // carry out (controls round 23: the copy of a request's parameters dropped them, and Create, Update and Upsert
        // wrote the primary row alone).
        if (entity.HasRelatedEntities)
        {
            foreach (var related in entity.RelatedEntities)
            {
                copy.RelatedEntities[related.Key] = Copy(related.Value);
            }
        }

        copy.RowVersion = entity.RowVersion;
        return copy;
    }

    /// <summary>A copy with only the given columns (all when <paramref name="columns"/> is null), plus the id.</summary>
    public static Entity Project(Entity row, string primaryIdColumn, IReadOnlyCollection<string>? columns)
    {
        var copy = new Entity(row.LogicalName, row.Id);
        copy.Attributes.EnsureCapacity(columns is null ? row.Attributes.Count : Math.Min(columns.Count + 1, row.Attributes.Count));
        foreach (var attribute in row.Attributes.Entries)
        {
            if (columns is null || columns.Contains(attribute.Key) || attribute.Key == primaryIdColumn)
            {
                copy.Attributes[attribute.Key] = Copy(attribute.Value);
            }
        }

        copy.RowVersion = row.RowVersion;
        return copy;
    }

    public static EntityCollection Copy(EntityCollection collection)
    {
        var copy = new EntityCollection(collection.Entities.Select(Copy).ToList())
        {
            EntityName = collection.EntityName,
            MoreRecords = collection.MoreRecords,
            PagingCookie = collection.PagingCookie,
            TotalRecordCount = collection.TotalRecordCount,
            TotalRecordCountLimitExceeded = collection.TotalRecordCountLimitExceeded,
        };
        return copy;
    }
}
