using System.Globalization;
using CreditOS.Integration.Tests.Reliability;
using CreditOS.Integration.Tests.Support;
using Xunit.Abstractions;

namespace CreditOS.Integration.Tests.Concurrency;

/// <summary>
/// Issue 15, "several workers at once": two worker hosts (<see cref="WorkerHost"/>, the deployed host on the configured
/// transport) drain the same queues at the same time, as competing consumers. The ledger stream's payments (many on the
/// same invoices, so both workers post on one account at once), invoices, credit notes, orders, malformed messages and,
/// once all of that is settled, the same payment ids and order references with changed content, must leave what one
/// worker leaves: every valid payment once with its first amount, every invoice's open amount and every account's open
/// receivables equal to the recomputation from the messages (a message handled twice, or two postings on one invoice
/// interleaved, would show there), every order once, every changed redelivery dead-lettered as a conflict (the order that
/// matters: a posted payment is never overwritten by a later message), and both workers doing part of the work.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class SeveralWorkersTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Size = 2_000;
    private static readonly string[] Queues = [LocalBroker.PaymentsQueue, LocalBroker.ReceivablesQueue, LocalBroker.OrderIntakeQueue];
    private LocalDataverseOverHttp _local = null!;

    public async Task InitializeAsync()
    {
        await LocalBroker.EnsureRunningAsync();
        await LocalBroker.PurgeAsync([.. Queues, LocalBroker.WebShopReplies]);
        _local = await LocalDataverseOverHttp.StartAsync(withOrderCheck: false);
        CreditPlugins.SeedCreditConfiguration(_local.Service);
    }

    public async Task DisposeAsync() => await _local.DisposeAsync();

    [Fact]
    public async Task TwoWorkersDrainingTheSameQueues_LeaveEveryBalanceEqualToTheRecomputation_AndBothDoWork()
    {
        var stream = new LedgerStream(Size, seed: 20_261_204);
        var accounts = _local.SeedLedger(stream);

        CreditPlugins.Register(_local.Dataverse);
        var configuration = WorkerConfiguration.For(_local.Server.BaseUri);
        await using var first = await WorkerHost.StartAsync(configuration);
        await using var second = await WorkerHost.StartAsync(configuration);
        SettledMessages[] workers = [first.Settled, second.Settled];

        await Task.WhenAll(
            LocalBroker.SendAsync(LocalBroker.PaymentsQueue, stream.PhaseOnePayments),
            LocalBroker.SendAsync(LocalBroker.ReceivablesQueue, stream.PhaseOneReceivables),
            LocalBroker.SendAsync(LocalBroker.OrderIntakeQueue, stream.PhaseOneOrders));
        await AllSettledAsync(workers, [.. stream.PhaseOnePayments, .. stream.PhaseOneReceivables, .. stream.PhaseOneOrders]);
        await Task.WhenAll(
            LocalBroker.SendAsync(LocalBroker.PaymentsQueue, stream.PhaseTwoPayments),
            LocalBroker.SendAsync(LocalBroker.OrderIntakeQueue, stream.PhaseTwoOrders));
        await AllSettledAsync(workers, [.. stream.PhaseOnePayments, .. stream.PhaseOneReceivables, .. stream.PhaseOneOrders, .. stream.PhaseTwoPayments, .. stream.PhaseTwoOrders]);
        await first.StopAsync();
        await second.StopAsync();

        // Both did part of the work (competing consumers), and nothing is left on the broker.
        Assert.All(workers, worker => Assert.True(worker.Count > 0, "each worker settled messages"));
        foreach (var queue in Queues)
        {
            Assert.Empty(await LocalBroker.DrainAsync(LocalBroker.QueueAddress(queue)));
        }

        var deadLetters = await LocalBroker.DeadLetterReasonsAsync(Queues);

        LedgerOutcome.Assert(_local, stream.Expected(), accounts, deadLetters);

        var both = workers[0].Ids.Intersect(workers[1].Ids, StringComparer.Ordinal).Count();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{stream.Total} messages, {stream.Payments.Count} payments on {stream.SeededInvoices.Count} shared invoices: worker 1 settled {workers[0].Count}, worker 2 settled {workers[1].Count}, {both} settled by both (a redelivery after a lost settlement); every balance equal to the recomputation."));
    }

    private static async Task AllSettledAsync(SettledMessages[] workers, IReadOnlyList<Amqp.Message> sent)
    {
        var ids = sent.Select(message => message.Properties.MessageId).ToList();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        while (true)
        {
            var unsettled = ids.Where(id => !workers.Any(worker => worker.IsSettled(id))).ToList();
            var held = unsettled.Count == 0 ? await LocalBroker.HeldAsync(Queues) : null;
            if (held is not null && held.Values.All(count => count == 0))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{unsettled.Count} of {ids.Count} messages never settled by either worker (first: {string.Join(", ", unsettled.Take(10))}).");
            }

            await Task.Delay(unsettled.Count == 0 ? TimeSpan.FromSeconds(2) : TimeSpan.FromMilliseconds(250));
        }
    }
}
