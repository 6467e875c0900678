using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// The part of a query's top-level filter that reads the root table's own columns alone: its plain conditions without an
/// entity name when the filter is an And (session 22). The executor tests root rows against it before joining them, as
/// SQL Server applies such a predicate to the root table before its joins: a root that is scanned (no index answers its
/// conditions; the environment variables every payment reads, say) is joined only where it can qualify, instead of every
/// row being joined and then filtered. The whole filter still decides every joined row, so the rows returned are the same.
/// Left out, so they are tested only after the joins as before: conditions naming a link's alias or table, column
/// comparisons (valueof may name a link's column), filter links (any / not any), the hierarchy and caller operators (which
/// read other rows when compiled), and everything under a nested filter or an Or.
/// </summary>
internal static class RootConditions
{
    /// <summary>The root-only conditions as an And filter; null when the query has no link-entity or no such condition.</summary>
    public static FilterExpression? Of(QuerySpec spec, ScopeSet scopes)
    {
        var criteria = spec.Criteria;
        if (scopes.All.Count < 2 || criteria.FilterOperator != LogicalOperator.And)
        {
            return null;
        }

        var own = new FilterExpression(LogicalOperator.And);
        foreach (var condition in criteria.Conditions)
        {
            if (string.IsNullOrEmpty(condition.EntityName)
                && !condition.CompareColumns
                && FilterLink.IndexOf(condition, spec.FilterLinks.Count) < 0
                && !HierarchyWalker.IsHierarchyOperator(condition.Operator)
                && !CallerOperators.Handles(condition.Operator))
            {
                own.Conditions.Add(condition);
            }
        }

        return own.Conditions.Count > 0 ? own : null;
    }
}
