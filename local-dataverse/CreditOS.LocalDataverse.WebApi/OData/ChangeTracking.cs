using CreditOS.LocalDataverse.Faults;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// Change tracking over the Web API: "Use the Prefer: odata.track-changes request header to indicate that a delta link should be
/// returned" and the response carries "@odata.deltaLink" to send later with "$deltatoken" (Use change tracking to synchronize data
/// with external systems, webapi/use-change-tracking-synchronize-data-external-systems). The local Dataverse keeps no change log,
/// so the preference is refused as not implemented (501). It was ignored: the rows came back without a delta link, an answer a
/// synchronising client could not tell from a table whose tracking is off.
/// </summary>
internal static class ChangeTracking
{
    private const string Preference = "odata.track-changes";

    public static WebApiResult? Refusal(WebApiRequest request) =>
        request.Header("Prefer") is { } prefer && prefer.Split(',').Any(part => part.Trim().Equals(Preference, StringComparison.OrdinalIgnoreCase))
            ? WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError,
                $"The local Web API does not implement change tracking (Prefer: {Preference}, @odata.deltaLink, $deltatoken) on {request.Method} {request.Path}; it keeps no change log. Read the rows with a $filter on modifiedon instead.")
            : null;
}
