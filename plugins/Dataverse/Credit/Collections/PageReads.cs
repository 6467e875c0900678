using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Collections;

/// <summary>
/// How the set-based collections work reads one kind of row for a whole page of accounts: every page of a query
/// (5,000 rows at most per page, the paging cookie carried on), then grouped by account. Each page read is one call,
/// counted into the caller's figure.
/// </summary>
internal static class PageReads
{
    public const int RowsPerPage = 5000;

    public static List<Entity> All(IOrganizationService service, QueryExpression query, ref int calls)
    {
        query.PageInfo = new PagingInfo { Count = RowsPerPage, PageNumber = 1 };
        var rows = new List<Entity>();
        while (true)
        {
            var page = service.RetrieveMultiple(query);
            calls++;
            rows.AddRange(page.Entities);
            if (!page.MoreRecords)
            {
                return rows;
            }

            query.PageInfo.PageNumber++;
            query.PageInfo.PagingCookie = page.PagingCookie;
        }
    }

    /// <summary>Rows grouped by the account their lookup names.</summary>
    public static Dictionary<Guid, List<Entity>> ByAccount(IEnumerable<Entity> rows, string accountColumn)
    {
        var byAccount = new Dictionary<Guid, List<Entity>>();
        foreach (var row in rows)
        {
            var account = row.GetAttributeValue<EntityReference>(accountColumn)?.Id
                ?? throw new InvalidPluginExecutionException("A row of the page's " + row.LogicalName + " read names no account in " + accountColumn + "; the page's reads must carry it.");
            if (!byAccount.TryGetValue(account, out var own))
            {
                byAccount[account] = own = [];
            }

            own.Add(row);
        }

        return byAccount;
    }

    public static IReadOnlyList<Entity> Of(Dictionary<Guid, List<Entity>> rows, Guid accountId) =>
        rows.TryGetValue(accountId, out var own) ? own : [];

    /// <summary>An <c>in</c> condition on the account column for a page.</summary>
    public static object[] Ids(IEnumerable<Guid> accountIds) => accountIds.Cast<object>().ToArray();
}
