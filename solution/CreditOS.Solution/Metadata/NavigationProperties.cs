namespace CreditOS.Solution.Metadata;

/// <summary>A single-valued navigation property: the Web API's name for a lookup to one target table (@odata.bind, $expand).</summary>
public sealed record NavigationProperty(string Name, string Table, string Column, string Target);

/// <summary>
/// Derives single-valued navigation property names from the relationships, as Dataverse names them
/// (OneToManyRelationshipMetadata.ReferencingEntityNavigationPropertyName). Names are case-sensitive:
/// a relationship the solution declares is navigated by its lookup column's schema name (cos_AccountId,
/// TransactionCurrencyId); a standard table's own relationship by the column's logical name (transactioncurrencyid);
/// a lookup with several targets by column_target (customerid_account); an activity's regarding lookup by
/// regardingobjectid_target_activity (regardingobjectid_account_task).
/// </summary>
public static class NavigationProperties
{
    private const string RegardingColumn = "regardingobjectid";

    public static IReadOnlyList<NavigationProperty> Of(MetadataCatalog catalog, TableDefinition table)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(table);
        var lookups = catalog.Relationships
            .Where(r => r.Type == RelationshipType.OneToMany && r.ReferencingTable == table.LogicalName && r.ReferencingAttribute is not null)
            .GroupBy(r => r.ReferencingAttribute!, StringComparer.Ordinal);
        var properties = new List<NavigationProperty>();
        foreach (var lookup in lookups)
        {
            if (table.FindColumn(lookup.Key) is not { } column)
            {
                continue;
            }

            var polymorphic = lookup.Count() > 1;
            foreach (var relationship in lookup)
            {
                // An activity's regarding lookup is named with the activity too: "regardingobjectid_account_task@odata.bind" (Execute
                // batch operations using the Web API, every task of its examples; learn.microsoft.com/power-apps/developer/data-platform/
                // webapi/execute-batch-operations-using-web-api). It was regardingobjectid_account here (session 16).
                var name = table.IsActivity && column.LogicalName == RegardingColumn ? $"{column.LogicalName}_{relationship.ReferencedTable}_{table.LogicalName}"
                    : polymorphic ? $"{column.LogicalName}_{relationship.ReferencedTable}"
                    : relationship.IsStandard ? column.LogicalName
                    : column.SchemaName;
                properties.Add(new NavigationProperty(name, table.LogicalName, column.LogicalName, relationship.ReferencedTable));
            }
        }

        return properties;
    }

    /// <summary>The navigation property with exactly this name (case-sensitive, as the Web API compares), or null.</summary>
    public static NavigationProperty? Find(MetadataCatalog catalog, TableDefinition table, string name) =>
        Of(catalog, table).FirstOrDefault(property => string.Equals(property.Name, name, StringComparison.Ordinal));

    /// <summary>The name that binds <paramref name="column"/> of <paramref name="table"/> to a row of <paramref name="target"/>.</summary>
    public static string For(MetadataCatalog catalog, string table, string column, string target)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var definition = catalog.FindTable(table) ?? throw new ArgumentException($"The solution has no table '{table}'.", nameof(table));
        return Of(catalog, definition).FirstOrDefault(p => p.Column == column && p.Target == target)?.Name
            ?? throw new ArgumentException($"No relationship in the solution makes '{table}.{column}' a lookup to '{target}'.", nameof(column));
    }
}
