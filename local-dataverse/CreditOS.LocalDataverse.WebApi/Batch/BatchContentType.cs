using CreditOS.LocalDataverse.WebApi.OData;

namespace CreditOS.LocalDataverse.WebApi.Batch;

/// <summary>
/// The $batch request's own Content-Type: "The batch request must include the Content-Type header … multipart/mixed;boundary=batch_…"
/// (Execute batch operations using the Web API, "Batch requests"). The OData batch handler Dataverse runs on validates it before
/// reading the body and answers 400 with its fixed messages (DefaultODataBatchHandler.ValidateRequest: "The batch request must have a
/// \"Content-Type\" header.", "The batch request of media type '…' is not supported.", "The batch request must have a boundary
/// specification in the \"Content-Type\" header."), through the same ASP.NET error path as routing errors (empty code). Before Web API
/// round 10 (session 18) the local host threw while reading such a request and answered an empty 500.
/// </summary>
public static class BatchContentType
{
    private const string Multipart = "multipart/mixed";

    public static WebApiResult? Refusal(string? contentType)
    {
        var mediaType = contentType?.Split(';', 2)[0].Trim();
        var message = string.IsNullOrEmpty(mediaType)
            ? "The batch request must have a \"Content-Type\" header."
            : !string.Equals(mediaType, Multipart, StringComparison.OrdinalIgnoreCase)
            ? $"The batch request of media type '{mediaType}' is not supported."
            : MultipartBody.BoundaryOf(contentType) is not { Length: > 0 }
            ? "The batch request must have a boundary specification in the \"Content-Type\" header."
            : null;
        return message is null ? null : new WebApiResult(400, WebApiResult.ErrorBody(string.Empty, message));
    }
}
