using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// Compiles a filter link (any, not any, all, not all) into a predicate on the parent row: the linked rows whose from column
/// equals the parent's to column are found by index seek where the source has one, else by scanning the table, and the link's own
/// filter is evaluated on each. Its conditions name only the linked table's columns; nested link-entities are not implemented.
/// </summary>
internal static class FilterLinkCompiler
{
    public static RowPredicate Compile(FilterLink filterLink, Scope parent, IRowSource rows, Func<QuerySpec, ScopeSet, Scope, RowPredicate> compileCriteria)
    {
        var link = filterLink.Link;
        var to = ColumnReader.For(parent, link.ToAttribute);
        var spec = new QuerySpec { EntityName = link.EntityName, Columns = ColumnSelection.None, Criteria = link.Criteria };
        var scopes = ScopeSet.Build(spec, rows.Metadata);
        var from = ColumnReader.For(scopes.Root, link.FromAttribute);
        var criteria = compileCriteria(spec, scopes, scopes.Root);
        var table = link.EntityName;

        bool Satisfies(Entity linked) => criteria([linked]);

        IEnumerable<Entity> Matching(object key)
        {
            if (from.Kind == ValueKind.Identifier && key is Guid id && rows.TrySeek(table, from.Name, id, out var seeked))
            {
                return seeked;
            }

            var hash = CanonicalValue.HashKey(key);
            return rows.Scan(table).Where(row => from.Read([row]) is { } value && Equals(CanonicalValue.HashKey(value), hash));
        }

        return filterLink.Kind switch
        {
            FilterLinkKind.Any => row => to.Read(row) is { } key && Matching(key).Any(Satisfies),
            FilterLinkKind.NotAny => row => to.Read(row) is not { } key || !Matching(key).Any(Satisfies),
            FilterLinkKind.All => row => to.Read(row) is not { } key || Matching(key).All(Satisfies),
            _ => row => to.Read(row) is { } key && Matching(key).Any(linked => !Satisfies(linked)),
        };
    }
}
