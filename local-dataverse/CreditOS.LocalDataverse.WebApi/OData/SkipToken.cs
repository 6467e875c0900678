using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using CreditOS.LocalDataverse.Faults;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// The $skiptoken of an @odata.nextLink, in Dataverse's shape: <c>&lt;cookie pagenumber="2" pagingcookie="%3ccookie%20page%3d%221%22%3e…"
/// istracking="False" /&gt;</c> (Page results using OData, webapi/query/page-results, both examples), the inner paging cookie being
/// the organization service's (<c>&lt;cookie page="1"&gt;&lt;contactid last="{…}" first="{…}" /&gt;&lt;/cookie&gt;</c>), URL-encoded.
/// "A paging cookie tells Dataverse the previous page. With this paging cookie data, Dataverse can start with the next record after
/// the last one on the preceding page" (Ordering and paging, same page): the next page starts after the previous page's last row,
/// whatever was created, changed or deleted in between. Before round 22 (session 30) the local token was the page number alone, so
/// the next page was counted from the first row again: a client that deleted or updated the rows of page 1 before asking for page 2
/// had rows skipped that Dataverse returns.
/// </summary>
internal static class SkipToken
{
    private const string CookieElement = "cookie";
    private const string PageNumberAttribute = "pagenumber";
    private const string PagingCookieAttribute = "pagingcookie";

    /// <summary>The token for <paramref name="nextPage"/>; without a paging cookie (a query the engine cannot resume) it names the page only.</summary>
    public static string Issue(int nextPage, string? pagingCookie)
    {
        var cookie = new XElement(CookieElement, new XAttribute(PageNumberAttribute, nextPage.ToString(CultureInfo.InvariantCulture)));
        if (!string.IsNullOrEmpty(pagingCookie))
        {
            cookie.Add(new XAttribute(PagingCookieAttribute, Uri.EscapeDataString(pagingCookie)));
        }

        cookie.Add(new XAttribute("istracking", "False"));
        return cookie.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>
    /// The page and paging cookie a token this host issued names. The token is opaque: "Use the value of the @odata.nextLink property
    /// to request the next page … You shouldn't modify the encoded information or encode it further" (same page); one the host did not
    /// issue is refused (400).
    /// </summary>
    public static (int Page, string? PagingCookie) Read(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        try
        {
            var cookie = XElement.Parse(token);
            if (cookie.Name.LocalName == CookieElement
                && int.TryParse(cookie.Attribute(PageNumberAttribute)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 1)
            {
                return (page, cookie.Attribute(PagingCookieAttribute)?.Value is { Length: > 0 } encoded ? Uri.UnescapeDataString(encoded) : null);
            }
        }
        catch (XmlException)
        {
            // Not a token this host issued: refused below.
        }

        throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError,
            $"The $skiptoken '{token}' is not one this service issued: request the next page with the @odata.nextLink URL exactly as it was returned.");
    }
}
