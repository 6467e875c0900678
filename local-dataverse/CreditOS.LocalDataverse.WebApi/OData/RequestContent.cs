namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// What the Web API requires of a request's content before it reads it: "Although the OData protocol allows for both JSON and ATOM
/// format, the Web API only supports JSON … Every request that includes JSON data in the request body must include a Content-Type
/// header with a value of application/json" (Compose HTTP requests and handle errors, "HTTP headers"). Before Web API round 10
/// (session 18) the local host read any body as JSON whatever its Content-Type, none included.
/// </summary>
public static class RequestContent
{
    private const string Json = "application/json";

    /// <summary>
    /// A body sent with another media type than application/json (parameters such as <c>charset</c>, <c>type=entry</c> or
    /// <c>odata.metadata</c> may follow it), or with none: 415 Unsupported Media Type. Microsoft lists no 415 among the Web API's
    /// status codes and publishes no body for it; the answer is the one of the ASP.NET Web API stack Dataverse's documented stack
    /// traces show (System.Web.OData.Formatter.ODataMediaTypeFormatter), whose routing errors come with an empty code ("No HTTP
    /// resource was found…", Troubleshoot Dataverse Web API client errors): "The request entity's media type 'text/plain' is not
    /// supported for this resource." A body without Content-Type is read by that stack as application/octet-stream.
    /// </summary>
    public static WebApiResult? Refusal(WebApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Body) || request.Method is not ("POST" or "PATCH" or "PUT"))
        {
            return null;
        }

        var mediaType = request.Header("Content-Type")?.Split(';', 2)[0].Trim();
        return string.Equals(mediaType, Json, StringComparison.OrdinalIgnoreCase)
            ? null
            : new WebApiResult(415, WebApiResult.ErrorBody(string.Empty,
                $"The request entity's media type '{(string.IsNullOrEmpty(mediaType) ? "application/octet-stream" : mediaType)}' is not supported for this resource."));
    }
}
