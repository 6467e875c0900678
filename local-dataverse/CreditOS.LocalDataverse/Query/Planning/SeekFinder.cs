using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// Finds the conditions an index can answer: Equal or In on an identifier column (primary key, lookup, customer, owner)
/// of the root table, in the top-level And filter or an And filter nested in it.
/// </summary>
internal static class SeekFinder
{
    /// <summary>
    /// The Equal or In conditions on text columns of <paramref name="target"/> (the root table unless given: a link-entity
    /// with its own criteria) in the same filters, each a candidate for a text index.
    /// </summary>
    public static List<TextSeek> FindText(FilterExpression criteria, ScopeSet scopes, Scope? target = null)
    {
        var scope = target ?? scopes.Root;
        var seeks = new List<TextSeek>();
        Collect(criteria);
        return seeks;

        void Collect(FilterExpression filter)
        {
            if (filter.FilterOperator != LogicalOperator.And)
            {
                return;
            }

            foreach (var condition in filter.Conditions)
            {
                if (condition.Operator is not (ConditionOperator.Equal or ConditionOperator.In)
                    || scopes.Resolve(condition.EntityName, scope) != scope)
                {
                    continue;
                }

                var column = scope.Table.FindColumn(condition.AttributeName);
                if (column is not null && ValueKinds.Of(column.Type) == ValueKind.Text && condition.Values.All(value => value is string))
                {
                    seeks.Add(new TextSeek(column.LogicalName, condition.Values.Cast<string>().DistinctBy(Collation.FoldForEquality, StringComparer.Ordinal).ToList()));
                }
            }

            foreach (var child in filter.Filters)
            {
                Collect(child);
            }
        }
    }

    public static List<RootSeek> Find(FilterExpression criteria, ScopeSet scopes)
    {
        var seeks = new List<RootSeek>();
        Collect(criteria);
        return seeks;

        void Collect(FilterExpression filter)
        {
            if (filter.FilterOperator != LogicalOperator.And)
            {
                return;
            }

            foreach (var condition in filter.Conditions)
            {
                if (condition.Operator is not (ConditionOperator.Equal or ConditionOperator.In)
                    || scopes.Resolve(condition.EntityName, scopes.Root) != scopes.Root)
                {
                    continue;
                }

                var column = scopes.Root.Table.FindColumn(condition.AttributeName);
                if (column is not null && ValueKinds.Of(column.Type) == ValueKind.Identifier)
                {
                    seeks.Add(new RootSeek(column.LogicalName, DistinctKeys(condition.Values, scopes.Root.Table.LogicalName, column)));
                }
            }

            foreach (var child in filter.Filters)
            {
                Collect(child);
            }
        }
    }

    /// <summary>Above this many values a seek's keys are told apart by a set; at or below it by comparing them in a loop.</summary>
    internal const int FewKeys = 8;

    /// <summary>
    /// The condition's values as identifiers, each coerced in order (the first value that is not one fails, as before), a
    /// repeat dropped, first occurrences in their order: what <c>Select(Coerce).Distinct().ToList()</c> gave. Session 35:
    /// nearly every seek is an Equal on one id (a payment's account, a lock claim's row), and the set Distinct made for it
    /// was ≈ 2% of a payment posting's CPU samples; a few keys are compared in a loop, many (a page's In of up to 1,000
    /// accounts) still through a set.
    /// </summary>
    internal static List<Guid> DistinctKeys(IReadOnlyList<object> values, string table, ColumnDefinition column)
    {
        var keys = new List<Guid>(values.Count);
        HashSet<Guid>? seen = values.Count > FewKeys ? new HashSet<Guid>() : null;
        for (var index = 0; index < values.Count; index++)
        {
            var key = (Guid)ConditionValueCoercer.Coerce(values[index], ValueKind.Identifier, table, column.LogicalName, column.Type == ColumnType.PrimaryKey);
            if (seen is null ? !Contains(keys, key) : seen.Add(key))
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    private static bool Contains(List<Guid> keys, Guid key)
    {
        foreach (var known in keys)
        {
            if (known == key)
            {
                return true;
            }
        }

        return false;
    }
}
