using Microsoft.Extensions.Configuration;

namespace CreditOS.Integration.Tests.Support;

/// <summary>Worker configuration for tests: the local broker, a Dataverse endpoint on loopback, short pauses.</summary>
public static class WorkerConfiguration
{
    public static IConfiguration For(Uri dataverseUrl, IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Broker:Host"] = LocalBroker.Host,
            ["Broker:Port"] = LocalBroker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Broker:UserName"] = LocalBroker.UserName,
            ["Broker:Password"] = LocalBroker.Password,
            ["Broker:Prefetch"] = "200",
            ["Broker:ReconnectInitialDelay"] = "00:00:00.200",
            ["Broker:ReconnectMaxDelay"] = "00:00:02",
            ["Broker:Profile:QueueAddressFormat"] = "/amq/queue/{0}",
            ["Broker:Profile:DeadLetterAddressFormat"] = "/amq/queue/{0}.dlq",
            ["Broker:Profile:DeadLetterMode"] = "RepublishWithReason",
            ["Broker:Profile:AbandonOutcome"] = "Released",
            ["Broker:Queues:Payments"] = LocalBroker.PaymentsQueue,
            ["Broker:Queues:Receivables"] = LocalBroker.ReceivablesQueue,
            ["Broker:Queues:BureauReports"] = LocalBroker.BureauQueue,
            ["Broker:Queues:OrderIntake"] = LocalBroker.OrderIntakeQueue,
            ["Dataverse:EnvironmentUrl"] = dataverseUrl.AbsoluteUri,
            ["Dataverse:Authentication"] = "LocalToken",
            ["Dataverse:LocalAccessToken"] = LocalDataverseOverHttp.WorkerAccessToken,
            ["Dataverse:RetryBaseDelay"] = "00:00:00.020",
            ["Dataverse:MaxRetryAttempts"] = "6",
            ["Pump:MaxBatchSize"] = "50",
            ["Pump:TransientFailurePause"] = "00:00:00.050",
            ["Pump:IdleReceiveWait"] = "00:00:00.100",
            ["Scheduling:BatchRescoreEnabled"] = "false",
            ["Scheduling:BureauRefreshEnabled"] = "false",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    /// <summary>
    /// Broker settings to sign in as in Azure: a namespace and the worker's TokenCredential (Identity: the local Service
    /// Bus's development token) over its TLS port, its self-signed certificate pinned. Pass to <see cref="ForServiceBus"/>.
    /// </summary>
    public static Dictionary<string, string?> TokenCredentialOverTls(LocalServiceBusForWorker bus) => new()
    {
        ["Broker:ServiceBus:Authentication"] = "TokenCredential",
        ["Broker:ServiceBus:ConnectionString"] = null,
        ["Broker:ServiceBus:FullyQualifiedNamespace"] = "localhost",
        ["Broker:ServiceBus:CustomEndpointAddress"] = $"amqps://127.0.0.1:{bus.Options.TlsPort}",
        ["Broker:ServiceBus:TrustedCertificateThumbprint"] = bus.Server.TlsCertificate!.Thumbprint,
        ["Identity:Kind"] = "LocalDevelopmentToken",
        ["Identity:LocalDevelopmentToken"] = LocalServiceBusForWorker.DevelopmentToken,
    };

    /// <summary>The same worker on the official Service Bus client against the local Service Bus (connection string).</summary>
    public static IConfiguration ForServiceBus(Uri dataverseUrl, LocalServiceBusForWorker bus, IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Broker:Transport"] = "ServiceBus",
            ["Broker:ServiceBus:Authentication"] = "ConnectionString",
            ["Broker:ServiceBus:ConnectionString"] = bus.ConnectionString,
            ["Broker:ServiceBus:LockRenewalInterval"] = "00:00:10",
            ["Broker:ServiceBus:OrderOutcomeTopic"] = LocalServiceBusForWorker.OrderOutcomesTopic,
            ["Broker:Host"] = null,
            ["Broker:UserName"] = null,
            ["Broker:Password"] = null,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return For(dataverseUrl, settings);
    }
}
