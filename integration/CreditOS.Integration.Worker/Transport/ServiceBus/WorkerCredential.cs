using Azure.Core;
using Azure.Identity;
using CreditOS.Integration.Worker.Configuration;

namespace CreditOS.Integration.Worker.Transport.ServiceBus;

/// <summary>The worker's one TokenCredential, shared by the Service Bus client and the Dataverse Web API client.</summary>
public static class WorkerCredential
{
    public static TokenCredential Create(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Kind switch
        {
            IdentityKind.LocalDevelopmentToken => new LocalDevelopmentTokenCredential(
                options.LocalDevelopmentToken ?? throw new InvalidOperationException("Identity: Kind LocalDevelopmentToken needs LocalDevelopmentToken.")),
            _ => new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ManagedIdentityClientId = string.IsNullOrEmpty(options.ManagedIdentityClientId) ? null : options.ManagedIdentityClientId,
            }),
        };
    }

    /// <summary>The local Service Bus's development token as a bearer token (CBS type "jwt"); Azure refuses it.</summary>
    private sealed class LocalDevelopmentTokenCredential(string token) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
