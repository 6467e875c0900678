using CreditOS.Solution.Metadata;

namespace CreditOS.LocalDataverse.Query;

/// <summary>One table in a query: the root entity (index 0) or a link-entity, with the alias its columns are returned under.</summary>
internal sealed class Scope
{
    public required int Index { get; init; }
    /// <summary>The scope this one is joined to; -1 for the root.</summary>
    public required int ParentIndex { get; init; }
    public required TableDefinition Table { get; init; }
    public required string Alias { get; init; }
    public required bool HasExplicitAlias { get; init; }
    public required ColumnSelection Columns { get; init; }
    /// <summary>The link-entity as first planned: its kind, columns and orders are the shape's; its criteria may hold another call's values (a cached shape), so planning reads each call's own.</summary>
    public LinkSpec? Link { get; init; }
    /// <summary>Join column on this table (link-entity from).</summary>
    public ColumnDefinition? FromColumn { get; init; }
    /// <summary>Join column on the parent table (link-entity to).</summary>
    public ColumnDefinition? ToColumn { get; init; }

    public bool IsRoot => ParentIndex < 0;

    // Concurrent: a cached query shape's scopes serve every query of that shape, on any thread (QueryShapeCache).
    private System.Collections.Concurrent.ConcurrentDictionary<string, string>? _aliasedKeys;

    /// <summary>"alias.column", the key a linked column is returned under: made once per scope, not once per row.</summary>
    public string AliasedKey(string column)
    {
        var keys = LazyInitializer.EnsureInitialized(ref _aliasedKeys, static () => new(StringComparer.Ordinal));
        return keys.TryGetValue(column, out var key) ? key : keys.GetOrAdd(column, static (name, alias) => alias + "." + name, Alias);
    }
}
