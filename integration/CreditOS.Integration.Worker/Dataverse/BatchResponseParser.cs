using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CreditOS.Integration.Worker.Dataverse;

/// <summary>
/// Reads a $batch response. Parts answer the request's change sets in order; a change set that succeeded
/// comes back as a nested multipart, one that failed as a single application/http part with the error.
/// </summary>
public static class BatchResponseParser
{
    public static IReadOnlyList<BatchOperationResult> Parse(string body, string? contentType, int expectedCount)
    {
        var boundary = MultipartMixed.BoundaryOf(contentType)
            ?? throw new DataverseException("The $batch response is not multipart/mixed.");
        var results = new List<BatchOperationResult>(expectedCount);
        foreach (var part in MultipartMixed.Split(body, boundary))
        {
            var inner = part.Boundary is { } nested ? MultipartMixed.Split(part.Content, nested) : [part];
            results.AddRange(inner.Select(ParseHttpResponse));
        }

        if (results.Count < expectedCount)
        {
            // Without continue-on-error a service stops at the first failure: the rest were not attempted.
            var lastFailure = results.LastOrDefault(result => !result.Succeeded);
            while (results.Count < expectedCount)
            {
                results.Add(BatchOperationResult.Failure(
                    lastFailure?.IsTransient == true ? lastFailure.StatusCode : 503,
                    "Not attempted: an earlier operation in the batch failed."));
            }
        }

        return results.Take(expectedCount).ToList();
    }

    public static BatchOperationResult ParseHttpResponse(MultipartPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var lines = part.Content.Split('\n');
        var statusLine = lines.FirstOrDefault() ?? string.Empty;
        var statusFields = statusLine.Split(' ', 3);
        if (statusFields.Length < 2 || !int.TryParse(statusFields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new DataverseException($"Unreadable status line in $batch response: '{statusLine}'.");
        }

        var (headers, content) = MultipartMixed.SplitHeaders(lines.Skip(1).ToList());
        TimeSpan? retryAfter = headers.TryGetValue("Retry-After", out var seconds)
            && int.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var wait)
            ? TimeSpan.FromSeconds(wait)
            : null;
        var json = string.IsNullOrWhiteSpace(content) ? null : TryParseObject(content);
        var (code, message) = ODataError.Read(json);
        return new BatchOperationResult(status, code, message ?? (status >= 400 ? statusLine : null), json, retryAfter);
    }

    private static JsonObject? TryParseObject(string content)
    {
        try
        {
            return JsonNode.Parse(content) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The OData error body: {"error":{"code":"0x…","message":"…"}}.</summary>
public static class ODataError
{
    public static (string? Code, string? Message) Read(JsonObject? body) =>
        body?["error"] is JsonObject error
            ? (error["code"]?.GetValue<string>(), error["message"]?.GetValue<string>())
            : (null, null);
}
