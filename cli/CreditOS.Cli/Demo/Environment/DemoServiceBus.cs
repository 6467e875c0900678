using System.Net;
using System.Net.Sockets;
using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Worker;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Transport.ServiceBus;
using CreditOS.LocalServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CreditOS.Cli.Demo.Environment;

/// <summary>
/// The ERP's way into Dataverse, as in production: the repository's local Service Bus (in process, on a free loopback
/// port, its store in a temporary file), the ERP publishing with the official client's <see cref="ServiceBusSender"/>,
/// and the integration worker's Service Bus pump (Broker:Transport ServiceBus, the official client) posting each
/// message through the local Dataverse's Web API as the worker's application user, where the plug-ins run.
/// </summary>
internal sealed class DemoServiceBus : IAsyncDisposable
{
    public const string PaymentsQueue = "creditos.erp.payments";
    private const string KeyName = "RootManageSharedAccessKey";
    private const string Key = "bG9jYWwtZGVtby1lcnAta2V5";
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(60);

    private readonly string _directory = Directory.CreateTempSubdirectory("creditos-demo-sb-").FullName;
    private readonly LocalServiceBusServer _server;
    private readonly ServiceBusClient _erp;
    private readonly ServiceBusSender _sender;
    private readonly ServiceProvider _worker;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _pump;

    public DemoServiceBus(Uri webApi, string workerToken)
    {
        var options = new LocalServiceBusOptions { Port = FreePort(), DatabasePath = Path.Combine(_directory, "bus.db"), SweepInterval = TimeSpan.FromMilliseconds(100) };
        options.SharedAccessPolicies.Add(new SharedAccessPolicy { KeyName = KeyName, Key = Key, Rights = AccessRights.Manage });
        // As the host's appsettings.json: an input message that expires goes to the dead-letter queue, never away.
        options.Queues.Add(new QueueDefinition { Name = PaymentsQueue, LockDuration = TimeSpan.FromSeconds(30), DeadLetteringOnMessageExpiration = true });
        _server = new LocalServiceBusServer(options);
        _server.Start();
        var connectionString = $"Endpoint=sb://127.0.0.1:{options.Port};SharedAccessKeyName={KeyName};SharedAccessKey={Key};UseDevelopmentEmulator=true";
        _erp = new ServiceBusClient(connectionString);
        _sender = _erp.CreateSender(PaymentsQueue);
        _worker = Worker(webApi, workerToken, connectionString);
        var pump = ActivatorUtilities.CreateInstance<ServiceBusMessagePump>(_worker, QueueKind.Payments);
        _pump = Task.Run(() => pump.RunAsync(_stopping.Token));
    }

    /// <summary>Messages the ERP published through the local Service Bus.</summary>
    public int Sent { get; private set; }

    /// <summary>Of those, the ones the worker (or Service Bus after the delivery limit) dead-lettered.</summary>
    public int DeadLettered { get; private set; }

    /// <summary>
    /// Publishes one ERP message and waits until the worker has settled it: completed (null) or dead-lettered (the
    /// worker's reason and description, as the ERP's support would read them off the dead-letter queue).
    /// </summary>
    public async Task<string?> PublishAsync(ServiceBusMessage message)
    {
        await _sender.SendMessageAsync(message).ConfigureAwait(false);
        Sent++;
        var deadline = DateTime.UtcNow + SettleTimeout;
        // The queue counts a message until it is settled, locked or not.
        while (_server.CountOf(PaymentsQueue) > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new DemoException("ERP message " + message.MessageId + " was not settled by the worker within " + SettleTimeout.TotalSeconds + " s: " + _server.Describe(PaymentsQueue));
            }

            await Task.Delay(25).ConfigureAwait(false);
        }

        if (_server.CountOf(PaymentsQueue + "/$DeadLetterQueue") == DeadLettered)
        {
            return null;
        }

        DeadLettered++;
        await using var receiver = _erp.CreateReceiver(PaymentsQueue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter, ReceiveMode = ServiceBusReceiveMode.PeekLock });
        var dead = await receiver.PeekMessageAsync().ConfigureAwait(false);
        return dead is null ? "dead-lettered" : dead.DeadLetterReason + ": " + dead.DeadLetterErrorDescription;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _pump.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        await _sender.DisposeAsync().ConfigureAwait(false);
        await _erp.DisposeAsync().ConfigureAwait(false);
        await _worker.DisposeAsync().ConfigureAwait(false);
        _server.Dispose();
        _stopping.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a temp directory left behind is harmless
        }
    }

    private static ServiceProvider Worker(Uri webApi, string workerToken, string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Broker:Transport"] = "ServiceBus",
            ["Broker:ServiceBus:Authentication"] = "ConnectionString",
            ["Broker:ServiceBus:ConnectionString"] = connectionString,
            ["Broker:Queues:Payments"] = PaymentsQueue,
            // Named because the worker's configuration requires every queue; the demo pumps only the payments.
            ["Broker:Queues:Receivables"] = "creditos.erp.receivables",
            ["Broker:Queues:BureauReports"] = "creditos.bureau.reports",
            ["Broker:Queues:OrderIntake"] = "creditos.orders.intake",
            ["Dataverse:EnvironmentUrl"] = webApi.AbsoluteUri,
            ["Dataverse:Authentication"] = "LocalToken",
            ["Dataverse:LocalAccessToken"] = workerToken,
            // One message at a time: no batch window to wait out, and an idle receive that ends soon after the last one.
            ["Pump:BatchWindow"] = "00:00:00",
            ["Pump:IdleReceiveWait"] = "00:00:00.100",
            ["Scheduling:BatchRescoreEnabled"] = "false",
            ["Scheduling:BureauRefreshEnabled"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddCreditOsWorkerCore(configuration);
        return services.BuildServiceProvider();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
