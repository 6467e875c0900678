using System.Globalization;
using System.Text;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.WebApi.OData;

namespace CreditOS.LocalDataverse.WebApi.Batch;

/// <summary>
/// Runs a $batch: each top-level part is a request or a change set. The whole batch is one request for the
/// service protection limits. Without Prefer: odata.continue-on-error the batch stops at the first failure and
/// answers 400, as Dataverse does; with it every part runs and the batch answers 200. A change set's response is
/// always a nested multipart, failed or not. Each part must be an application/http request with binary transfer
/// encoding, an HTTP/1.1 request line and a URL under this service root.
/// </summary>
public sealed class BatchProcessor(WebApiOperations operations, Uri serviceRoot, Func<WebApiRequest, WebApiResult?>? faultInjector = null)
{
    private const string NewLine = "\r\n";
    private const string HttpVersion = "HTTP/1.1";

    public (int StatusCode, string ContentType, string Body) Execute(string contentType, string body, bool continueOnError)
    {
        var boundary = MultipartBody.BoundaryOf(contentType)
            ?? throw DataverseFault.InvalidArgument("A $batch request must be multipart/mixed with a boundary.");
        var responseBoundary = "batchresponse_" + Guid.NewGuid().ToString("D");
        var response = new StringBuilder();
        var status = 200;
        if ((Framing(body, boundary, out var parts) ?? Malformed(parts)) is { } refusal)
        {
            // Refused as a whole, before any part runs: nothing is half done.
            return (400, "application/json; odata.metadata=minimal", refusal.Body!.ToJsonString());
        }

        foreach (var part in parts)
        {
            var failed = part.NestedBoundary is { } changeSetBoundary
                ? AppendChangeSet(response, responseBoundary, MultipartBody.Read(part.Lines, changeSetBoundary))
                : AppendSingle(response, responseBoundary, part);
            if (failed && !continueOnError)
            {
                status = 400;
                break;
            }
        }

        response.Append("--").Append(responseBoundary).Append("--").Append(NewLine);
        return (status, $"multipart/mixed; boundary={responseBoundary}", response.ToString());
    }

    /// <summary>
    /// The batch's parts, or the refusal of a body without its termination indicator: "The end of the batch request must contain a
    /// termination indicator like the following example: --batch_&lt;unique identifier&gt;--", and so must a change set ("Execute
    /// batch operations using the Web API"). The local host answered an empty 500; it answers 400 before any part runs (the wording
    /// is ours: Microsoft publishes none). A last line without CRLF after the indicator is accepted: RFC 2046, which OData's batch
    /// format follows, makes what comes after the close delimiter an optional epilogue.
    /// </summary>
    private static WebApiResult? Framing(string body, string boundary, out IReadOnlyList<MultipartSection> parts)
    {
        try
        {
            parts = MultipartBody.Read(MultipartBody.Lines(body), boundary);
            foreach (var part in parts)
            {
                if (part.NestedBoundary is { } changeSetBoundary)
                {
                    MultipartBody.Read(part.Lines, changeSetBoundary);
                }
            }

            return null;
        }
        catch (FormatException exception)
        {
            parts = [];
            return WebApiResult.Error(400, DataverseErrorCodes.InvalidArgument,
                $"The $batch request is not complete: {exception.Message} The end of a batch request and of each change set must contain its termination indicator.");
        }
    }

    /// <summary>The most operations one $batch may hold: "Batch requests can contain up to 1,000 individual requests".</summary>
    public const int MaxOperations = 1_000;

