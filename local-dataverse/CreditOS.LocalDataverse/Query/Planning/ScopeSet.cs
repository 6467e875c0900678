using CreditOS.Solution.Metadata;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// The tables of a query in document order, and how condition/order entity names resolve to them.
/// Link-entities without an alias get Dataverse's default: the table's logical name for a many-to-one link,
/// otherwise the logical name followed by the count of link-entities to that table (contact1, contact2, ...).
/// </summary>
internal sealed class ScopeSet
{
    /// <summary>Dataverse allows at most this many link-entities in one query.</summary>
    public const int MaximumLinkEntities = 15;

    private readonly List<Scope> _scopes = [];

    public IReadOnlyList<Scope> All => _scopes;
    public Scope Root => _scopes[0];

    public static ScopeSet Build(QuerySpec spec, MetadataCatalog metadata)
    {
        var set = new ScopeSet();
        var root = metadata.FindTable(spec.EntityName) ?? throw QueryFaults.UnknownTable(spec.EntityName);
        set._scopes.Add(new Scope
        {
            Index = 0,
            ParentIndex = -1,
            Table = root,
            Alias = root.LogicalName,
            HasExplicitAlias = false,
            Columns = spec.Columns,
        });
        foreach (var link in spec.Links)
        {
            set.AddLink(link, parent: set.Root, metadata);
        }

        if (set._scopes.Count - 1 > MaximumLinkEntities)
        {
            throw QueryFaults.Create(QueryErrorCodes.LinkEntityLimitExceeded, "Number of link entities in query exceeded maximum limit.");
        }

        return set;
    }

    /// <summary>The scope a condition's or order's entityname points at: a link alias, else the root's table name, else a link's table name.</summary>
    public Scope Resolve(string? entityName, Scope defaultScope)
    {
        if (string.IsNullOrEmpty(entityName))
        {
            return defaultScope;
        }

        // Plain loops in the order the LINQ chain tried them (a link's alias, the root's table, an unaliased link's table): no
        // enumerator per resolved name.
        for (var index = 1; index < _scopes.Count; index++)
        {
            if (_scopes[index].Alias == entityName)
            {
                return _scopes[index];
            }
        }

        if (Root.Table.LogicalName == entityName)
        {
            return Root;
        }

        for (var index = 1; index < _scopes.Count; index++)
        {
            if (!_scopes[index].HasExplicitAlias && _scopes[index].Table.LogicalName == entityName)
            {
                return _scopes[index];
            }
        }

        throw QueryFaults.UnknownAlias(entityName);
    }

    private void AddLink(LinkSpec link, Scope parent, MetadataCatalog metadata)
    {
        // The parent is where the link is nested, as on the server: the SDK's own LinkEntity.AddLink
        // copies the outer link's LinkFromEntityName into nested links, so that name cannot be trusted.
        var table = metadata.FindTable(link.EntityName) ?? throw QueryFaults.UnknownTable(link.EntityName);
        var fromColumn = table.FindColumn(link.FromAttribute) ?? throw QueryFaults.UnknownColumn(table, link.FromAttribute);
        var toColumn = parent.Table.FindColumn(link.ToAttribute) ?? throw QueryFaults.UnknownColumn(parent.Table, link.ToAttribute);
        if (ValueKinds.Of(fromColumn.Type) != ValueKinds.Of(toColumn.Type))
        {
            throw QueryFaults.InvalidArgument(
                $"The link-entity joins '{table.LogicalName}.{fromColumn.LogicalName}' ({fromColumn.Type}) to '{parent.Table.LogicalName}.{toColumn.LogicalName}' ({toColumn.Type}), which cannot be compared.");
        }

        if (link.Kind is LinkKind.Exists or LinkKind.NotExists
            && (link.Columns.AllColumns || link.Columns.Columns.Count > 0 || link.Links.Count > 0 || link.Orders.Count > 0))
        {
            throw QueryFaults.NotSupported(
                $"columns, orders or nested links under the {link.Kind} link to '{link.EntityName}' (such a link only filters its parent rows)");
        }

        var alias = link.Alias;
        if (!string.IsNullOrEmpty(alias) && _scopes.Any(scope => scope.Alias == alias))
        {
            // QueryBuilderDuplicateAlias 0x80041130 "FetchXML should have unique aliases." (reference/web-service-error-codes); it
            // was InvalidArgument before session 16.
            throw QueryFaults.Create(
                QueryErrorCodes.QueryBuilderDuplicateAlias,
                $"FetchXML should have unique aliases. The alias '{alias}' is used by more than one link-entity in the query.");
        }

        var scope = new Scope
        {
            Index = _scopes.Count,
            ParentIndex = parent.Index,
            Table = table,
            Alias = string.IsNullOrEmpty(alias) ? DefaultAlias(table, fromColumn, toColumn) : alias,
            HasExplicitAlias = !string.IsNullOrEmpty(alias),
            Columns = link.Columns,
            Link = link,
            FromColumn = fromColumn,
            ToColumn = toColumn,
        };
        _scopes.Add(scope);
        foreach (var nested in link.Links)
        {
            AddLink(nested, scope, metadata);
        }
    }

    private string DefaultAlias(TableDefinition table, ColumnDefinition fromColumn, ColumnDefinition toColumn)
    {
        var manyToOne = ValueKinds.IsReference(toColumn.Type) && fromColumn.LogicalName == table.PrimaryIdAttribute;
        if (manyToOne && _scopes.TrueForAll(scope => scope.Alias != table.LogicalName))
        {
            return table.LogicalName;
        }

        var number = _scopes.Count(scope => !scope.IsRoot && scope.Table.LogicalName == table.LogicalName) + 1;
        while (_scopes.Exists(scope => scope.Alias == table.LogicalName + number))
        {
            number++;
        }

        return table.LogicalName + number;
    }
}
