namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// The If-Match precondition on one row. Dataverse's page ("Perform conditional operations using the Web API", "If-Match and
/// If-None-Match headers") sends both headers to RFC 7232 ("Use If-Match … with ETag values to check whether the current version of a
/// resource matches the one last retrieved"); RFC 7232 section 3.1: "*" is true for any existing row, a list of entity tags is true when
/// one of them is the row's; when false "the origin server MUST NOT perform the requested method" and answers 412. The comparison is the
/// weak one Dataverse applies to its own weak ETags (W/ ignored), as on PATCH and DELETE.
/// </summary>
/// <remarks>
/// Before Web API round 12b (session 20) the local host ignored If-Match on a GET and on a POST, and refused a list of ETags with 400
/// "is not an ETag". Dataverse documents If-Match for updates, upserts and deletes only; MS-ODATA allows it on a GET of one entity or one
/// of its properties and on a POST only to invoke an action bound to an entity. What Dataverse answers to If-Match on a POST, or on a
/// GET of a collection or through a navigation property, is not published: those answer 501 (<see cref="NotImplemented"/>).
/// </remarks>
public static class IfMatch
{
    public const string HeaderName = "If-Match";

    /// <summary>Whether the header states a condition: "*" or at least one entity tag ("If-Match: null" names none).</summary>
    public static bool IsCondition(string? value) => IfNoneMatch.IsCondition(value);

    /// <summary>Whether the condition is false for the existing row whose ETag is <paramref name="etag"/>.</summary>
    public static bool Fails(string value, string etag) =>
        !ETags.IsAny(value) && ETags.Opaque(etag) is { } current && !ETags.Tags(value).Contains(current, StringComparer.Ordinal);

    /// <summary>
    /// The ETag of the list that names the row's current version, so an update or delete runs with it (IfRowVersionMatches keeps the
    /// check atomic); when none does, the first, so the organization service answers its documented 412 "The version of the existing
    /// record doesn't match the RowVersion property provided.". Null for "*" or no entity tag.
    /// </summary>
    public static string? Chosen(string value, string? etag)
    {
        if (ETags.IsAny(value))
        {
            return null;
        }

        var tags = ETags.Tags(value).ToList();
        var current = etag is null ? null : ETags.Opaque(etag);
        return tags.FirstOrDefault(tag => tag == current) ?? tags.FirstOrDefault();
    }

    /// <summary>The 412 for a GET the header stops. Dataverse publishes no message for it: the empty code is that of Microsoft's 412 examples.</summary>
    public static WebApiResult Refused(string table, string value, string etag) =>
        new(412, WebApiResult.ErrorBody(string.Empty,
            $"The GET was not performed: the {table} row's ETag is {etag}, which the If-Match precondition '{value}' does not name (RFC 7232 section 3.1). Dataverse publishes no message for this case; this wording is the local Web API's."));

    /// <summary>If-Match where neither Dataverse nor MS-ODATA settles its meaning: loud, never ignored.</summary>
    public static WebApiResult NotImplemented(string method, string path) =>
        WebApiResult.Error(501, Faults.DataverseErrorCodes.UnexpectedError,
            $"The local Web API does not implement If-Match on {method} {path}: Dataverse documents If-Match for updates, upserts and deletes of a row, and what it answers here is not published. Send If-Match on a PATCH or DELETE of a row, or on a GET of one row or one of its properties.");
}
