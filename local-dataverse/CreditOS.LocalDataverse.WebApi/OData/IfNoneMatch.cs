namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// The If-None-Match precondition on one row, as RFC 7232 section 3.2 defines it and Dataverse documents its uses ("Perform
/// conditional operations using the Web API"): "*" is false for any existing row; a list of ETags is false when one of them equals
/// the row's by the weak comparison (W/ ignored). A GET whose condition is false answers 304 Not Modified ("If the value of the header
/// is "*" … a 304 (Not Modified) response MUST be returned", MS-ODATA, the server rules for Retrieve requests); any other method is not performed and answers 412.
/// The PATCH with "*" is the documented create-only upsert (<see cref="WebApiOperations"/>). Before Web API round 12 (session 20) the
/// local host ignored "*" on a GET and on a DELETE (it deleted the row), and any ETag on a PATCH or DELETE.
/// </summary>
public static class IfNoneMatch
{
    public const string HeaderName = "If-None-Match";

    /// <summary>
    /// Whether the header states a condition: "*" or at least one entity tag. "If-None-Match: null", which Microsoft's examples send
    /// on every request (Compose HTTP requests and handle errors, "Other headers"), names no ETag and is no condition.
    /// </summary>
    public static bool IsCondition(string? value) => value is not null && (IsAny(value) || Tags(value).Any());

    /// <summary>Whether the condition is false for a row whose ETag is <paramref name="etag"/> (null: no such row, always true).</summary>
    public static bool Fails(string? value, string? etag)
    {
        if (value is null || etag is null)
        {
            return false;
        }

        if (IsAny(value))
        {
            return true;
        }

        var current = Opaque(etag);
        return current is not null && Tags(value).Contains(current, StringComparer.Ordinal);
    }

    /// <summary>
    /// The 412 for a write the header stops. Dataverse publishes no answer for If-None-Match on a DELETE, or with an ETag on a PATCH:
    /// the status is RFC 7232's ("respond with the 412 (Precondition Failed) status code" for methods other than GET and HEAD), the
    /// empty code that of Microsoft's 412 examples, the wording this host's.
    /// </summary>
    public static WebApiResult Refused(string method, string table, string value, string etag) =>
        new(412, WebApiResult.ErrorBody(string.Empty,
            $"The {method} was not performed: the {table} row exists with ETag {etag}, which the If-None-Match precondition '{value}' excludes (RFC 7232 section 3.2). Dataverse publishes no message for this case; this wording is the local Web API's."));

    private static bool IsAny(string value) => value.Trim() == "*";

    private static IEnumerable<string> Tags(string value) =>
        value.Split(',').Select(Opaque).OfType<string>();

    /// <summary>The opaque tag of W/"12" or "12" (12), or null when the text is not an entity tag.</summary>
    private static string? Opaque(string tag)
    {
        var text = tag.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        return text.Length >= 2 && text[0] == '"' && text[^1] == '"' && !text[1..^1].Contains('"', StringComparison.Ordinal) ? text[1..^1] : null;
    }
}
