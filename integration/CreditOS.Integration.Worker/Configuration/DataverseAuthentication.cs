namespace CreditOS.Integration.Worker.Configuration;

public enum DataverseAuthentication
{
    /// <summary>OAuth client credentials through Microsoft.Identity.Client (an application user).</summary>
    ClientCredentials,

    /// <summary>No token: only for a local endpoint on loopback that does not check one.</summary>
    None,

    /// <summary>
    /// The worker's Azure identity (section Identity: managed identity, workload identity, certificate or secret through
    /// DefaultAzureCredential), the same credential the Service Bus client uses: one token path for both.
    /// </summary>
    TokenCredential,

    /// <summary>A bearer token issued by the local Dataverse (LocalDataverseWebApiOptions.AccessTokens); loopback only.</summary>
    LocalToken,
}
