using System.Globalization;
using System.Text;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// Builds the returned entities: fresh instances with only the requested columns (null values are omitted, as Dataverse does),
/// the primary key, and link-entity columns as AliasedValue under "alias.column" (or the attribute's own alias).
/// </summary>
internal sealed class Projector(QueryPlan plan, RowAccess access)
{
    public Entity Project(Entity?[] row)
    {
        var root = plan.Scopes.Root;
        var stored = row[0]!;
        // Rows come back with their RowVersion, as from Retrieve (the Web API's @odata.etag is made from it).
        var entity = new Entity(root.Table.LogicalName) { RowVersion = stored.RowVersion };
        var primaryKey = root.Table.PrimaryIdAttribute;
        if (!plan.Spec.Distinct || root.Columns.AllColumns || root.Columns.Columns.Exists(column => column.Name == primaryKey))
        {
            // A distinct query returns the key only when asked for it; otherwise every row would be distinct.
            entity.Id = stored.Id;
            entity[primaryKey] = stored.Id;
        }

        // Room for the columns at once (values, and the formatted values to be made): a wide row would otherwise regrow both dictionaries several times.
        var columns = 1;
        foreach (var scope in plan.Scopes.All)
        {
            if (row[scope.Index] is { } source)
            {
                columns += scope.Columns.AllColumns ? source.Attributes.Count : scope.Columns.Columns.Count;
            }
        }

        entity.Attributes.EnsureCapacity(columns);
        // The formatted values are made when first read (Formatting/DeferredFormats); room for them in the list that keeps them.
        Formatting.DeferredFormats.Of(entity, columns);
        foreach (var scope in plan.Scopes.All)
        {
            if (row[scope.Index] is { } source)
            {
                AddColumns(entity, scope, source);
            }
        }

        return entity;
    }

    /// <summary>A key under which equal projected rows (for distinct) are equal.</summary>
    public static string DistinctKey(Entity entity)
    {
        var key = new StringBuilder();
        foreach (var attribute in entity.Attributes.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            key.Append(attribute.Key).Append('=').Append(Describe(attribute.Value)).Append('\u001f');
        }

        return key.ToString();
    }

    private void AddColumns(Entity entity, Scope scope, Entity source)
    {
        if (scope.Columns.AllColumns)
        {
            foreach (var attribute in source.Attributes.Where(attribute => attribute.Value is not null))
            {
                Set(entity, scope, source, attribute.Key, alias: null, attribute.Value);
            }
        }

        foreach (var column in scope.Columns.Columns)
        {
            if (source.Attributes.TryGetValue(column.Name, out var value) && value is not null)
            {
                Set(entity, scope, source, column.Name, column.Alias, value);
            }
        }
    }

    private void Set(Entity entity, Scope scope, Entity source, string column, string? alias, object value)
    {
        // A column the metadata knows gets its lookup name from Fill below (the same cached name Output reads): once per value.
        var definition = scope.Table.FindColumn(column);
        var copy = definition is null ? Output(value) : ValueCopier.Copy(value);
        var key = scope.IsRoot && alias is null ? column : alias ?? scope.AliasedKey(column);
        entity[key] = scope.IsRoot && alias is null ? copy : new AliasedValue(scope.Table.LogicalName, column, copy);
        if (copy is not null && definition is not null)
        {
            // Entity.FormattedValues, under the same key as the value (a linked column's under its alias), as Dataverse returns
            // them with every query ("Access formatted values", org-service/entity-operations-query-data).
            access.Formatting.Fill(entity, key, scope.Table, definition, copy, source);
        }
    }

    /// <summary>A copy of a stored value; lookups carry the referenced row's primary name, as Dataverse returns them.</summary>
    public object? Output(object? value)
    {
        var copy = ValueCopier.Copy(value);
        if (copy is EntityReference reference)
        {
            reference.Name = access.PrimaryName(reference);
        }

        return copy;
    }

    private static string Describe(object? value) => value switch
    {
        null => string.Empty,
        AliasedValue aliased => Describe(aliased.Value),
        EntityReference reference => $"{reference.LogicalName}:{reference.Id}",
        Money money => money.Value.ToString(CultureInfo.InvariantCulture),
        OptionSetValue option => option.Value.ToString(CultureInfo.InvariantCulture),
        string text => Collation.FoldForEquality(text),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
