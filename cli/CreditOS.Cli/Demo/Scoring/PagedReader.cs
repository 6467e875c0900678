using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Cli.Demo.Scoring;

/// <summary>Reads every row of a query page by page (5,000 rows a page, the platform maximum) with paging cookies.</summary>
internal static class PagedReader
{
    public const int PageSize = 5000;

    public static IEnumerable<Entity> All(IOrganizationService service, QueryExpression query)
    {
        query.PageInfo = new PagingInfo { Count = PageSize, PageNumber = 1 };
        while (true)
        {
            var page = service.RetrieveMultiple(query);
            foreach (var row in page.Entities)
            {
                yield return row;
            }

            if (!page.MoreRecords)
            {
                yield break;
            }

            query.PageInfo.PageNumber++;
            query.PageInfo.PagingCookie = page.PagingCookie;
        }
    }

    public static QueryExpression Query(string table, params string[] columns) => new(table) { ColumnSet = new ColumnSet(columns) };
}
