using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// Produces the joined, filtered rows of a plan. Joins run in document order as the SQL Dataverse generates:
/// each link-entity joins to its parent's row, with its own criteria inside the join; an inner link under an
/// outer one therefore drops rows where the outer link found nothing, exactly as in Dataverse.
/// </summary>
internal static class JoinedRows
{
    public static List<Entity?[]> Produce(QueryPlan plan, RowAccess access)
    {
        var width = plan.Scopes.All.Count;
        var roots = RootRows(plan, access);
        if (plan.RootFilter is { } rootFilter)
        {
            // A root row its own conditions reject is not joined (RootConditions); one probe row, only its root slot is read.
            var probe = new Entity?[width];
            roots = roots.Where(entity =>
            {
                probe[0] = entity;
                return rootFilter(probe);
            });
        }

        var rows = roots.Select(entity =>
        {
            var row = new Entity?[width];
            row[0] = entity;
            return row;
        });

        foreach (var scope in plan.Scopes.All.Skip(1))
        {
            rows = Join(rows, scope, plan.JoinCriteria[scope.Index]!, new LinkMatcher(scope, plan.LinkTextSeeks[scope.Index], access));
        }

        return rows.Where(row => plan.Filter(row)).ToList();
    }

    /// <summary>Starts from an index seek when the top-level filter allows one, otherwise scans the root table.</summary>
    private static IEnumerable<Entity> RootRows(QueryPlan plan, RowAccess access)
    {
        var table = plan.Scopes.Root.Table.LogicalName;
        foreach (var seek in plan.Seeks)
        {
            var found = new List<Entity>();
            var indexed = true;
            foreach (var key in seek.Keys)
            {
                if (access.Seek(table, seek.Column, key) is not { } rows)
                {
                    indexed = false;
                    break;
                }

                found.AddRange(rows);
            }

            if (indexed)
            {
                return found;
            }
        }

        return TextSeekRows(plan.TextSeeks, access, table) ?? access.Scan(table);
    }

    /// <summary>
    /// The rows of the most selective text condition a text index answers (fewest committed rows: a key's first column,
    /// e.g. the source system, often holds one value for every row); null when none has one, or when the fewest are not
    /// fewer than <paramref name="fewerThan"/>. The whole filter (or the link's criteria) still applies after.
    /// </summary>
    internal static List<Entity>? TextSeekRows(IReadOnlyList<TextSeek> seeks, RowAccess access, string table, long fewerThan = long.MaxValue)
    {
        TextSeek? best = null;
        var fewest = fewerThan;
        foreach (var seek in seeks)
        {
            long count = 0;
            foreach (var value in seek.Values)
            {
                if (access.SeekTextCount(table, seek.Column, value) is not { } rows)
                {
                    count = -1;
                    break;
                }

                count += rows;
            }

            if (count >= 0 && count < fewest)
            {
                (best, fewest) = (seek, count);
            }
        }

        if (best is null)
        {
            return null;
        }

        var found = new List<Entity>();
        foreach (var value in best.Values)
        {
            found.AddRange(access.SeekText(table, best.Column, value)!);
        }

        return found;
    }

    private static IEnumerable<Entity?[]> Join(IEnumerable<Entity?[]> rows, Scope scope, RowPredicate criteria, LinkMatcher matcher) =>
        scope.Link!.Kind is LinkKind.Exists or LinkKind.NotExists
            ? SemiJoin(rows, scope, criteria, matcher, keepMatched: scope.Link.Kind == LinkKind.Exists)
            : FullJoin(rows, scope, criteria, matcher, outer: scope.Link.Kind == LinkKind.LeftOuter);

    private static IReadOnlyList<Entity> Candidates(Entity?[] row, Scope scope, LinkMatcher matcher)
    {
        var parent = row[scope.ParentIndex];
        var key = parent is null ? null : CanonicalValue.FromStored(
            parent.Attributes.TryGetValue(scope.ToColumn!.LogicalName, out var value) ? value : null,
            ValueKinds.Of(scope.ToColumn.Type));
        return key is null ? [] : matcher.Find(key);
    }

    /// <summary>Exists / NotAny: the parent row once, if some (no) linked row matches; the linked row itself is not kept.</summary>
    private static IEnumerable<Entity?[]> SemiJoin(IEnumerable<Entity?[]> rows, Scope scope, RowPredicate criteria, LinkMatcher matcher, bool keepMatched)
    {
        foreach (var row in rows)
        {
            var probe = (Entity?[])row.Clone();
            var matched = Candidates(row, scope, matcher).Any(candidate =>
            {
                probe[scope.Index] = candidate;
                return criteria(probe);
            });
            if (matched == keepMatched)
            {
                yield return row;
            }
        }
    }

    private static IEnumerable<Entity?[]> FullJoin(IEnumerable<Entity?[]> rows, Scope scope, RowPredicate criteria, LinkMatcher matcher, bool outer)
    {
        foreach (var row in rows)
        {
            var matched = false;
            var candidates = Candidates(row, scope, matcher);
            for (var index = 0; index < candidates.Count; index++)
            {
                // The link's criteria are tried on the row itself (its slot for this link is empty until joined), and only a
                // match is copied: a parent with many linked rows that the criteria mostly reject costs no copy per rejection.
                var candidate = candidates[index];
                row[scope.Index] = candidate;
                var accepted = criteria(row);
                row[scope.Index] = null;
                if (accepted)
                {
                    matched = true;
                    var joined = (Entity?[])row.Clone();
                    joined[scope.Index] = candidate;
                    yield return joined;
                }
            }

            if (!matched && outer)
            {
                yield return row;
            }
        }
    }
}
