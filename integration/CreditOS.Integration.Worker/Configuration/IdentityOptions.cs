namespace CreditOS.Integration.Worker.Configuration;

public enum IdentityKind
{
    /// <summary>DefaultAzureCredential: managed identity, workload identity, or a certificate or secret in the environment.</summary>
    DefaultAzureCredential,

    /// <summary>A fixed local development token the local Service Bus accepts; never accepted by Azure.</summary>
    LocalDevelopmentToken,
}

/// <summary>The worker's one Azure identity (section Identity), for Service Bus and the Dataverse Web API alike.</summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Identity";

    public IdentityKind Kind { get; set; } = IdentityKind.DefaultAzureCredential;

    /// <summary>A user-assigned managed identity's client id; empty for the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Kind LocalDevelopmentToken: the token configured in the local Service Bus.</summary>
    public string? LocalDevelopmentToken { get; set; }
}
