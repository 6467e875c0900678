using System.Globalization;
using System.Text.Json;
using CreditOS.Integration.Tests.Reliability;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Messages;
using CreditOS.LocalServiceBus;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Session 30: the worker process and the local Service Bus process SIGKILLed at the same moment, then both started again
/// (the broker on what its killed process left, a new worker process), and tampered copies of a payment whose first copy
/// committed while its completion never arrived.
/// </summary>
public sealed partial class WorkerProcessKillMomentsTests
{
    private (WorkerProcess Broker, TaskCompletionSource Killed)? _killBothAtBatch;
    private string? _completionNeverSent;

    public enum TogetherMoment
    {
        /// <summary>
        /// The broker process persisting a payment's completion (the 41st <c>Delete</c> on the payments queue, written and not
        /// committed) and the worker process waiting for its answer: the payment committed in Dataverse, its completion in
        /// neither the broker nor the worker.
        /// </summary>
        WhileTheBrokerPersistsACompletion,

        /// <summary>A payment-posting <c>$batch</c> at Dataverse after 40 completions: both killed, the batch then commits with both gone.</summary>
        WithABatchAtDataverse,
    }

    [Theory]
    [InlineData(TogetherMoment.WhileTheBrokerPersistsACompletion)]
    [InlineData(TogetherMoment.WithABatchAtDataverse)]
    public async Task Worker_and_broker_processes_killed_together_then_restarted_lose_no_money_apply_none_twice_and_keep_conflicts(TogetherMoment moment)
    {
        var hold = moment == TogetherMoment.WhileTheBrokerPersistsACompletion
            ? new StoreWriteHold { Operation = StoreWriteHold.Delete, Entity = LocalBroker.PaymentsQueue, After = AfterCompleted }
            : null;
        await RunAsync("together " + moment, async (configuration, stream) =>
        {
            Bus.Stop();
            var broker = WorkerProcess.Start(LocalServiceBusHost.Assembly, LocalServiceBusHost.ConfigurationFor(Bus.Options, hold), ProcessDirectory, "local-servicebus");
            await using (broker)
            {
                if (hold is not null)
                {
                    var held = broker.LineContaining(MessageStoreHoldMarker);
                    var worker = StartProcess(configuration);
                    await UntilAsync(() => held.IsCompleted || broker.HasExited, worker, TimeSpan.FromSeconds(120), $"the broker process holding a {hold.Operation} before its commit");
                    Assert.True(held.IsCompleted, $"the broker process ended before its fault point (its log: {broker.LogPath}):\n{broker.Tail()}");
                    lock (Gate)
                    {
                        var completed = KillCurrent();
                        broker.Kill();
                        _kills.Add($"worker and broker SIGKILL together at \"{held.Result.Trim()}\" (the worker had completed {completed})");
                    }
                }
                else
                {
                    var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    var worker = StartProcess(configuration, () => _killBothAtBatch = (broker, killed));
                    await UntilAsync(() => killed.Task.IsCompleted || broker.HasExited, worker, TimeSpan.FromSeconds(120), "a payment-posting $batch to kill both processes at");
                    Assert.True(killed.Task.IsCompleted, $"the broker process ended on its own (its log: {broker.LogPath}):\n{broker.Tail()}");
                }

                Assert.True(Processes[^1].HasExited, "the killed worker process is gone");
            }

            // Both started again: the broker on what its killed process left (the open transaction rolled back by SQLite),
            // then a new worker process. Before it runs, a tampered copy of a payment whose first copy committed and whose
            // completion never arrived (its message still locked by the dead process) is put beside it.
            Bus.Start();
            await SendTamperedCopyAsync(stream, await LockedCommittedPaymentAsync(stream));
            return StartProcess(configuration);
        });
    }

    /// <summary>
    /// Sends, under <paramref name="messageId"/>, the payment its first message posted with another amount (7.00 more), and
    /// expects it dead-lettered <c>PostedPaymentChanged</c>; the first copy (committed, never completed) must still be
    /// completed as a redelivery and keep its amount (the ledger check).
    /// </summary>
    private async Task SendTamperedCopyAsync(LedgerStream stream, string messageId)
    {
        var original = stream.PhaseOnePayments.Single(message => message.Properties.MessageId == messageId);
        var document = JsonDocument.Parse((byte[])original.Body).RootElement.GetProperty("PaymentAdvice").GetProperty("DocumentNumber").GetString()!;
        var erpId = LedgerStream.SapErpId(document);
        Assert.True(Committed(erpId), $"the first copy of {messageId} ({erpId}) is in Dataverse before its tampered copy is sent");
        var (amount, invoice) = stream.Payments[erpId];
        var tampered = LocalServiceBusForWorker.TextMessage(messageId, "sap.payment-advice", Payloads.SapPaymentAdvice(document, stream.SeededInvoices[invoice], amount + 7m, invoice: invoice));
        tampered.ContentType = "application/json";
        stream.ExpectedDeadLetters[messageId] = RejectionReasons.PostedPaymentChanged;
        lock (Gate)
        {
            // The killed process has exited, so no frame of it can come any more; the hook must not drop the test's own send.
            _deadProcessFrames = false;
        }

        await Bus.SendAsync(LocalBroker.PaymentsQueue, [tampered]);
        lock (Gate)
        {
            _kills.Add(string.Create(CultureInfo.InvariantCulture, $"tampered copy of {messageId} ({erpId}: {amount:0.00} → {amount + 7m:0.00}) sent"));
        }
    }

    /// <summary>
    /// A valid payment message still locked on the payments queue by the killed process whose payment is in Dataverse (its
    /// batch committed); waits up to 30 s for a batch that commits after the kill.
    /// </summary>
    private async Task<string> LockedCommittedPaymentAsync(LedgerStream stream)
    {
        var valid = stream.PhaseOnePayments
            .Select(message => (Id: message.Properties.MessageId, Body: (byte[])message.Body))
            .Where(message => message.Id.StartsWith("pay-", StringComparison.Ordinal))
            .ToDictionary(message => message.Id, message => LedgerStream.SapErpId(JsonDocument.Parse(message.Body).RootElement.GetProperty("PaymentAdvice").GetProperty("DocumentNumber").GetString()!), StringComparer.Ordinal);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            // Delivered to the killed process and not settled: still locked, its lock run out, or released by the sweep after it.
            var locked = Bus.Server.DescribeMessages(LocalBroker.PaymentsQueue, 1000)
                .Where(line => line.Contains(" locked for ", StringComparison.Ordinal) || line.Contains(" lock expired ", StringComparison.Ordinal)
                    || !line.Contains(" deliveries failed 0,", StringComparison.Ordinal))
                .Select(line => line.Split(' ')[1])
                .Where(valid.ContainsKey)
                .ToList();
            if (locked.FirstOrDefault(id => Committed(valid[id])) is { } id)
            {
                return id;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no payment message locked by the killed process has its payment in Dataverse (locked: {string.Join(", ", locked)})");
            await Task.Delay(200);
        }
    }

    private bool Committed(string erpId) =>
        Local.Rows(LocalDataverseOverHttp.PaymentTable, "cos_erpid").Any(row => string.Equals((string)row["cos_erpid"], erpId, StringComparison.Ordinal));
}
