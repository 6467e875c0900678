using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// Dataverse-shaped paging cookies: &lt;cookie page="N"&gt;&lt;column last=".." first=".."/&gt;…&lt;primaryid last="{…}" first="{…}"/&gt;&lt;/cookie&gt;.
/// The next page starts after the last row's sort values, so rows added or removed meanwhile do not shift it.
/// As in Dataverse, queries ordered on a link-entity column, and distinct queries, get no cookie and fall back to page numbers.
/// </summary>
internal static class PagingCookie
{
    private const string CookieElement = "cookie";
    private const string PageAttribute = "page";
    private const string LastAttribute = "last";
    private const string FirstAttribute = "first";

    public static bool IsSupported(QueryPlan plan) =>
        !plan.Spec.Distinct && plan.SortKeys.All(key => key.Scope.IsRoot);

    public static string Create(QueryPlan plan, IReadOnlyList<SortedRow> page, int pageNumber)
    {
        var first = page[0];
        var last = page[^1];
        var cookie = new XElement(CookieElement, new XAttribute(PageAttribute, pageNumber));
        for (var index = 0; index < plan.SortKeys.Count; index++)
        {
            cookie.Add(new XElement(plan.SortKeys[index].Name,
                Attribute(LastAttribute, last.Keys[index]),
                Attribute(FirstAttribute, first.Keys[index])));
        }

        cookie.Add(new XElement(plan.Scopes.Root.Table.PrimaryIdAttribute,
            Attribute(LastAttribute, last.Id),
            Attribute(FirstAttribute, first.Id)));
        return cookie.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>
    /// Whether a cookie is used for the page asked: only for the page after the cookie's own. "If you request nonconsecutive
    /// pages, the paging cookie value is ignored" (Page large result sets with QueryExpression, and with FetchXML,
    /// org-service/page-large-result-sets-with-queryexpression), and the page is then read by its number. Before round 11 the
    /// local engine resumed after the cookie's last row whatever page number was asked, so page 3 with page 1's cookie answered
    /// page 2's rows. A cookie that is not XML, or has no page, is left to <see cref="ResumeIndex"/>, which refuses what it cannot
    /// read. A page that is not a number is QueryBuilderInvalidPagingCookie 0x8004112A "Invalid page number in paging cookie." (Web
    /// service error codes); before round 12 such a cookie was taken as the previous page's.
    /// </summary>
    public static bool AppliesTo(string cookieText, int pageNumber)
    {
        try
        {
            var page = XElement.Parse(cookieText).Attribute(PageAttribute)?.Value;
            if (page is null)
            {
                return true;
            }

            return int.TryParse(page, NumberStyles.Integer, CultureInfo.InvariantCulture, out var cookiePage)
                ? cookiePage == pageNumber - 1
                : throw QueryFaults.Create(QueryErrorCodes.QueryBuilderInvalidPagingCookie, $"Invalid page number in paging cookie. ('{page}')");
        }
        catch (XmlException)
        {
            return true;
        }
    }

    /// <summary>The position of the first row after the cookie's last row.</summary>
    public static int ResumeIndex(QueryPlan plan, string cookieText, IReadOnlyList<SortedRow> rows)
    {
        var marker = Parse(plan, cookieText);
        var comparer = new SortedRow.Comparer(plan.SortKeys);
        var index = 0;
        while (index < rows.Count && comparer.Compare(rows[index], marker) <= 0)
        {
            index++;
        }

        return index;
    }

    private static SortedRow Parse(QueryPlan plan, string cookieText)
    {
        XElement cookie;
        try
        {
            cookie = XElement.Parse(cookieText);
        }
        catch (XmlException exception)
        {
            throw InvalidCookie($"it is not XML ({exception.Message})");
        }

        var elements = cookie.Elements().ToList();
        if (cookie.Name.LocalName != CookieElement || elements.Count != plan.SortKeys.Count + 1)
        {
            throw OrderMismatch("it does not match the query's order");
        }

        var keys = new object?[plan.SortKeys.Count];
        for (var index = 0; index < keys.Length; index++)
        {
            var key = plan.SortKeys[index];
            if (elements[index].Name.LocalName != key.Name)
            {
                throw OrderMismatch($"it orders by '{elements[index].Name.LocalName}' where the query orders by '{key.Name}'");
            }

            keys[index] = elements[index].Attribute(LastAttribute)?.Value is { } text ? ParseValue(text, key.ValueType) : null;
        }

        var idText = elements[^1].Attribute(LastAttribute)?.Value;
        if (elements[^1].Name.LocalName != plan.Scopes.Root.Table.PrimaryIdAttribute || !Guid.TryParse(idText, out var id))
        {
            throw InvalidCookie("it does not end with the primary key of the last row");
        }

        return new SortedRow([], keys, id);
    }

    private static XAttribute? Attribute(string name, object? value) => value switch
    {
        null => null,
        string text => new XAttribute(name, text),
        Guid id => new XAttribute(name, id.ToString("B").ToUpperInvariant()),
        DateTime moment => new XAttribute(name, moment.ToString("o", CultureInfo.InvariantCulture)),
        bool flag => new XAttribute(name, flag ? "1" : "0"),
        double number => new XAttribute(name, number.ToString("R", CultureInfo.InvariantCulture)),
        IFormattable formattable => new XAttribute(name, formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => throw new InvalidOperationException($"A sort value of type {value.GetType().Name} cannot go into a paging cookie."),
    };

    private static object ParseValue(string text, Type type)
    {
        try
        {
            return type == typeof(string) ? text
                : type == typeof(Guid) ? Guid.Parse(text)
                : type == typeof(DateTime) ? DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
                : type == typeof(bool) ? text == "1"
                : type == typeof(double) ? double.Parse(text, CultureInfo.InvariantCulture)
                : type == typeof(decimal) ? decimal.Parse(text, CultureInfo.InvariantCulture)
                : int.Parse(text, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            throw InvalidCookie($"the value '{text}' is not a {type.Name}");
        }
    }

    /// <summary>
    /// A cookie whose columns are not the query's order: QueryBuilderPagingOrderBy 0x80041129 "Order by columns do not match those
    /// in paging cookie." (Web service error codes, learn.microsoft.com/power-apps/developer/data-platform/reference/web-service-error-codes),
    /// with what did not match. It was InvalidArgument before session 16.
    /// </summary>
    private static Exception OrderMismatch(string reason) =>
        QueryFaults.Create(
            QueryErrorCodes.QueryBuilderPagingOrderBy,
            $"Order by columns do not match those in paging cookie. The paging cookie is not valid for this query: {reason}. Pass back the PagingCookie of the previous page unchanged.");

    private static Exception InvalidCookie(string reason) =>
        QueryFaults.InvalidArgument($"The paging cookie is not valid for this query: {reason}. Pass back the PagingCookie of the previous page unchanged.");
}
