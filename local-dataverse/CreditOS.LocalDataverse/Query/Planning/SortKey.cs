using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// One ORDER BY term. Values order as in SQL Server: nulls first ascending (last descending), text under the collation,
/// lookups by the referenced row's primary name and choices by label (unless raw ordering was asked for), as Dataverse does.
/// </summary>
internal sealed class SortKey(string name, Scope scope, Type valueType, bool descending, Func<Entity?[], object?> read)
{
    /// <summary>The cookie element name: the column's logical name.</summary>
    public string Name { get; } = name;
    public Scope Scope { get; } = scope;
    /// <summary>CLR type of the values <see cref="Read"/> returns (for the paging cookie).</summary>
    public Type ValueType { get; } = valueType;
    public bool Descending { get; } = descending;

    public object? Read(Entity?[] row) => read(row);

    public int Compare(object? left, object? right)
    {
        var comparison = CanonicalValue.Compare(left, right);
        return Descending ? -comparison : comparison;
    }
}
