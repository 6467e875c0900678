using CreditOS.LocalDataverse.Faults;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// The weak ETag Dataverse gives every row (<c>@odata.etag</c>: W/"versionnumber") and reads back in If-Match and
/// If-None-Match ("Perform conditional operations using the Web API",
/// learn.microsoft.com/power-apps/developer/data-platform/webapi/perform-conditional-operations-using-web-api).
/// </summary>
public static class ETags
{
    /// <summary>The row version an ETag names: W/"12345" (or "12345") gives 12345.</summary>
    public static string Version(string etag)
    {
        ArgumentNullException.ThrowIfNull(etag);
        var text = etag.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        return text.Length > 2 && text[0] == '"' && text[^1] == '"' && !text[1..^1].Contains('"', StringComparison.Ordinal)
            ? text[1..^1]
            : throw DataverseFault.InvalidArgument($"The If-Match header '{etag}' is not an ETag: give '*' or the row's @odata.etag, W/\"…\".");
    }

    /// <summary>Whether a precondition header is "*" (any current version of the row).</summary>
    internal static bool IsAny(string value) => value.Trim() == "*";

    /// <summary>The opaque tags of a precondition header's list (RFC 7232: 1#entity-tag), skipping what is not an entity tag.</summary>
    internal static IEnumerable<string> Tags(string value) =>
        value.Split(',').Select(Opaque).OfType<string>();

    /// <summary>
    /// The 501 for a strong entity tag ("19", without W/) in If-Match or If-None-Match, else null. "Dataverse generates a weakly
    /// validating @odata.etag property for every entity instance" and "Client code should not give any meaning to the specific value of
    /// an ETag" (Perform conditional operations using the Web API): a strong tag was never issued by Dataverse. RFC 7232 compares If-Match
    /// strongly, which Dataverse cannot be doing (its own W/ ETags would never match), so how it compares a strong one is not published.
    /// Before Web API round 14 the local host took "19" for W/"19".
    /// </summary>
    internal static WebApiResult? StrongTagRefusal(WebApiRequest request)
    {
        foreach (var header in new[] { IfMatch.HeaderName, IfNoneMatch.HeaderName })
        {
            if (request.Header(header) is { } value && !IsAny(value)
                && value.Split(',').Select(tag => tag.Trim()).FirstOrDefault(tag => !tag.StartsWith("W/", StringComparison.Ordinal) && Opaque(tag) is not null) is { } strong)
            {
                return WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError,
                    $"The local Web API does not implement the strong entity tag {strong} in {header}: Dataverse issues only weak ETags (W/\"…\", the row's @odata.etag) and does not publish how it compares a strong one. Send the @odata.etag as it was returned, or '*'.");
            }
        }

        return null;
    }

    /// <summary>The opaque tag of W/"12" or "12" (12), or null when the text is not an entity tag.</summary>
    internal static string? Opaque(string tag)
    {
        var text = tag.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        return text.Length >= 2 && text[0] == '"' && text[^1] == '"' && !text[1..^1].Contains('"', StringComparison.Ordinal) ? text[1..^1] : null;
    }
}
