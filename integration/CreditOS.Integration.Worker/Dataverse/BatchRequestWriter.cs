using System.Net.Http.Headers;
using System.Text;

namespace CreditOS.Integration.Worker.Dataverse;

/// <summary>Writes a $batch body (multipart/mixed) with one change set per operation.</summary>
public static class BatchRequestWriter
{
    private const string NewLine = "\r\n";

    public static HttpContent Write(IReadOnlyList<BatchOperation> operations, Uri serviceRoot)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(serviceRoot);
        var batchBoundary = "batch_" + Guid.NewGuid().ToString("N");
        var body = new StringBuilder();
        for (var index = 0; index < operations.Count; index++)
        {
            var changeSetBoundary = "changeset_" + Guid.NewGuid().ToString("N");
            body.Append("--").Append(batchBoundary).Append(NewLine)
                .Append("Content-Type: multipart/mixed; boundary=").Append(changeSetBoundary).Append(NewLine)
                .Append(NewLine);
            AppendOperation(body, changeSetBoundary, operations[index], index + 1, serviceRoot);
            body.Append("--").Append(changeSetBoundary).Append("--").Append(NewLine);
        }

        body.Append("--").Append(batchBoundary).Append("--").Append(NewLine);
        var content = new StringContent(body.ToString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("multipart/mixed");
        content.Headers.ContentType.Parameters.Add(new NameValueHeaderValue("boundary", batchBoundary));
        return content;
    }

    private static void AppendOperation(StringBuilder body, string changeSetBoundary, BatchOperation operation, int contentId, Uri serviceRoot)
    {
        body.Append("--").Append(changeSetBoundary).Append(NewLine)
            .Append("Content-Type: application/http").Append(NewLine)
            .Append("Content-Transfer-Encoding: binary").Append(NewLine)
            .Append("Content-ID: ").Append(contentId).Append(NewLine)
            .Append(NewLine)
            .Append(operation.Method.Method).Append(' ').Append(new Uri(serviceRoot, operation.RelativeUrl).AbsoluteUri).Append(" HTTP/1.1").Append(NewLine);
        if (operation.Headers is not null)
        {
            foreach (var (name, value) in operation.Headers)
            {
                body.Append(name).Append(": ").Append(value).Append(NewLine);
            }
        }

        if (operation.Body is null)
        {
            body.Append(NewLine);
            return;
        }

        body.Append("Content-Type: application/json; type=entry").Append(NewLine)
            .Append(NewLine)
            .Append(operation.Body.ToJsonString()).Append(NewLine);
    }
}
