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
                    var keys = condition.Values
                        .Select(value => (Guid)ConditionValueCoercer.Coerce(value, ValueKind.Identifier, scopes.Root.Table.LogicalName, column.LogicalName, column.Type == ColumnType.PrimaryKey))
                        .Distinct()
                        .ToList();
                    seeks.Add(new RootSeek(column.LogicalName, keys));
                }
            }

            foreach (var child in filter.Filters)
            {
                Collect(child);
            }
        }
    }
}
