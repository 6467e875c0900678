using System.Globalization;
using System.Security.Cryptography;
using System.Security.Principal;
using System.Text;
using Microsoft.Azure.Amqp.Sasl;

namespace CreditOS.LocalServiceBus;

/// <summary>SASL PLAIN with a SAS policy's name and key, as Service Bus accepts from AMQP clients without CBS.</summary>
internal sealed class PlainAuthenticator(LocalServiceBusOptions options) : ISaslPlainAuthenticator
{
    public Task<IPrincipal> AuthenticateAsync(string identity, string password)
    {
        var policy = options.SharedAccessPolicies.FirstOrDefault(candidate =>
            string.Equals(candidate.KeyName, identity, StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate.Key), Encoding.UTF8.GetBytes(password ?? string.Empty)))
            ?? throw new UnauthorizedAccessException($"SASL PLAIN: no policy '{identity}' with that key.");

        // The policy's rights ride in the identity's authentication type: the connection keeps only the principal.
        IPrincipal principal = new GenericPrincipal(
            new GenericIdentity(policy.KeyName, ((int)policy.Rights).ToString(CultureInfo.InvariantCulture)), []);
        return Task.FromResult(principal);
    }
}
