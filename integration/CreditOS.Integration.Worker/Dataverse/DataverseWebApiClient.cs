using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreditOS.Integration.Worker.Configuration;
using CreditOS.Integration.Worker.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditOS.Integration.Worker.Dataverse;

/// <summary>
/// The worker's own Dataverse Web API client (OData v4 JSON). Whole requests are retried by the HTTP
/// resilience pipeline (429 with Retry-After, 5xx, timeouts, bounded concurrency); operations inside a
/// $batch that fail transiently are sent again here, so one throttled record does not fail its neighbours.
/// </summary>
public sealed partial class DataverseWebApiClient(HttpClient http, IOptions<DataverseOptions> options, WorkerMetrics metrics, TimeProvider clock, ILogger<DataverseWebApiClient> logger)
{
    private const string BatchPath = "$batch";
    private const int LargestPage = 5_000;
    private readonly DataverseOptions _options = options.Value;

    public Uri ServiceRoot => http.BaseAddress ?? throw new InvalidOperationException("The Dataverse client has no base address.");

    /// <summary>
    /// Sends operations in $batch requests of at most BatchSize, each operation in its own change set. Operations
    /// Dataverse answered as transient (429, 5xx) are sent again after Retry-After or a backoff; operations whose
    /// batch got no answer are not (their original may still be running).
    /// </summary>
    public async Task<IReadOnlyList<BatchOperationResult>> ExecuteBatchAsync(IReadOnlyList<BatchOperation> operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var results = new BatchOperationResult[operations.Count];
        var pending = Enumerable.Range(0, operations.Count).ToList();
        for (var attempt = 0; pending.Count > 0; attempt++)
        {
            foreach (var chunk in pending.Chunk(_options.BatchSize).ToList())
            {
                var answers = await SendBatchAsync(chunk.Select(index => operations[index]).ToList(), cancellationToken).ConfigureAwait(false);
                for (var position = 0; position < chunk.Length; position++)
                {
                    results[chunk[position]] = answers[position];
                }
            }

            pending = pending.Where(index => results[index].IsTransient).ToList();
            if (pending.Count == 0 || attempt >= _options.MaxRetryAttempts)
            {
                break;
            }

            var delay = RetryDelay(attempt, pending.Select(index => results[index].RetryAfter));
            LogRetryingOperations(pending.Count, delay.TotalMilliseconds);
            metrics.Retried("batch-operation");
            await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    public async Task<JsonObject> GetAsync(string relativeUrl, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, relativeUrl);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var content = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw ToException(response, content);
        }

        return JsonNode.Parse(content) as JsonObject ?? throw new DataverseException($"GET {relativeUrl} did not return a JSON object.");
    }

    /// <summary>
    /// Reads every page of a collection query (following @odata.nextLink), at most pageSize rows per page. The size is 1 to 5,000:
    /// "The service ignores max page size requests larger than 5,000" (Page results using OData) and OData's odata.maxpagesize is a
    /// positive integer, so any other size would page otherwise than asked; it is refused before anything is sent.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<JsonObject>> GetPagesAsync(string relativeUrl, int pageSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, LargestPage);
        string? next = relativeUrl;
        while (next is not null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.Add("Prefer", $"odata.maxpagesize={pageSize}");
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var content = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw ToException(response, content);
            }

            var page = JsonNode.Parse(content) as JsonObject ?? throw new DataverseException($"GET {next} did not return a JSON object.");
            yield return page["value"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
            next = page["@odata.nextLink"]?.GetValue<string>();
        }
    }

    public async Task<Guid> WhoAmIAsync(CancellationToken cancellationToken)
    {
        var answer = await GetAsync("WhoAmI", cancellationToken).ConfigureAwait(false);
        return answer["UserId"]?.GetValue<Guid>() ?? throw new DataverseException("WhoAmI returned no UserId.");
    }

    private async Task<IReadOnlyList<BatchOperationResult>> SendBatchAsync(List<BatchOperation> operations, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, BatchPath)
        {
            Content = BatchRequestWriter.Write(operations, ServiceRoot),
        };
        request.Headers.Add("Prefer", "odata.continue-on-error");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception) when (exception.HttpRequestError == HttpRequestError.ConnectionError)
        {
            // Never reached Dataverse: safe to send again.
            return Uniform(operations.Count, BatchOperationResult.Failure(503, $"Dataverse unreachable: {exception.Message}"));
        }
        catch (HttpRequestException exception)
        {
            return Uniform(operations.Count, BatchOperationResult.Unknown($"The connection failed after the batch was sent; its outcome is unknown: {exception.Message}"));
        }
        catch (Exception exception) when (exception is TimeoutException or Polly.Timeout.TimeoutRejectedException)
        {
            return Uniform(operations.Count, BatchOperationResult.Unknown($"No answer within {_options.BatchAttemptTimeout.TotalSeconds:0} s; the batch may still be running, so it is not sent again: {exception.Message}"));
        }

        using (response)
        {
            var content = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var isMultipart = MultipartMixed.BoundaryOf(response.Content.Headers.ContentType?.ToString()) is not null;
            if (!response.IsSuccessStatusCode && !isMultipart)
            {
                // The resilience pipeline already retried; what is left applies to every operation.
                var failure = ToException(response, content);
                return Uniform(operations.Count, new BatchOperationResult((int)response.StatusCode, failure.ErrorCode, failure.Message, null, response.Headers.RetryAfter?.Delta));
            }

            return BatchResponseParser.Parse(content, response.Content.Headers.ContentType?.ToString(), operations.Count);
        }
    }

    private TimeSpan RetryDelay(int attempt, IEnumerable<TimeSpan?> retryAfters)
    {
        var serverAsked = retryAfters.Max() ?? TimeSpan.Zero;
        var backoff = TimeSpan.FromMilliseconds(_options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
        return serverAsked > backoff ? serverAsked : backoff;
    }

    private static List<BatchOperationResult> Uniform(int count, BatchOperationResult result) => Enumerable.Repeat(result, count).ToList();

    private static DataverseException ToException(HttpResponseMessage response, string content)
    {
        JsonObject? body = null;
        try
        {
            body = string.IsNullOrWhiteSpace(content) ? null : JsonNode.Parse(content) as JsonObject;
        }
        catch (JsonException)
        {
            // Not an OData error body; the status code says enough.
        }

        var (code, message) = ODataError.Read(body);
        return new DataverseException((int)response.StatusCode, code, message ?? $"Dataverse answered {(int)response.StatusCode} {response.ReasonPhrase}.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retrying {Count} batch operations that failed transiently, in {DelayMs:F0} ms")]
    private partial void LogRetryingOperations(int count, double delayMs);
}
