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
