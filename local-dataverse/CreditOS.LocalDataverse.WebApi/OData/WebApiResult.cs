using System.Text.Json.Nodes;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>The answer to one Web API operation, before it is written to HTTP (or into a $batch part).</summary>
public sealed record WebApiResult(int StatusCode, JsonObject? Body = null, IReadOnlyDictionary<string, string>? Headers = null, string? PlainText = null)
{
    /// <summary>
    /// The row a write created or changed, by its id ({set}({id})), whatever the answer's headers show: a change set's "$1"
    /// refers to it even when the answer carries no OData-EntityId (a create with return=representation) or names the row by
    /// its alternate key.
    /// </summary>
    public string? WrittenRow { get; init; }

    /// <summary>A text/plain answer (a collection's /$count).</summary>
    public static WebApiResult Text(string text) => new(200, null, null, text);

    public static WebApiResult NoContent(IReadOnlyDictionary<string, string>? headers = null) => new(204, null, headers);

    public static WebApiResult Json(int status, JsonObject body, IReadOnlyDictionary<string, string>? headers = null) => new(status, body, headers);

    public static WebApiResult Error(int status, int errorCode, string message, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, ErrorBody(errorCode, message), headers);

    /// <summary>{"error":{"code":"0x…","message":"…"}} as the Web API writes it.</summary>
    public static JsonObject ErrorBody(int errorCode, string message) =>
        ErrorBody(errorCode == 0 ? "0x0" : "0x" + errorCode.ToString("x8", System.Globalization.CultureInfo.InvariantCulture), message);

    /// <summary>An error body with the code as Dataverse writes it ("0x0" for a missing property, "" when routing finds no resource).</summary>
    public static JsonObject ErrorBody(string code, string message) => new()
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
        },
    };

    /// <summary>
    /// A function called with POST or an action with GET: "POST …/WhoAmI" answers 404 {"code": "", "message": "No HTTP resource was
    /// found that matches the request URI '[Organization URI]/api/data/v9.2/WhoAmI'."} (Troubleshoot Dataverse Web API client
    /// errors, "No HTTP resource was found that matches the request URI").
    /// </summary>
    public static WebApiResult NoResource(Uri requestUri) =>
        new(404, ErrorBody(string.Empty, $"No HTTP resource was found that matches the request URI '{requestUri.AbsoluteUri}'."));

    /// <summary>
    /// A method the addressed resource does not take (DELETE or PATCH on a collection, PUT or POST on a row): "405 Method Not Allowed …
    /// for incorrect method and resource combinations. For example, you can't use DELETE or PATCH on a collection of entities" (Compose
    /// HTTP requests and handle errors, "Identify status codes"). The error comes from the same ASP.NET routing as the 404 above (empty
    /// code), with its wording "The requested resource does not support http method 'PATCH'."; the local host answered 0x80040203 "…
    /// is not supported on …" before Web API round 9 (session 17). Microsoft publishes the status, not this body: the body is inferred.
    /// </summary>
    public static WebApiResult MethodNotAllowed(string method) =>
        new(405, ErrorBody(string.Empty, $"The requested resource does not support http method '{method}'."));
}
