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
    public static bool IsCondition(string? value) => value is not null && (ETags.IsAny(value) || ETags.Tags(value).Any());

    /// <summary>Whether the condition is false for a row whose ETag is <paramref name="etag"/> (null: no such row, always true).</summary>
    public static bool Fails(string? value, string? etag)
    {
        if (value is null || etag is null)
        {
            return false;
        }

        if (ETags.IsAny(value))
        {
            return true;
        }

        var current = ETags.Opaque(etag);
        return current is not null && ETags.Tags(value).Contains(current, StringComparer.Ordinal);
    }

    /// <summary>
    /// If-None-Match where Dataverse does not say what it means (round 24, session 32): on a POST (a create, a bound action, a
    /// reference), on a GET of a collection and on a GET of one property. "Perform conditional operations using the Web API" documents the header for the
    /// conditional retrieval of one row and, with "*", for an upsert that must not update (a PATCH); RFC 7232 would make "*" false on
    /// a POST, whose target (the entity set) always exists. The local host ignored it there (created the row, listed the rows):
    /// loud now, never ignored, as If-Match is on a POST (<see cref="IfMatch.NotImplemented"/>).
    /// </summary>
    public static WebApiResult NotImplemented(string method, string path) =>
        WebApiResult.Error(501, Faults.DataverseErrorCodes.UnexpectedError,
            $"The local Web API does not implement If-None-Match on {method} {path}: Dataverse documents If-None-Match for the conditional retrieval of one row and for an upsert (PATCH) that must not update, and what it answers here is not published. Leave the header out (or send If-None-Match: null), or send it on a GET of one row or a PATCH, PUT or DELETE of a row.");

    /// <summary>
    /// The 412 for a write the header stops. Dataverse publishes no answer for If-None-Match on a DELETE, or with an ETag on a PATCH:
    /// the status is RFC 7232's ("respond with the 412 (Precondition Failed) status code" for methods other than GET and HEAD), the
    /// empty code that of Microsoft's 412 examples, the wording this host's.
    /// </summary>
    public static WebApiResult Refused(string method, string table, string value, string etag) =>
        new(412, WebApiResult.ErrorBody(string.Empty,
            $"The {method} was not performed: the {table} row exists with ETag {etag}, which the If-None-Match precondition '{value}' excludes (RFC 7232 section 3.2). Dataverse publishes no message for this case; this wording is the local Web API's."));
}
