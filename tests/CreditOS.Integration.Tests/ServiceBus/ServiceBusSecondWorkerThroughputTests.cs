using System.Diagnostics;
using System.Globalization;
using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using Microsoft.Xrm.Sdk;
using Xunit.Abstractions;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Issue 15's "throughput grows with a second worker" (session 20), where it can: a worker whose time goes to waiting for
/// Dataverse, not to CPU. The local Web API host waits <see cref="RoundTrip"/> before each request (the model of a real
/// environment's network and server time; earlier sessions found the all-in-one process CPU-bound on the shared 2-core
/// machine without it), and each worker handles one batch of <see cref="BatchSize"/> at a time, so one worker is bound by the
/// waits. The same number of payments goes through one worker, then (other payment ids, same accounts, every plug-in) through
/// two: both runs post every payment exactly once and both workers take part in the second. The times are printed, not
/// asserted: a speed-up is a performance claim, and those are proven in the BenchmarkDotNet benchmarks, never in a timed test.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class ServiceBusSecondWorkerThroughputTests(ITestOutputHelper output)
{
    private const int Payments = 200;
    private const int BatchSize = 10;
    private static readonly TimeSpan RoundTrip = TimeSpan.FromMilliseconds(250);
    private static readonly string[] Customers = ["T-1", "T-2", "T-3", "T-4"];

    [Fact]
    public async Task Two_workers_share_a_wait_bound_payment_stream_and_post_each_payment_once()
    {
        await using var bus = new LocalServiceBusForWorker(TimeSpan.FromSeconds(30));
        await using var local = await LocalDataverseOverHttp.StartAsync(options => options.SimulatedRoundTrip = RoundTrip, withOrderCheck: false);
        CreditPlugins.SeedCreditConfiguration(local.Service);
        foreach (var customer in Customers)
        {
            local.AddAccount(customer);
        }

        CreditPlugins.Register(local.Dataverse);
        var configuration = WorkerConfiguration.ForServiceBus(local.Server.BaseUri, bus, new Dictionary<string, string?>
        {
            ["Pump:MaxConcurrentBatches"] = "1",
            ["Pump:MaxBatchSize"] = BatchSize.ToString(CultureInfo.InvariantCulture),
        });

        var one = await DrainAsync(bus, configuration, workers: 1, firstDocument: 1);
        var two = await DrainAsync(bus, configuration, workers: 2, firstDocument: 1 + Payments);

        var posted = local.Rows(LocalDataverseOverHttp.PaymentTable, "cos_erpid", "cos_amount");
        Assert.Equal(2 * Payments, posted.Count);
        Assert.Equal(2 * Payments, posted.Select(row => (string)row["cos_erpid"]).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Enumerable.Range(1, 2 * Payments).Sum(Amount), posted.Sum(row => row.GetAttributeValue<Money>("cos_amount").Value));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Payments} payments, {RoundTrip.TotalMilliseconds:0} ms per request, one batch of {BatchSize} at a time per worker: 1 worker {one.Elapsed.TotalSeconds:0.0} s ({Payments / one.Elapsed.TotalSeconds:0.0}/s); 2 workers {two.Elapsed.TotalSeconds:0.0} s ({Payments / two.Elapsed.TotalSeconds:0.0}/s, settled {string.Join(" / ", two.Shares)}); {one.Elapsed / two.Elapsed:0.00}×"));
        Assert.All(two.Shares, share => Assert.True(share > 0, $"each worker settled part of the stream ({string.Join(" / ", two.Shares)})"));
    }

    private static decimal Amount(int document) => 10m + (document % 50);

    private static async Task<(TimeSpan Elapsed, int[] Shares)> DrainAsync(LocalServiceBusForWorker bus, Microsoft.Extensions.Configuration.IConfiguration configuration, int workers, int firstDocument)
    {
        var messages = Enumerable.Range(firstDocument, Payments).Select(document =>
        {
            var number = string.Create(CultureInfo.InvariantCulture, $"77{document:D6}");
            var body = "{\"PaymentAdvice\":{\"CompanyCode\":\"1000\",\"FiscalYear\":\"2026\",\"DocumentNumber\":\"" + number + "\",\"Customer\":\""
                + Customers[document % Customers.Length] + "\",\"Amount\":\"" + Amount(document).ToString("0.00", CultureInfo.InvariantCulture)
                + "\",\"Currency\":\"EUR\",\"ValueDate\":\"2026-11-20\",\"Items\":[]}}";
            return LocalServiceBusForWorker.TextMessage("tp-" + number, "sap.payment-advice", body);
        }).ToList();
        await bus.SendAsync(LocalBroker.PaymentsQueue, messages);

        var shares = Enumerable.Range(0, workers).Select(_ => new SettledMessages()).ToList();
        var started = Stopwatch.StartNew();
        var running = shares.Select(share =>
        {
            var worker = WorkerUnderTest.Create(configuration, share.Register);
            worker.StartServiceBus(QueueKind.Payments);
            return worker;
        }).ToList();
        try
        {
            await bus.UntilSettledAsync(messages.Select(message => message.MessageId).ToList(), id => shares.Any(share => share.IsSettled(id)), [LocalBroker.PaymentsQueue], TimeSpan.FromMinutes(5));
            started.Stop();
        }
        finally
        {
            foreach (var worker in running)
            {
                await worker.DisposeAsync();
            }

            foreach (var share in shares)
            {
                share.Dispose();
            }
        }

        return (started.Elapsed, shares.Select(share => share.Count).ToArray());
    }
}