    /// <summary>
    /// What Dataverse refuses in a batch's shape ("Execute batch operations using the Web API", webapi/execute-batch-operations-
    /// using-web-api): more than 1,000 requests ("Batch requests can contain up to 1,000 individual requests and can't contain other
    /// batch requests"), and a read in a change set ("You can't include read operations (retrieve, retrieve multiple, and Web API
    /// functions) as part of a change set; this is as per the OData v4 specifications", Xrm.WebApi.online.executeMultiple). The
    /// local host used to run both: a GET in a change set answered its rows, and a batch of any size ran. The refusal's wording is
    /// ours (Microsoft publishes none for the batch, and no code for either).
    /// </summary>
    private static WebApiResult? Malformed(IReadOnlyList<MultipartSection> parts)
    {
        var count = 0;
        foreach (var part in parts)
        {
            if (part.NestedBoundary is not { } changeSetBoundary)
            {
                count++;
                if (NestedBatch(part) is { } nested)
                {
                    return nested;
                }

                continue;
            }

            var contentIds = new HashSet<string>(StringComparer.Ordinal);
            foreach (var operation in MultipartBody.Read(part.Lines, changeSetBoundary))
            {
                count++;
                if (operation.Header("Content-ID") is { } contentId && !contentIds.Add(contentId))
                {
                    // The OData library's batch reader refuses it before any operation runs (ODataBatchReader, OData/odata.net 7.x);
                    // the local host ran both operations and let $n name the later one (round 11). Code 0x0 as the library's other
                    // request errors answered by Dataverse.
                    return WebApiResult.Error(400, WebApiErrorCodes.UriParserError,
                        $"The content ID '{contentId}' was found more than once in the same change set or same batch request. Content IDs have to be unique across all operations of a change set for OData V4.0 and have to be unique across all operations in the whole batch request for OData V4.01.");
                }

                if (NestedBatch(operation) is { } nested)
                {
                    return nested;
                }

                var method = operation.Lines.FirstOrDefault()?.Split(' ')[0];
                if (method is "GET")
                {
                    return WebApiResult.Error(400, DataverseErrorCodes.InvalidArgument,
                        $"A change set cannot contain a read: '{operation.Lines.FirstOrDefault()}' is a GET. Change sets hold POST, PATCH, PUT and DELETE requests (OData 4.0 batch requests); send the GET as its own part of the batch.");
                }
            }
        }

        return count > MaxOperations
            ? WebApiResult.Error(400, DataverseErrorCodes.InvalidArgument, string.Create(CultureInfo.InvariantCulture,
                $"The batch contains {count} requests. A maximum number of '{MaxOperations}' requests are allowed in a batch; split it."))
            : null;
    }

