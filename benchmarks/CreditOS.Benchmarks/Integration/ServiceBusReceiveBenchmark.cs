using System.Net;
using System.Net.Sockets;
using Azure.Messaging.ServiceBus;
using BenchmarkDotNet.Attributes;
using CreditOS.LocalServiceBus;

namespace CreditOS.Benchmarks.Integration;

/// <summary>
/// Messages per second received and completed by the official ServiceBusClient from the local Service Bus, by prefetch
/// count, in batches of up to 100 (as the worker's pump receives): whether batch receive and prefetch pay off against
/// the local Service Bus (SQLite-backed, every completion written before it is confirmed).
/// Run: dotnet run -c Release --project benchmarks/CreditOS.Benchmarks -- --filter '*ServiceBusReceive*'
/// </summary>
[Config(typeof(InProcessMonitoringConfig))]
public class ServiceBusReceiveBenchmark : IDisposable
{
    private const int Messages = 1_000;
    private const string Queue = "creditos.erp.payments";
    private string _directory = string.Empty;
    private LocalServiceBusServer? _server;
    private ServiceBusClient? _client;
    private ServiceBusSender? _sender;

    [Params(0, 100, 500)]
    public int Prefetch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("creditos-sb-bench-").FullName;
        var options = new LocalServiceBusOptions { Port = FreePort(), DatabasePath = Path.Combine(_directory, "bus.db") };
        options.SharedAccessPolicies.Add(new SharedAccessPolicy { KeyName = "RootManageSharedAccessKey", Key = "YmVuY2htYXJrLWtleQ==" });
        options.Queues.Add(new QueueDefinition { Name = Queue });
        _server = new LocalServiceBusServer(options);
        _server.Start();
        _client = new ServiceBusClient($"Endpoint=sb://127.0.0.1:{options.Port};SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=YmVuY2htYXJrLWtleQ==;UseDevelopmentEmulator=true");
        _sender = _client.CreateSender(Queue);
    }

    [IterationSetup]
    public void Fill()
    {
        foreach (var chunk in Enumerable.Range(0, Messages).Chunk(100))
        {
            _sender!.SendMessagesAsync(chunk.Select(index => new ServiceBusMessage($"{{\"payment\":{index}}}") { MessageId = $"p-{index}" })).GetAwaiter().GetResult();
        }
    }

    [Benchmark(OperationsPerInvoke = Messages, Description = "receive + complete, batches of 100")]
    public async Task<int> ReceiveAndComplete()
    {
        await using var receiver = _client!.CreateReceiver(Queue, new ServiceBusReceiverOptions { PrefetchCount = Prefetch });
        var done = 0;
        while (done < Messages)
        {
            var batch = await receiver.ReceiveMessagesAsync(100, TimeSpan.FromSeconds(5));
            if (batch.Count == 0)
            {
                throw new InvalidOperationException($"Only {done} of {Messages} messages arrived.");
            }

            await Task.WhenAll(batch.Select(message => receiver.CompleteMessageAsync(message)));
            done += batch.Count;
        }

        return done;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _sender?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _client?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _server?.Dispose();
        _server = null;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
