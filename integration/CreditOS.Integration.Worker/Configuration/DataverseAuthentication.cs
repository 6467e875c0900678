namespace CreditOS.Integration.Worker.Configuration;

public enum DataverseAuthentication
{
    /// <summary>OAuth client credentials through Microsoft.Identity.Client (an application user).</summary>
    ClientCredentials,

    /// <summary>No token: only for the local Dataverse on loopback.</summary>
    None,
}
