using System.Net;
using System.Net.Sockets;
using Azure.Messaging.ServiceBus;

namespace CreditOS.LocalServiceBus.Tests;

/// <summary>A local Service Bus on a free loopback port with its own database file, restartable on the same file.</summary>
public sealed class LocalServiceBusFixture : IAsyncDisposable
{
    public const string KeyName = "RootManageSharedAccessKey";
    public const string Key = "bG9jYWwtc2VydmljZWJ1cy10ZXN0LWtleQ==";
    public const string DevelopmentToken = "local-servicebus-dev-token";

    private readonly string _directory = Directory.CreateTempSubdirectory("creditos-sb-").FullName;
    private LocalServiceBusServer? _server;

    public LocalServiceBusFixture(Action<LocalServiceBusOptions>? configure = null)
    {
        Options = new LocalServiceBusOptions { Port = FreePort(), TlsPort = FreePort(), DatabasePath = Path.Combine(_directory, "bus.db"), SweepInterval = TimeSpan.FromMilliseconds(100) };
        Options.SharedAccessPolicies.Add(new SharedAccessPolicy { KeyName = KeyName, Key = Key, Rights = AccessRights.Manage });
        Options.SharedAccessPolicies.Add(new SharedAccessPolicy { KeyName = "send-only", Key = "c2VuZC1vbmx5LWtleQ==", Rights = AccessRights.Send });
        Options.DevelopmentTokens.Add(new DevelopmentToken { Token = DevelopmentToken, Rights = AccessRights.Send | AccessRights.Listen });
        configure?.Invoke(Options);
        Start();
    }

    public LocalServiceBusOptions Options { get; }

    public LocalServiceBusServer Server => _server!;

    public string ConnectionString(string keyName = KeyName, string key = Key) =>
        $"Endpoint=sb://127.0.0.1:{Options.Port};SharedAccessKeyName={keyName};SharedAccessKey={key};UseDevelopmentEmulator=true";

    public ServiceBusClient Client(string keyName = KeyName, string key = Key) =>
        new(ConnectionString(keyName, key), new ServiceBusClientOptions
        {
            RetryOptions = new ServiceBusRetryOptions { MaxRetries = 3, Delay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(1), TryTimeout = TimeSpan.FromSeconds(20) },
        });

    /// <summary>A client as the worker builds one in Azure: namespace + TokenCredential over TLS, the local certificate pinned.</summary>
    public ServiceBusClient Client(Azure.Core.TokenCredential credential) =>
        new("localhost", credential, new ServiceBusClientOptions
        {
            CustomEndpointAddress = new Uri($"amqps://127.0.0.1:{Options.TlsPort}"),
            CertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == Server.TlsCertificate!.GetCertHashString(),
            RetryOptions = new ServiceBusRetryOptions { MaxRetries = 2, Delay = TimeSpan.FromMilliseconds(200), TryTimeout = TimeSpan.FromSeconds(10) },
        });

    /// <summary>Stops the process's listener and drops every connection, then starts again on the same database.</summary>
    public void Restart()
    {
        _server!.Dispose();
        Start();
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a temp directory left behind is harmless
        }

        return ValueTask.CompletedTask;
    }

    private void Start()
    {
        _server = new LocalServiceBusServer(Options);
        _server.Start();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
