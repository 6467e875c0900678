namespace CreditOS.Integration.Worker.Configuration;

public enum DataverseAuthentication
{
    /// <summary>OAuth client credentials through Microsoft.Identity.Client (an application user).</summary>
    ClientCredentials,

    /// <summary>No token: only for a local endpoint on loopback that does not check one.</summary>
    None,

    /// <summary>A bearer token issued by the local Dataverse (LocalDataverseWebApiOptions.AccessTokens); loopback only.</summary>
    LocalToken,
}
