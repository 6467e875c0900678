namespace CreditOS.Integration.Worker.Configuration;

public enum ServiceBusAuthentication
{
    /// <summary>The worker's Azure identity (section Identity): no key in configuration. Works where local auth is disabled.</summary>
    TokenCredential,

    /// <summary>A connection string with a SAS key (from environment or user secrets), or the local Service Bus's.</summary>
    ConnectionString,
}

/// <summary>The official Service Bus client's settings (Broker:ServiceBus).</summary>
public sealed class ServiceBusTransportOptions
{
    public ServiceBusAuthentication Authentication { get; set; } = ServiceBusAuthentication.TokenCredential;

    /// <summary>"&lt;namespace&gt;.servicebus.windows.net" (TokenCredential).</summary>
    public string? FullyQualifiedNamespace { get; set; }

    /// <summary>Secret: environment (Broker__ServiceBus__ConnectionString) or user secrets only.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where to connect instead of the namespace's own address (the local Service Bus's TLS port); loopback only.</summary>
    public Uri? CustomEndpointAddress { get; set; }

    /// <summary>The local Service Bus's self-signed certificate, pinned by thumbprint; only with a loopback CustomEndpointAddress.</summary>
    public string? TrustedCertificateThumbprint { get; set; }

    /// <summary>
    /// The longest wait between two renewals of a lock the worker holds. A lock is renewed sooner when half of it (at most
    /// 10 s, as the official processor does) is left, timed on the message's LockedUntil (session 19).
    /// </summary>
    public TimeSpan LockRenewalInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long the lock of a message is kept renewed while its handler runs (the official processor's
    /// MaxAutoLockRenewalDuration, default 5 minutes); beyond it the lock runs out and Service Bus hands the message out again.
    /// Zero renews none while handling (tests use it to lose locks mid-write). A message held before its abandon is renewed
    /// for the whole hold whatever this says: the hold is the worker's own wait.
    /// </summary>
    public TimeSpan MaxAutoLockRenewalDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The topic every order outcome is published to (session 25), besides the reply to the order message's reply-to: one
    /// ServiceBusSender, after the Dataverse write committed, MessageId derived from the order and its outcome, application
    /// properties Outcome, Channel, ChannelOrderRef, CustomerNumber and AccountId for subscriptions' filters. Empty: none.
    /// </summary>
    public string? OrderOutcomeTopic { get; set; }

    internal IEnumerable<string> Problems()
    {
        if (Authentication == ServiceBusAuthentication.ConnectionString && string.IsNullOrEmpty(ConnectionString))
        {
            yield return "Broker:ServiceBus: Authentication ConnectionString needs ConnectionString (from environment or user secrets).";
        }

        if (Authentication == ServiceBusAuthentication.TokenCredential && string.IsNullOrEmpty(FullyQualifiedNamespace))
        {
            yield return "Broker:ServiceBus: Authentication TokenCredential needs FullyQualifiedNamespace (<namespace>.servicebus.windows.net).";
        }

        if (CustomEndpointAddress is { IsLoopback: false })
        {
            yield return "Broker:ServiceBus: CustomEndpointAddress is for the local Service Bus on loopback only.";
        }

        if (!string.IsNullOrEmpty(TrustedCertificateThumbprint) && CustomEndpointAddress is not { IsLoopback: true })
        {
            yield return "Broker:ServiceBus: TrustedCertificateThumbprint pins the local Service Bus's certificate and needs a loopback CustomEndpointAddress.";
        }

        if (LockRenewalInterval < TimeSpan.FromSeconds(1))
        {
            yield return "Broker:ServiceBus: LockRenewalInterval must be at least one second.";
        }

        if (MaxAutoLockRenewalDuration < TimeSpan.Zero)
        {
            yield return "Broker:ServiceBus: MaxAutoLockRenewalDuration cannot be negative (zero renews no lock while a handler runs).";
        }
    }
}
