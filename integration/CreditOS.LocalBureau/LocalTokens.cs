using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CreditOS.LocalBureau;

/// <summary>Issues and checks HS256 JWTs with an <c>exp</c> claim, as the bureau's authenticate does (key made per run).</summary>
internal sealed class LocalTokens(TimeProvider clock, TimeSpan lifetime) : IDisposable
{
    private readonly HMACSHA256 signer = new(RandomNumberGenerator.GetBytes(32));

    public string Issue(string user)
    {
        var now = clock.GetUtcNow();
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", typ = "JWT" }));
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(new { sub = user, iat = now.ToUnixTimeSeconds(), exp = (now + lifetime).ToUnixTimeSeconds(), jti = Guid.NewGuid() }));
        return $"{header}.{payload}.{Sign(header, payload)}";
    }

    /// <summary>Null when the token is valid now; otherwise why not (never echoing the token).</summary>
    public string? Problem(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return "An Authorization: Bearer token is required; POST /authenticate first.";
        }

        var parts = authorization["Bearer ".Length..].Split('.');
        if (parts.Length != 3 || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(parts[0], parts[1])), Encoding.ASCII.GetBytes(parts[2])))
        {
            return "The token is not one this bureau issued.";
        }

        using var document = JsonDocument.Parse(Decode(parts[1]));
        var expires = DateTimeOffset.FromUnixTimeSeconds(document.RootElement.GetProperty("exp").GetInt64());
        return clock.GetUtcNow() >= expires ? $"The token expired at {expires:O}; authenticate again." : null;
    }

    public void Dispose() => signer.Dispose();

    private string Sign(string header, string payload)
    {
        lock (signer)
        {
            return Encode(signer.ComputeHash(Encoding.ASCII.GetBytes($"{header}.{payload}")));
        }
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Decode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