    /// <summary>
    /// A part whose request is itself a $batch: "Batch requests … can't contain other batch requests" (Execute batch operations using
    /// the Web API). Refused with the batch's other shape refusals, before any part runs; it answered 404 "Resource not found" in its
    /// part before Web API round 12b (session 20), as if the endpoint did not exist. Microsoft publishes no status, code or message
    /// for it: 400 and the code are those of the other shape refusals, the wording ours.
    /// </summary>
    private static WebApiResult? NestedBatch(MultipartSection part)
    {
        var requestLine = part.Lines.FirstOrDefault() ?? string.Empty;
        var target = requestLine.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: >= 2 } words ? words[1] : string.Empty;
        var path = target.Split('?', 2)[0].TrimEnd('/');
        return path == "$batch" || path.EndsWith("/$batch", StringComparison.Ordinal)
            ? WebApiResult.Error(400, DataverseErrorCodes.InvalidArgument,
                $"A batch request cannot contain another batch request: '{requestLine}' is a $batch. Send each batch as its own request (batch requests can't contain other batch requests).")
            : null;
    }

    private bool AppendSingle(StringBuilder response, string boundary, MultipartSection part)
    {
        var result = Run(part);
        response.Append("--").Append(boundary).Append(NewLine);
        AppendHttp(response, part.Header("Content-ID"), result);
        return result.StatusCode >= 400;
    }

    /// <summary>
    /// A change set runs as one transaction, as Microsoft documents ("Execute batch operations using the Web API", Change
    /// sets): all its operations succeed or none is applied. An operation may address a row an earlier one of the same change
    /// set created by its Content-ID (<c>$1</c> as the URL, or as an <c>@odata.bind</c> value). When one fails the change set
    /// is rolled back and its answer holds only that failure; otherwise it holds every operation's answer.
    /// </summary>
    private bool AppendChangeSet(StringBuilder response, string boundary, IReadOnlyList<MultipartSection> parts)
    {
        var answers = new List<(string? ContentId, WebApiResult Result)>();
        (string? ContentId, WebApiResult Result)? failure = null;
        var created = new Dictionary<string, string>(StringComparer.Ordinal);
        operations.Dataverse.RunInOneTransaction(operations.UserId, service =>
        {
            // The batch's MSCRMCallerID holds for its change sets too.
            if (operations.OnBehalfOf is { } onBehalfOf && service is global::CreditOS.LocalDataverse.Service.LocalOrganizationService local)
            {
                local.CallerId = onBehalfOf;
            }

            var inTransaction = operations.WithService(service, transactional: true);
            foreach (var part in parts)
            {
                var contentId = part.Header("Content-ID");
                var result = Run(part, inTransaction, created);
                if (result.StatusCode >= 400)
                {
                    failure = (contentId, result);
                    return false;
                }

                answers.Add((contentId, result));
                if (contentId is not null && result.WrittenRow is { } entityId)
                {
                    created["$" + contentId] = entityId;
                }
            }

            return true;
        });

        response.Append("--").Append(boundary).Append(NewLine);
        var changeSetBoundary = "changesetresponse_" + Guid.NewGuid().ToString("D");
        response.Append("Content-Type: multipart/mixed; boundary=").Append(changeSetBoundary).Append(NewLine).Append(NewLine);
        foreach (var (contentId, result) in failure is { } failed ? new List<(string? ContentId, WebApiResult Result)> { failed } : answers)
        {
            response.Append("--").Append(changeSetBoundary).Append(NewLine);
            AppendHttp(response, contentId, result);
        }

        response.Append("--").Append(changeSetBoundary).Append("--").Append(NewLine);
        return failure is not null;
    }

    private WebApiResult Run(MultipartSection part) => Run(part, operations, null);

    private WebApiResult Run(MultipartSection part, WebApiOperations runner, IReadOnlyDictionary<string, string>? created)
    {
        if (!string.Equals(part.Header("Content-Type"), "application/http", StringComparison.OrdinalIgnoreCase)
            || !string.Equals(part.Header("Content-Transfer-Encoding"), "binary", StringComparison.OrdinalIgnoreCase))
        {
            return WebApiResult.Error(400, DataverseErrorCodes.InvalidArgument,
                $"A batch part must have 'Content-Type: application/http' and 'Content-Transfer-Encoding: binary'; this one has '{part.Header("Content-Type")}' and '{part.Header("Content-Transfer-Encoding")}'.");
        }

        var requestLine = part.Lines.FirstOrDefault()?.Split(' ') ?? [];
        if (requestLine.Length != 3 || requestLine[2] != HttpVersion)
        {
            return WebApiResult.Error(400, DataverseErrorCodes.InvalidArgument,
                $"A batch part's request line must be 'METHOD URL {HttpVersion}', not '{part.Lines.FirstOrDefault()}'.");
        }

        var target = created is not null && requestLine[1].StartsWith('$') ? ReferencedTarget(requestLine[1], created) : requestLine[1];
        if (target is null)
        {
            return WebApiResult.Error(400, DataverseErrorCodes.InvalidArgument,
                $"The batch part's URL '{requestLine[1]}' refers to a Content-ID no earlier operation of this change set has created.");
        }

        if (RelativeTarget(target) is not { } relative)
        {
            return WebApiResult.Error(400, DataverseErrorCodes.InvalidArgument,
                $"The batch part's URL '{requestLine[1]}' is not under this service root ({serviceRoot.AbsoluteUri}); a $batch may only address its own environment.");
        }

        // A part's URL may be up to 64 KB, twice a request's (Compose HTTP requests and handle errors, "Maximum URL length").
        if (UrlLimits.LengthRefusal(serviceRoot.AbsoluteUri + relative, UrlLimits.MaximumBatchPartUrlLength) is { } tooLong)
        {
            return tooLong;
        }

        var (headers, bodyLines) = MultipartBody.SplitHeaders(part.Lines.Skip(1).ToList());
        var body = string.Join("\n", bodyLines).Trim();
        if (created is not null && body.Length > 0)
        {
            body = WithReferencedBindings(body, created);
        }

        var request = new WebApiRequest(requestLine[0], relative, headers, body.Length == 0 ? null : body);
        return faultInjector?.Invoke(request) ?? runner.Execute(request);
    }

    /// <summary>$1 or $1/rest: the URL of the row the operation with Content-ID 1 wrote (by its id), or null.</summary>
    private static string? ReferencedTarget(string target, IReadOnlyDictionary<string, string> created)
    {
        var slash = target.IndexOf('/', StringComparison.Ordinal);
        var reference = slash < 0 ? target : target[..slash];
        return created.TryGetValue(reference, out var entityId) ? entityId + (slash < 0 ? string.Empty : target[slash..]) : null;
    }

    /// <summary>
    /// Replaces "$n" values with the entity the change set's operation n created: of @odata.bind properties, single or in a
    /// collection-valued property's array, and of "@odata.id" ("PUT $1/primarycontactid/$ref … {"@odata.id":"$2"}", Execute batch
    /// operations using the Web API, "Reference URIs in URL and request body using @odata.id"; session 16: "$2" reached the operation
    /// unresolved).
    /// </summary>
    private static string WithReferencedBindings(string body, IReadOnlyDictionary<string, string> created)
    {
        System.Text.Json.Nodes.JsonObject? json;
        try
        {
            json = System.Text.Json.Nodes.JsonNode.Parse(body) as System.Text.Json.Nodes.JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return body; // the operation itself answers that the body is not valid JSON
        }

        if (json is null)
        {
            return body;
        }

        foreach (var (name, value) in json.ToList())
        {
            if (!name.EndsWith("@odata.bind", StringComparison.Ordinal) && name != "@odata.id")
            {
                continue;
            }

            if (Referenced(value, created) is { } entityId)
            {
                json[name] = entityId;
            }
            else if (value is System.Text.Json.Nodes.JsonArray items)
            {
                json[name] = new System.Text.Json.Nodes.JsonArray(items.Select(item => (System.Text.Json.Nodes.JsonNode?)(Referenced(item, created) ?? item?.DeepClone())).ToArray());
            }
        }

        return json.ToJsonString();
    }

    private static string? Referenced(System.Text.Json.Nodes.JsonNode? value, IReadOnlyDictionary<string, string> created) =>
        value is System.Text.Json.Nodes.JsonValue text && text.TryGetValue<string>(out var reference) && reference.StartsWith('$')
            && created.TryGetValue(reference, out var entityId) ? entityId : null;

    /// <summary>The URL relative to the service root, still percent-encoded (it is decoded once, by the operation), or null when it is elsewhere.</summary>
    private string? RelativeTarget(string target)
    {
        var root = serviceRoot.AbsoluteUri;
        if (target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return target.StartsWith(root, StringComparison.OrdinalIgnoreCase) ? target[root.Length..] : null;
        }

        if (target.StartsWith('/'))
        {
            return target.StartsWith(serviceRoot.AbsolutePath, StringComparison.Ordinal) ? target[serviceRoot.AbsolutePath.Length..] : null;
        }

        return target;
    }

    private static void AppendHttp(StringBuilder response, string? contentId, WebApiResult result)
    {
        response.Append("Content-Type: application/http").Append(NewLine)
            .Append("Content-Transfer-Encoding: binary").Append(NewLine);
        if (contentId is not null)
        {
            response.Append("Content-ID: ").Append(contentId).Append(NewLine);
        }

        response.Append(NewLine)
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {result.StatusCode} {ReasonPhrases.For(result.StatusCode)}").Append(NewLine)
            .Append("OData-Version: 4.0").Append(NewLine);
        var headers = result.Headers ?? new Dictionary<string, string>();
        if (headers.TryGetValue("OData-EntityId", out var entityId) && !headers.ContainsKey("Location"))
        {
            // A part that wrote a row answers "Location: …" beside "OData-EntityId: …", the same URL (Execute batch operations using
            // the Web API: every 204 of the change set examples, creates and the PATCH $1 alike). Session 16: it was missing.
            response.Append("Location: ").Append(entityId).Append(NewLine);
        }

        foreach (var (name, value) in headers)
        {
            response.Append(name).Append(": ").Append(value).Append(NewLine);
        }

        if (result.PlainText is not null)
        {
            response.Append("Content-Type: text/plain").Append(NewLine).Append(NewLine).Append(result.PlainText).Append(NewLine);
            return;
        }

        if (result.Body is null)
        {
            response.Append(NewLine);
            return;
        }

        response.Append("Content-Type: application/json; odata.metadata=minimal").Append(NewLine).Append(NewLine)
            .Append(result.Body.ToJsonString()).Append(NewLine);
    }
}

internal static class ReasonPhrases
{
    public static string For(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
