using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// The quick find record limit (round 25, session 33). "About quick find queries" (power-apps/developer/data-platform/quick-find):
/// a quick find filter is FetchXML's filter with isquickfindfields='1' or a FilterExpression with IsQuickFindFilter; the
/// "Quick Find record limits" setting "is turned on by default", and then "quick find queries return an error when the number results
/// exceed 10,000 rows": QuickFindQueryRecordLimitExceeded 0x8004E024. "The search item limit is calculated using ONLY the items in the
/// quick find filter … processes it first, even before applying security filters. If the results of the quick find filter exceed 10,000
/// rows, Dataverse throws … and no other filters are processed." A filter's overridequickfindrecordlimitdisabled='1' bypasses it
/// ("Bypass the quick find record limit"). Before this round the flag was read as an ordinary Or filter and any number of rows came back.
/// </summary>
internal static class QuickFindLimit
{
    public const int RecordLimit = 10_000;

    public const string ExceededMessage =
        "The number of records for this search exceeds the Quick Search record limit. Please refine your query and try again.";

    /// <summary>
    /// Faults when the query's quick find filter alone matches more than <see cref="RecordLimit"/> rows of the root table, counted over
    /// <paramref name="unsecured"/> (every row, whoever asks) once <paramref name="secured"/> has checked the caller's Read privilege on
    /// the table, as every query's first step. Returns the rows the count examined (0 when the query has no quick find filter).
    /// </summary>
    public static int Check(QuerySpec spec, IRowSource secured, IRowSource unsecured, DateTime now, QueryCaller? caller)
    {
        if (Find(spec) is not { } quickFind || spec.QuickFindLimitOverridden)
        {
            return 0;
        }

        _ = secured.Scan(spec.EntityName);

        var countOnly = new QuerySpec { EntityName = spec.EntityName, Columns = ColumnSelection.None, Criteria = quickFind };
        var access = new RowAccess(unsecured);
        var plan = new QueryPlanner(unsecured, access, now, caller).Plan(countOnly);
        var matched = JoinedRows.Produce(plan, access).Count;
        if (matched > RecordLimit)
        {
            throw QueryFaults.Create(QueryErrorCodes.QuickFindQueryRecordLimitExceeded,
                $"{ExceededMessage} ({matched:N0} rows of '{spec.EntityName}' match the quick find filter; the limit is {RecordLimit:N0})");
        }

        return access.RowsExamined;
    }

    /// <summary>
    /// The query's quick find filter: the root criteria itself or one of its filters (where the published examples put it). One placed
    /// anywhere else, a second one, or one naming another table's column or holding a filter link is refused as not implemented: the
    /// page describes only "a single filter" on the table's own columns, and the local Dataverse would have to guess what is counted.
    /// </summary>
    private static FilterExpression? Find(QuerySpec spec)
    {
        var candidates = new List<FilterExpression>();
        if (spec.Criteria.IsQuickFindFilter)
        {
            candidates.Add(spec.Criteria);
        }

        candidates.AddRange(spec.Criteria.Filters.Where(filter => filter.IsQuickFindFilter));
        var total = Count(spec.Criteria) + spec.Links.Sum(Count) + spec.FilterLinks.Sum(link => Count(link.Link));
        if (total == 0)
        {
            return null;
        }

        if (total > 1 || candidates.Count != 1)
        {
            throw QueryFaults.NotSupported(
                $"{total} quick find filters (isquickfindfields / IsQuickFindFilter) in one query, or one that is not the root entity's filter or one of its top-level filters");
        }

        var quickFind = candidates[0];
        if (Conditions(quickFind).Any(condition => !string.IsNullOrEmpty(condition.EntityName) || FilterLink.IsMarker(condition)))
        {
            throw QueryFaults.NotSupported("a quick find filter with a condition on a link-entity's column or a link-entity inside it");
        }

        return quickFind;
    }

    private static int Count(LinkSpec link) => Count(link.Criteria) + link.Links.Sum(Count);

    private static int Count(FilterExpression filter) => (filter.IsQuickFindFilter ? 1 : 0) + filter.Filters.Sum(Count);

    private static IEnumerable<ConditionExpression> Conditions(FilterExpression filter) =>
        filter.Conditions.Concat(filter.Filters.SelectMany(Conditions));
}
