using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Query;

/// <summary>Orders, pages and projects the joined rows into the EntityCollection Dataverse would return.</summary>
internal static class ResultBuilder
{
    /// <summary>Simple paging (page numbers without a cookie) cannot reach past this many rows in Dataverse.</summary>
    public const int SimplePagingRecordLimit = 50_000;

    /// <summary>TotalRecordCount counts up to this many rows; beyond it TotalRecordCountLimitExceeded is set.</summary>
    public const int TotalRecordCountLimit = 5000;

    public static EntityCollection Rows(QueryPlan plan, List<Entity?[]> joined, RowAccess access)
    {
        var projector = new Projector(plan, access);
        var sorted = SortedRow.Sort(joined, plan.SortKeys);
        if (plan.Spec.Distinct)
        {
            var distinct = sorted.Select(row => projector.Project(row.Row))
                .DistinctBy(Projector.DistinctKey)
                .ToList();
            var (start, take, more) = Window(distinct.Count, plan.Page, resumeAt: null);
            return Collection(distinct.GetRange(start, take), more, cookie: null, distinct.Count, plan.Page);
        }

        var resumeAt = plan.Page.PagingCookie is { } cookie && plan.Page.PageNumber > 1 && PagingCookie.IsSupported(plan)
            && PagingCookie.AppliesTo(cookie, plan.Page.PageNumber)
            ? PagingCookie.ResumeIndex(plan, cookie, sorted)
            : (int?)null;
        var window = Window(sorted.Count, plan.Page, resumeAt);
        var page = sorted.GetRange(window.Start, window.Take);
        var nextCookie = window.More && PagingCookie.IsSupported(plan)
            ? PagingCookie.Create(plan, page, plan.Page.PageNumber)
            : null;
        return Collection(page.Select(row => projector.Project(row.Row)).ToList(), window.More, nextCookie, sorted.Count, plan.Page);
    }

    public static EntityCollection Aggregates(QueryPlan plan, List<Entity?[]> joined, RowAccess access) =>
        AggregatePage(plan, Aggregator.Aggregate(plan, joined, new Projector(plan, access)));

    /// <summary>The page the plan asks for of an aggregate's whole, ordered results (computed once for all its pages).</summary>
    public static EntityCollection AggregatePage(QueryPlan plan, List<Entity> results)
    {
        var (start, take, more) = Window(results.Count, plan.Page, resumeAt: null);
        return Collection(results.GetRange(start, take), more, cookie: null, results.Count, plan.Page);
    }

    private static (int Start, int Take, bool More) Window(int total, PageRequest page, int? resumeAt)
    {
        if (page.Top is { } top)
        {
            return (0, Math.Min(top, total), false);
        }

        var start = resumeAt ?? ((page.PageNumber - 1) * page.PageSize);
        if (resumeAt is null && start + page.PageSize > SimplePagingRecordLimit && start < total)
        {
            throw QueryFaults.InvalidArgument(
                $"Page {page.PageNumber} of {page.PageSize} rows reaches past row {SimplePagingRecordLimit}, which paging by page number cannot do in Dataverse; pass the PagingCookie of the previous page.");
        }

        start = Math.Min(start, total);
        var take = Math.Min(page.PageSize, total - start);
        return (start, take, start + take < total);
    }

    private static EntityCollection Collection(List<Entity> entities, bool more, string? cookie, int total, PageRequest page) =>
        new(entities)
        {
            MoreRecords = more,
            PagingCookie = cookie,
            TotalRecordCount = page.ReturnTotalRecordCount ? Math.Min(total, TotalRecordCountLimit) : -1,
            TotalRecordCountLimitExceeded = page.ReturnTotalRecordCount && total > TotalRecordCountLimit,
        };
}
