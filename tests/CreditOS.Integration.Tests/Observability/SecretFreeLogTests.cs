using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using Azure.Core.Diagnostics;
using CreditOS.Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CreditOS.Integration.Tests.Observability;

/// <summary>
/// The deployed worker host on a Service Bus connection string with a SharedAccessKey, every log entry captured at Trace
/// from every category (and the Azure SDK's own event sources at Verbose, which an operator may switch on): neither the
/// key, nor the connection string, nor a SAS token signed with it appears, in a run that works and in one Service Bus
/// refuses (the failures are logged with their exceptions).
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class SecretFreeLogTests
{
    private const string WrongKey = "c2VjcmV0LWxvZy10ZXN0LXdyb25nLWtleS12YWx1ZQ==";

    [Fact]
    public async Task A_run_on_a_SharedAccessKey_connection_string_logs_no_key_no_connection_string_and_no_SAS_token()
    {
        var entries = new ConcurrentQueue<string>();
        var sdkEvents = new ConcurrentQueue<string>();
        using var sdk = new AzureEventSourceListener((_, message) => sdkEvents.Enqueue(message), EventLevel.Verbose);
        await using var local = await LocalDataverseOverHttp.StartAsync();
        await using var bus = new LocalServiceBusForWorker();

        // A run that works: a payment for a customer Dataverse does not know is looked up over the Web API and dead-lettered.
        await using (await WorkerHost.StartAsync(WorkerConfiguration.ForServiceBus(local.Server.BaseUri, bus), Capture(entries)))
        {
            await bus.SendAsync(LocalBroker.PaymentsQueue, [LocalServiceBusForWorker.TextMessage("secret-log-1", "sap.payment-advice", Payloads.SapPaymentAdvice("5100000077", "C-404", 75m))]);
            await Eventually.TrueAsync(() => bus.Server.CountOf($"{LocalBroker.PaymentsQueue}/$DeadLetterQueue") == 1, TimeSpan.FromSeconds(60), "the payment dead-lettered");
        }

        var working = entries.Count;

        // A run Service Bus refuses: a wrong key, so every receiver's failure is logged with its exception.
        var wrong = bus.ConnectionString.Replace(LocalServiceBusForWorker.Key, WrongKey, StringComparison.Ordinal);
        var refused = new Dictionary<string, string?> { ["Broker:ServiceBus:ConnectionString"] = wrong };
        await using (await WorkerHost.StartAsync(WorkerConfiguration.ForServiceBus(local.Server.BaseUri, bus, refused), Capture(entries)))
        {
            await Eventually.TrueAsync(
                () => entries.Count(entry => entry.StartsWith("Warning", StringComparison.Ordinal) && entry.Contains("receive failed", StringComparison.Ordinal)) >= 4,
                TimeSpan.FromSeconds(60),
                "the four receivers' failures logged");
        }

        var all = entries.ToList();
        Assert.True(working > 0, "the working run logged nothing: the capture is not attached");
        Assert.Contains(all, entry => entry.Contains("UnknownCustomer", StringComparison.Ordinal)); // the dead letter was logged
        Assert.Contains(all, entry => entry.Contains("UnauthorizedAccess", StringComparison.Ordinal)); // the refusal was logged with its exception
        Assert.NotEmpty(sdkEvents);
        foreach (var (source, logged) in new[] { ("worker log", all), ("Azure SDK event source", sdkEvents.ToList()) })
        {
            foreach (var secret in new[] { LocalServiceBusForWorker.Key, WrongKey, "SharedAccessKey=", "SharedAccessSignature", "sig=" })
            {
                var leaks = logged.Where(entry => entry.Contains(secret, StringComparison.OrdinalIgnoreCase)).ToList();
                Assert.True(leaks.Count == 0, $"{leaks.Count} of {logged.Count} {source} entries carry '{secret}', e.g.: {leaks.FirstOrDefault()}");
            }
        }
    }

    private static Action<IServiceCollection> Capture(ConcurrentQueue<string> entries) =>
        services => services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new CapturingLoggerProvider(entries)));
}
