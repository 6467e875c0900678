using System.Globalization;
using System.Text;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.WebApi.OData;

namespace CreditOS.LocalDataverse.WebApi.Batch;

/// <summary>
/// Runs a $batch: each top-level part is a request or a change set. The whole batch is one request for the
/// service protection limits. Without Prefer: odata.continue-on-error the batch stops at the first failure.
/// </summary>
public sealed class BatchProcessor(WebApiOperations operations, Uri serviceRoot)
{
    private const string NewLine = "\r\n";

    public (string ContentType, string Body) Execute(string contentType, string body, bool continueOnError)
    {
        var boundary = MultipartBody.BoundaryOf(contentType)
            ?? throw DataverseFault.InvalidArgument("A $batch request must be multipart/mixed with a boundary.");
        var responseBoundary = "batchresponse_" + Guid.NewGuid().ToString("D");
        var response = new StringBuilder();
        foreach (var part in MultipartBody.Read(MultipartBody.Lines(body), boundary))
        {
            var failed = part.NestedBoundary is { } changeSetBoundary
                ? AppendChangeSet(response, responseBoundary, MultipartBody.Read(part.Lines, changeSetBoundary))
                : AppendSingle(response, responseBoundary, part);
            if (failed && !continueOnError)
            {
                break;
            }
        }

        response.Append("--").Append(responseBoundary).Append("--").Append(NewLine);
        return ($"multipart/mixed; boundary={responseBoundary}", response.ToString());
    }

    private bool AppendSingle(StringBuilder response, string boundary, MultipartSection part)
    {
        var result = Run(part);
        response.Append("--").Append(boundary).Append(NewLine);
        AppendHttp(response, part.Header("Content-ID"), result);
        return result.StatusCode >= 400;
    }

    private bool AppendChangeSet(StringBuilder response, string boundary, IReadOnlyList<MultipartSection> operations)
    {
        if (operations.Count != 1)
        {
            // Several operations in one change set would need one transaction around them; say so rather than half-apply.
            response.Append("--").Append(boundary).Append(NewLine);
            AppendHttp(response, null, WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError, "The local Dataverse runs change sets of exactly one operation; put each operation in its own change set."));
            return true;
        }

        var result = Run(operations[0]);
        response.Append("--").Append(boundary).Append(NewLine);
        if (result.StatusCode >= 400)
        {
            AppendHttp(response, operations[0].Header("Content-ID"), result);
            return true;
        }

        var changeSetBoundary = "changesetresponse_" + Guid.NewGuid().ToString("D");
        response.Append("Content-Type: multipart/mixed; boundary=").Append(changeSetBoundary).Append(NewLine).Append(NewLine)
            .Append("--").Append(changeSetBoundary).Append(NewLine);
        AppendHttp(response, operations[0].Header("Content-ID"), result);
        response.Append("--").Append(changeSetBoundary).Append("--").Append(NewLine);
        return false;
    }

    private WebApiResult Run(MultipartSection part)
    {
        var requestLine = part.Lines.FirstOrDefault()?.Split(' ') ?? [];
        if (requestLine.Length < 2)
        {
            return WebApiResult.Error(400, DataverseErrorCodes.InvalidArgument, "A batch part has no request line.");
        }

        var (headers, bodyLines) = MultipartBody.SplitHeaders(part.Lines.Skip(1).ToList());
        var target = requestLine[1];
        var relative = Uri.TryCreate(target, UriKind.Absolute, out var absolute)
            ? absolute.AbsoluteUri.StartsWith(serviceRoot.AbsoluteUri, StringComparison.OrdinalIgnoreCase) ? absolute.AbsoluteUri[serviceRoot.AbsoluteUri.Length..] : absolute.PathAndQuery.TrimStart('/')
            : target.TrimStart('/');
        var body = string.Join("\n", bodyLines).Trim();
        return operations.Execute(new WebApiRequest(requestLine[0], relative, headers, body.Length == 0 ? null : body));
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
        foreach (var (name, value) in result.Headers ?? new Dictionary<string, string>())
        {
            response.Append(name).Append(": ").Append(value).Append(NewLine);
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
