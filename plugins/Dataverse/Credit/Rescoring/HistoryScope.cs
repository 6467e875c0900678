using System.Xml.Linq;
using CreditOS.Dataverse.Framework;

namespace CreditOS.Dataverse.Credit.Rescoring;

/// <summary>
/// Whose history an aggregate reads: one account (a condition on it, no extra grouping), or a page of accounts (the
/// same query with an <c>in</c> condition, grouped by customer as well), so one query text serves both rescoring paths.
/// </summary>
internal sealed class HistoryScope
{
    /// <summary>The alias of the customer group in a page's aggregate rows.</summary>
    public const string AccountAlias = "account";

    private readonly IReadOnlyList<Guid> accountIds;

    private HistoryScope(IReadOnlyList<Guid> accountIds, bool groupsByAccount)
    {
        this.accountIds = accountIds;
        GroupsByAccount = groupsByAccount;
    }

    public bool GroupsByAccount { get; }

    public static HistoryScope One(Guid accountId) => new([accountId], groupsByAccount: false);

    public static HistoryScope Page(IReadOnlyList<Guid> accountIds) => new(accountIds, groupsByAccount: true);

    /// <summary>The condition on the table's account column.</summary>
    public XElement Condition(string accountColumn)
    {
        if (!GroupsByAccount)
        {
            return FetchXml.Condition(accountColumn, "eq", accountIds[0]);
        }

        return new XElement(
            "condition",
            new XAttribute("attribute", accountColumn),
            new XAttribute("operator", "in"),
            accountIds.Select(id => new XElement("value", id.ToString("D"))));
    }

    /// <summary>The customer grouping of a page's aggregate; no content for one account.</summary>
    public object GroupBy(string accountColumn) => GroupsByAccount ? FetchXml.GroupBy(accountColumn, AccountAlias) : Array.Empty<XElement>();
}
