using Azure.Core;
using CreditOS.Integration.Worker.Configuration;
using Microsoft.Extensions.Options;

namespace CreditOS.Integration.Worker.Dataverse;

/// <summary>The worker's Azure identity (the credential the Service Bus client uses) for the Web API: scope &lt;environment&gt;/.default.</summary>
public sealed class TokenCredentialDataverseToken(TokenCredential credential, IOptions<DataverseOptions> options) : IDataverseTokenProvider
{
    private readonly string[] _scopes = [new Uri(options.Value.EnvironmentUrl!, ".default").AbsoluteUri];

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        var token = await credential.GetTokenAsync(new TokenRequestContext(_scopes), cancellationToken).ConfigureAwait(false);
        return token.Token;
    }
}
