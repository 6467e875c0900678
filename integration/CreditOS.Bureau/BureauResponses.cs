using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditOS.Bureau.Wire;

namespace CreditOS.Bureau;

/// <summary>Turns the bureau's HTTP answers into values or into <see cref="BureauException"/>s a person can act on.</summary>
internal static class BureauResponses
{
    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(BureauJson.Options, cancellationToken).ConfigureAwait(false)
                ?? throw new BureauException(BureauFailure.MalformedResponse, $"The bureau's answer to {operation} is empty.") { StatusCode = response.StatusCode };
        }
        catch (Exception failure) when (failure is JsonException or NotSupportedException)
        {
            throw new BureauException(BureauFailure.MalformedResponse, $"The bureau's answer to {operation} is not the documented JSON: {failure.Message}", failure) { StatusCode = response.StatusCode };
        }
    }

    /// <summary>
    /// Throws for a failed answer. By the time a 429 or 5xx reaches here the resilience pipeline has retried it
    /// <paramref name="retries"/> times already.
    /// </summary>
    public static async Task ThrowIfFailedAsync(HttpResponseMessage response, string operation, int retries, CancellationToken cancellationToken, BureauFailure notFound = BureauFailure.CompanyNotFound)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
        var said = error?.Message is { Length: > 0 } message ? $": {message}" : string.Empty;
        var retryAfter = RetryAfter(response);
        var (failure, text) = response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => (BureauFailure.Throttled, $"The bureau is still throttling {operation} after {retries} retries (429{said}); try again after {retryAfter?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "a while"} s."),
            >= HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout => (BureauFailure.Unavailable, $"The bureau is unavailable for {operation} after {retries} retries ({(int)response.StatusCode}{said})."),
            HttpStatusCode.NotFound => (notFound, $"The bureau does not know {operation} (404{said})."),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => (BureauFailure.AuthenticationFailed, $"The bureau refused access to {operation} ({(int)response.StatusCode}{said}) even with a fresh token; check the user's subscription."),
            _ => (BureauFailure.Refused, $"The bureau refused {operation} ({(int)response.StatusCode}{said})."),
        };
        throw new BureauException(failure, text) { StatusCode = response.StatusCode, RetryAfter = retryAfter, CorrelationId = error?.CorrelationId };
    }

    public static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => null,
        };

    private static async Task<ErrorResponse?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return text.Length == 0 ? null : JsonSerializer.Deserialize<ErrorResponse>(text, BureauJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
