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
    public LinkSpec? Link { get; init; }
    /// <summary>Join column on this table (link-entity from).</summary>
    public ColumnDefinition? FromColumn { get; init; }
    /// <summary>Join column on the parent table (link-entity to).</summary>
    public ColumnDefinition? ToColumn { get; init; }
    /// <summary>The link-entity's own filter, applied within the join.</summary>
    public RowPredicate? JoinCriteria { get; set; }
    /// <summary>The link-entity's own Equal / In conditions on its text columns: a text index may find its rows without the parent's whole set of linked rows.</summary>
    public IReadOnlyList<TextSeek> TextSeeks { get; set; } = [];

    public bool IsRoot => ParentIndex < 0;

    private Dictionary<string, string>? _aliasedKeys;

    /// <summary>"alias.column", the key a linked column is returned under: made once per query, not once per row.</summary>
    public string AliasedKey(string column)
    {
        _aliasedKeys ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (!_aliasedKeys.TryGetValue(column, out var key))
        {
            key = Alias + "." + column;
            _aliasedKeys[column] = key;
        }

        return key;
    }
}
