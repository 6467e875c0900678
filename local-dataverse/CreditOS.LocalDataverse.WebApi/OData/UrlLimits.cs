using System.Globalization;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// The Web API's URL limits (Compose HTTP requests and handle errors, "Maximum URL length" and "Maximum OData segment length"):
/// "The maximum length of URL accepted … is 32 KB (32,768 characters) … If you send requests inside the body of a $batch request,
/// you can send requests with URLs up to 64 KB (65,536 characters)"; a longer one answers 400 with code 0x80060888 and the inner
/// message "Invalid URI: The Uri string is too long." (the page's localized copies quote the code, -2147088248, and the start of
/// the message; its end is .NET's UriFormatException text). "The maximum length of an individual segment of an OData request must be
/// 260 characters or less … exceeds 260 characters, a 400 Bad Request - Invalid URL can occur" (the front end's answer, before
/// OData; a $batch part's URL is read by the $batch handler, not the front end, so the segment limit is not applied to parts).
/// Before Web API round 10 (session 18) a URL over 32 KB answered the web server's 414 and long segments were served.
/// </summary>
public static class UrlLimits
{
    /// <summary>The longest URL of a request.</summary>
    public const int MaximumUrlLength = 32 * 1024;

    /// <summary>The longest URL of a request inside a $batch.</summary>
    public const int MaximumBatchPartUrlLength = 64 * 1024;

    /// <summary>The longest segment (between slashes) of a request's path.</summary>
    public const int MaximumSegmentLength = 260;

    /// <summary>400 0x80060888 for a URL longer than <paramref name="limit"/> characters, else null.</summary>
    public static WebApiResult? LengthRefusal(string absoluteUrl, int limit)
    {
        ArgumentNullException.ThrowIfNull(absoluteUrl);
        return absoluteUrl.Length > limit
            ? WebApiResult.Error(400, WebApiErrorCodes.ODataPayloadError, "Invalid URI: The Uri string is too long.")
            : null;
    }

    /// <summary>400 "Bad Request - Invalid URL" for a path segment over 260 characters (decoded), else null.</summary>
    public static WebApiResult? SegmentRefusal(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var path = relativePath.Split('?', 2)[0];
        var longest = path.Split('/').Select(segment => Uri.UnescapeDataString(segment).Length).DefaultIfEmpty(0).Max();
        return longest > MaximumSegmentLength
            ? new WebApiResult(400, null, null, string.Create(CultureInfo.InvariantCulture,
                $"Bad Request - Invalid URL. HTTP Error 400. The request URL is invalid (a path segment of {longest} characters; at most {MaximumSegmentLength})."))
            : null;
    }
}
