using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CreditOS.Bureau.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditOS.Bureau.Authentication;

/// <summary>
/// Holds the bureau's bearer token (a JWT that lasts one hour) and renews it <see cref="BureauOptions.TokenRenewalMargin"/>
/// before it expires, so no call is sent with a token about to lapse. One renewal at a time; the token is never logged.
/// </summary>
internal sealed partial class BureauTokenCache(IHttpClientFactory clients, IOptions<BureauOptions> options, TimeProvider clock, ILogger<BureauTokenCache> logger) : IDisposable
{
    internal const string HttpClientName = "CreditOS.Bureau.Authentication";

    private readonly SemaphoreSlim renewal = new(1, 1);
    private volatile CachedToken? current;

    /// <summary>How many tokens this cache obtained (a figure for tests and telemetry, never the token).</summary>
    public int Renewals { get; private set; }

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var token = current;
        if (token is not null && !IsDue(token))
        {
            return token.Value;
        }

        await renewal.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            token = current;
            if (token is not null && !IsDue(token))
            {
                return token.Value;
            }

            current = await AuthenticateAsync(cancellationToken).ConfigureAwait(false);
            return current.Value;
        }
        finally
        {
            renewal.Release();
        }
    }

    /// <summary>Forgets <paramref name="rejectedToken"/> after the bureau refused it (401), unless another call renewed it already.</summary>
    public void Invalidate(string rejectedToken)
    {
        var token = current;
        if (token is not null && token.Value == rejectedToken)
        {
            current = null;
        }
    }

    public void Dispose() => renewal.Dispose();

    private bool IsDue(CachedToken token) => clock.GetUtcNow() >= token.ExpiresAt - options.Value.TokenRenewalMargin;

    private async Task<CachedToken> AuthenticateAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = clients.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.PostAsJsonAsync(new Uri(settings.BaseAddress!, "authenticate"), new AuthenticateRequest(settings.UserName, settings.Password), BureauJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException failure)
        {
            throw new BureauException(BureauFailure.Unavailable, $"The bureau at {settings.BaseAddress} could not be reached to authenticate after {settings.MaxRetryAttempts} retries: {failure.Message}", failure);
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new BureauException(BureauFailure.AuthenticationFailed, $"The bureau refused the credentials of user '{settings.UserName}' ({(int)response.StatusCode}); check Bureau:UserName and the password in the secret store.") { StatusCode = response.StatusCode };
            }

            await BureauResponses.ThrowIfFailedAsync(response, "authenticate", settings.MaxRetryAttempts, cancellationToken).ConfigureAwait(false);
            var body = await BureauResponses.ReadAsync<AuthenticateResponse>(response, "authenticate", cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(body.Token))
            {
                throw new BureauException(BureauFailure.MalformedResponse, "The bureau's authenticate answer carries no token.");
            }

            var now = clock.GetUtcNow();
            var expiresAt = ReadExpiry(body.Token) ?? now + settings.DefaultTokenLifetime;
            Renewals++;
            LogRenewed(expiresAt);
            return new CachedToken(body.Token, expiresAt);
        }
    }

    /// <summary>The <c>exp</c> claim of a JWT (seconds since the epoch), or null when the token is not a readable JWT.</summary>
    internal static DateTimeOffset? ReadExpiry(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            return document.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (Exception failure) when (failure is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bureau token renewed; it expires at {ExpiresAt:O}")]
    private partial void LogRenewed(DateTimeOffset expiresAt);

    private sealed record CachedToken(string Value, DateTimeOffset ExpiresAt);
}
