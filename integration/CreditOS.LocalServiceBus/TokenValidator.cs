using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace CreditOS.LocalServiceBus;

/// <summary>A token the CBS node accepted: which entity paths it covers, with which rights, until when.</summary>
internal sealed record GrantedAccess(string ResourcePath, AccessRights Rights, DateTimeOffset ExpiresAt)
{
    /// <summary>A SAS resource covers itself and everything below it (a namespace token covers every queue).</summary>
    public bool Covers(string entityPath, DateTimeOffset now) =>
        now < ExpiresAt && (ResourcePath.Length == 0
            || string.Equals(entityPath, ResourcePath, StringComparison.OrdinalIgnoreCase)
            || entityPath.StartsWith(ResourcePath + "/", StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Validates what a client puts on <c>$cbs</c>: a Shared Access Signature signed with a configured policy key
/// (<c>servicebus.windows.net:sastoken</c>), or a configured local development bearer token (<c>jwt</c>).
/// Anything else is refused with the reason; a token's text never appears in a message.
/// </summary>
internal sealed class TokenValidator(LocalServiceBusOptions options, TimeProvider clock)
{
    public const string SasTokenType = "servicebus.windows.net:sastoken";
    public const string JwtTokenType = "jwt";

    public GrantedAccess Validate(string tokenType, string token, string audience)
    {
        var audiencePath = EntityPaths.FromAudience(audience);
        return tokenType switch
        {
            SasTokenType => ValidateSas(token, audiencePath),
            JwtTokenType => ValidateDevelopmentToken(token, audiencePath),
            _ => throw new TokenRejectedException($"Token type '{tokenType}' is not supported: use a SAS token or the local development token."),
        };
    }

    private GrantedAccess ValidateSas(string token, string audiencePath)
    {
        const string prefix = "SharedAccessSignature ";
        if (!token.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new TokenRejectedException("The SAS token does not start with 'SharedAccessSignature'.");
        }

        var fields = token[prefix.Length..].Split('&')
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("sr", out var encodedResource) || !fields.TryGetValue("sig", out var encodedSignature)
            || !fields.TryGetValue("se", out var expiry) || !fields.TryGetValue("skn", out var encodedKeyName))
        {
            throw new TokenRejectedException("The SAS token lacks one of sr, sig, se, skn.");
        }

        var keyName = WebUtility.UrlDecode(encodedKeyName);
        var policy = options.SharedAccessPolicies.FirstOrDefault(candidate => string.Equals(candidate.KeyName, keyName, StringComparison.Ordinal))
            ?? throw new TokenRejectedException($"The SAS token names key '{keyName}', which this namespace does not have.");
        if (!long.TryParse(expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var expirySeconds))
        {
            throw new TokenRejectedException("The SAS token's expiry (se) is not a number of seconds.");
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(expirySeconds);
        if (expiresAt <= clock.GetUtcNow())
        {
            throw new TokenRejectedException($"The SAS token expired at {expiresAt:O}.");
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(policy.Key), Encoding.UTF8.GetBytes(encodedResource + "\n" + expiry));
        byte[] presented;
        try
        {
            presented = Convert.FromBase64String(WebUtility.UrlDecode(encodedSignature));
        }
        catch (FormatException)
        {
            throw new TokenRejectedException("The SAS token's signature is not base64.");
        }

        if (!CryptographicOperations.FixedTimeEquals(expected, presented))
        {
            throw new TokenRejectedException($"The SAS token's signature does not match key '{keyName}'.");
        }

        var resourcePath = EntityPaths.FromAudience(WebUtility.UrlDecode(encodedResource));
        var granted = new GrantedAccess(resourcePath, policy.Rights, expiresAt);
        if (!granted.Covers(audiencePath, clock.GetUtcNow()))
        {
            throw new TokenRejectedException($"The SAS token is for '{resourcePath}', not for '{audiencePath}'.");
        }

        return granted with { ResourcePath = audiencePath };
    }

    private GrantedAccess ValidateDevelopmentToken(string token, string audiencePath)
    {
        var match = options.DevelopmentTokens.FirstOrDefault(candidate =>
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate.Token), Encoding.UTF8.GetBytes(token)))
            ?? throw new TokenRejectedException(
                "The bearer token is not the configured local development token; the local Service Bus cannot validate Entra ID tokens.");
        return new GrantedAccess(audiencePath, match.Rights, clock.GetUtcNow().AddHours(1));
    }
}

internal sealed class TokenRejectedException(string message) : Exception(message);
