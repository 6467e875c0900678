using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Worker.Configuration;

namespace CreditOS.Integration.Worker.Transport.ServiceBus;

/// <summary>
/// One ServiceBusClient (one AMQP connection) for the worker: with the worker's TokenCredential against a namespace, or
/// with a connection string. Reconnects and retries are the client's own (exponential, transient failures only).
/// </summary>
public static class ServiceBusClientFactory
{
    public static ServiceBusClient Create(BrokerOptions broker, Func<TokenCredential> credential)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(credential);
        var settings = broker.ServiceBus;
        var options = new ServiceBusClientOptions
        {
            Identifier = $"creditos-worker-{Environment.MachineName}",
            RetryOptions = new ServiceBusRetryOptions
            {
                Mode = ServiceBusRetryMode.Exponential,
                Delay = broker.ReconnectInitialDelay,
                MaxDelay = broker.ReconnectMaxDelay,
                MaxRetries = 5,
            },
        };
        if (settings.CustomEndpointAddress is { } endpoint)
        {
            options.CustomEndpointAddress = endpoint;
        }

        if (!string.IsNullOrEmpty(settings.TrustedCertificateThumbprint))
        {
            var pinned = settings.TrustedCertificateThumbprint;
            options.CertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && string.Equals(new X509Certificate2(certificate).Thumbprint, pinned, StringComparison.OrdinalIgnoreCase);
        }

        return settings.Authentication == ServiceBusAuthentication.ConnectionString
            ? new ServiceBusClient(settings.ConnectionString, options)
            : new ServiceBusClient(settings.FullyQualifiedNamespace, credential(), options);
    }
}
