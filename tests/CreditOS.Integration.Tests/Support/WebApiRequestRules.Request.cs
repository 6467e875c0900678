using System.Globalization;
using CreditOS.LocalDataverse.WebApi.OData;

namespace CreditOS.Integration.Tests.Support;

/// <summary>The rules on a request's content, preferences and URL (Web API round 10, session 18).</summary>
public sealed partial class WebApiRequestRules
{
    private const int LargestPage = 5_000;
    private const int LongestSegment = 260;

    /// <summary>
    /// "Every request that includes JSON data in the request body must include a Content-Type header with a value of application/json"
    /// (Compose HTTP requests and handle errors, "HTTP headers"); "The maximum length of an individual segment of an OData request
    /// must be 260 characters or less" (same page, "Maximum OData segment length"; the front end applies it to requests, not to a
    /// $batch's parts, but a URL the worker builds may be sent either way).
    /// </summary>
    private static void CheckContent(WebApiRequest request, string path, List<string> broken)
    {
        if (request.Method is "POST" or "PATCH" or "PUT" && !string.IsNullOrWhiteSpace(request.Body)
            && !string.Equals(request.Header("Content-Type")?.Split(';', 2)[0].Trim(), "application/json", StringComparison.OrdinalIgnoreCase))
        {
            broken.Add($"{request.Method} {path}: a JSON body sent with Content-Type '{request.Header("Content-Type")}', not application/json");
        }

        if (path.Split('/').FirstOrDefault(segment => segment.Length > LongestSegment) is { } longSegment)
        {
            broken.Add($"{request.Method} {path}: the segment '{longSegment[..40]}…' has {longSegment.Length} characters; at most {LongestSegment}");
        }
    }

    /// <summary>
    /// Preferences: odata.maxpagesize a positive integer up to 5,000 ("Page results using OData": larger sizes are ignored), never with
    /// $top ("If you include both, $top is ignored", same page); return=representation only on a create or an update, with $select
    /// ("Create with data returned", "Update with data returned": without it every column comes back).
    /// </summary>
    private static void CheckPreferences(WebApiRequest request, string path, List<string> broken)
    {
        foreach (var preference in (request.Header("Prefer") ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = preference.Split('=', 2, StringSplitOptions.TrimEntries);
            if (string.Equals(parts[0], "odata.maxpagesize", StringComparison.OrdinalIgnoreCase))
            {
                if (parts.Length < 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size is < 1 or > LargestPage)
                {
                    broken.Add($"{request.Method} {path}: {preference} is not a page size of 1 to {LargestPage}");
                }

                if (request.Query.ContainsKey("$top"))
                {
                    broken.Add($"{request.Method} {path}: $top beside odata.maxpagesize is ignored");
                }
            }
            else if (string.Equals(preference, "return=representation", StringComparison.OrdinalIgnoreCase))
            {
                if (request.Method is not ("POST" or "PATCH"))
                {
                    broken.Add($"{request.Method} {path}: return=representation applies to a create or an update");
                }
                else if (!request.Query.ContainsKey("$select"))
                {
                    broken.Add($"{request.Method} {path}: return=representation without $select returns every column");
                }
            }
        }
    }

    /// <summary>The resource path, or null (with the rule it breaks) when it cannot be read as Dataverse reads it.</summary>
    private static ResourcePath? ParseResource(string method, string path, List<string> broken)
    {
        try
        {
            return ResourcePath.Parse(path);
        }
        catch (System.ServiceModel.FaultException<Microsoft.Xrm.Sdk.OrganizationServiceFault> fault)
        {
            broken.Add($"{method} {path}: {fault.Detail.Message}");
            return null;
        }
    }
}
