using System.Globalization;
using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Tests.Reliability;
using CreditOS.Integration.Tests.Support;
using Xunit.Abstractions;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Issue 15, "several workers at once", on the official Service Bus client: worker hosts (<see cref="WorkerHost"/>, the
/// deployed host with Broker:Transport ServiceBus, each its own ServiceBusClient and Dataverse client as separate
/// processes would have) drain the same queues of one local Service Bus into one local Dataverse (every creditOS
/// plug-in registered) as competing consumers. The stream: the ledger stream (payments on 36 invoices of 12 accounts,
/// credit notes, new invoices, orders, identical redeliveries, malformed messages), a same-account burst (one invoice
/// paid 120 times, each payment sent twice, in one send), and, after all of that is settled, the same payment ids and
/// order references with changed content. Before the workers start, a consumer crashes holding the locks of 130
/// payments and invoices (they come back with their delivery count raised, as after a worker killed mid-batch); mid-stream one worker is stopped and a new one takes its place, so the
/// messages it held locked come back (redelivery by lock expiry, as after a crash). Outcome: what one worker leaves:
/// every valid payment once with its first amount, every invoice's open amount and every account's open receivables
/// equal to the recomputation from the messages, every order once, every changed redelivery dead-lettered as a
/// conflict (a posted payment is never overwritten by a later message), nothing left on the queues.
/// </summary>
// In the broker collection: SettledMessages reads the worker's settler log category, and the tests of that collection
// run one at a time (this one starts three hosts on a shared 2-core machine).
[Collection(BrokerCollection.Name)]
public sealed class ServiceBusSeveralWorkersTests(ITestOutputHelper output) : ServiceBusStreamTestsBase(LockDuration)
{
    private const int Size = 1_500;
    private const int BurstPayments = 120;

    // A short lock, so the messages a stopped worker held come back within the test (Service Bus' default is 60 s).
    private static readonly TimeSpan LockDuration = TimeSpan.FromSeconds(8);
    private static readonly string[] WorkerQueues = [LocalBroker.PaymentsQueue, LocalBroker.ReceivablesQueue, LocalBroker.OrderIntakeQueue];

    [Fact]
    public async Task WorkersDrainingTheSameServiceBusQueues_OneReplacedMidStream_LeaveEveryBalanceEqualToTheRecomputation()
    {
        var stream = new LedgerStream(Size, seed: 20_261_205);
        var accounts = Local.SeedLedger(stream);

        // The same-account burst: one seeded invoice of R-01 paid many times, every payment also redelivered unchanged.
        var burstInvoice = LedgerStream.SapErpId(LedgerStream.SeededDocument(0, 0));
        var burst = new List<ServiceBusMessage>();
        var burstPayments = new Dictionary<string, (decimal Amount, string Invoice)>(StringComparer.Ordinal);
        for (var index = 1; index <= BurstPayments; index++)
        {
            var document = string.Create(CultureInfo.InvariantCulture, $"6{index:D7}");
            var amount = 10m + (index % 17);
            var body = Payloads.SapPaymentAdvice(document, LedgerStream.Customer(0), amount, invoice: burstInvoice);
            burstPayments[LedgerStream.SapErpId(document)] = (amount, burstInvoice);
            burst.Add(LocalServiceBusForWorker.TextMessage("burst-" + index.ToString(CultureInfo.InvariantCulture), "sap.payment-advice", body));
            burst.Add(LocalServiceBusForWorker.TextMessage("burst-again-" + index.ToString(CultureInfo.InvariantCulture), "sap.payment-advice", body));
        }

        var phaseOnePayments = stream.PhaseOnePayments.Select(ToServiceBus).ToList();
        var phaseOneReceivables = stream.PhaseOneReceivables.Select(ToServiceBus).ToList();
        var phaseOneOrders = stream.PhaseOneOrders.Select(ToServiceBus).ToList();
        var phaseTwoPayments = stream.PhaseTwoPayments.Select(ToServiceBus).ToList();
        var phaseTwoOrders = stream.PhaseTwoOrders.Select(ToServiceBus).ToList();
        List<ServiceBusMessage> phaseOne = [.. phaseOnePayments, .. burst, .. phaseOneReceivables, .. phaseOneOrders];

        CreditPlugins.Register(Local.Dataverse);
        var configuration = WorkerConfiguration.ForServiceBus(Local.Server.BaseUri, Bus, new Dictionary<string, string?>
        {
            ["Broker:ServiceBus:LockRenewalInterval"] = "00:00:02",
        });
        await Task.WhenAll(
            Bus.SendAsync(LocalBroker.PaymentsQueue, [.. phaseOnePayments, .. burst]),
            Bus.SendAsync(LocalBroker.ReceivablesQueue, phaseOneReceivables),
            Bus.SendAsync(LocalBroker.OrderIntakeQueue, phaseOneOrders));

        // A consumer crashes holding locks on the first payments and invoices: they must come back to the workers.
        var crashed = (await Bus.LockAndCrashAsync(LocalBroker.PaymentsQueue, 100)).Concat(await Bus.LockAndCrashAsync(LocalBroker.ReceivablesQueue, 30)).ToList();
        Assert.Equal(130, crashed.Count);

        var first = await WorkerHost.StartAsync(configuration);
        await using var second = await WorkerHost.StartAsync(configuration);
        WorkerHost? replacement = null;
        try
        {

            // One worker leaves mid-stream (its locked and prefetched messages come back to the others) and a new one joins.
            await Eventually.TrueAsync(() => first.Settled.Count + second.Settled.Count >= phaseOne.Count / 3, TimeSpan.FromMinutes(5), "a third of phase one settled");
            await first.StopAsync();
            replacement = await WorkerHost.StartAsync(configuration);
            SettledMessages[] workers = [first.Settled, second.Settled, replacement.Settled];

            await AllSettledAsync(workers, phaseOne);
            await Task.WhenAll(
                Bus.SendAsync(LocalBroker.PaymentsQueue, phaseTwoPayments),
                Bus.SendAsync(LocalBroker.OrderIntakeQueue, phaseTwoOrders));
            await AllSettledAsync(workers, [.. phaseOne, .. phaseTwoPayments, .. phaseTwoOrders]);
            await second.StopAsync();
            await replacement.StopAsync();

            Assert.All(workers, worker => Assert.True(worker.Count > 0, "each worker settled messages"));
            Assert.All(crashed, id => Assert.Contains(workers, worker => worker.IsSettled(id)));
            var both = workers.SelectMany(worker => worker.Ids).GroupBy(id => id, StringComparer.Ordinal).Count(ids => ids.Count() > 1);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{phaseOne.Count + phaseTwoPayments.Count + phaseTwoOrders.Count} messages ({stream.Payments.Count + burstPayments.Count} distinct payments, {BurstPayments} of them twice on one invoice): worker 1 settled {workers[0].Count} before it stopped, worker 2 {workers[1].Count}, its replacement {workers[2].Count}; {both} settled by two workers; {crashed.Count} redelivered after a crashed consumer held their locks."));
        }
        finally
        {
            await first.DisposeAsync();
            if (replacement is not null)
            {
                await replacement.DisposeAsync();
            }
        }

        // Nothing lost, nothing left: every queue is empty and the dead letters are exactly the expected ones with their reasons.
        foreach (var queue in WorkerQueues)
        {
            Assert.Equal(0, Bus.Server.CountOf(queue));
        }

        var deadLetters = Reasons(await Bus.DeadLettersAsync(WorkerQueues));

        var failedAsync = Local.Dataverse.AsyncOperations.Where(result => result.Error is not null).ToList();
        Assert.True(failedAsync.Count == 0, "asynchronous steps failed: " + string.Join("; ", failedAsync.Select(result => result.ToString())));
        LedgerOutcome.Assert(Local, stream.Expected(burstPayments), accounts, deadLetters);
    }

    /// <summary>The ledger stream's message (built for the AMQP broker) as the official client sends it: same id, subject, content type, body.</summary>
    private static ServiceBusMessage ToServiceBus(Amqp.Message message) =>
        new(BinaryData.FromBytes((byte[])message.Body))
        {
            MessageId = message.Properties.MessageId,
            Subject = message.Properties.Subject,
            ContentType = message.Properties.ContentType,
        };

    private Task AllSettledAsync(SettledMessages[] workers, IReadOnlyList<ServiceBusMessage> sent) =>
        Bus.UntilSettledAsync(sent.Select(message => message.MessageId).ToList(), id => workers.Any(worker => worker.IsSettled(id)), WorkerQueues, TimeSpan.FromMinutes(10));
}
