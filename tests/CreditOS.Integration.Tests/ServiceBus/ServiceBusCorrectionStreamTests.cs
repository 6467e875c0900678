using System.Collections.Concurrent;
using System.Globalization;
using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Tests.Handlers;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Transport;
using CreditOS.LocalDataverse.WebApi.OData;
using Xunit.Abstractions;
using static CreditOS.Integration.Tests.Support.SapAdviceStream; // Erp, Message, Advice

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Session 36's adversarial stream, what no earlier stream combined, through the official client, the local Service Bus, the
/// worker and the local Dataverse over HTTP with every plug-in:
/// <list type="bullet">
/// <item>the ERP's corrections crossing queues: a bounced payment's invoice restated below what that payment paid (a credit
/// note on the receivables queue) delivered <b>before</b> the reversal that makes room for it (on the payments queue), and a
/// restatement below what is paid whose reversal never comes; a reversal sent before the payment it reverses;</item>
/// <item>payments before their invoices; a payment redelivered under its message id with another amount, and under another id
/// with another amount (conflicts, never overwrites); the same payment under two ids, identical (once); a valid payment in a
/// 150 KB message;</item>
/// <item>absurd values: NaN, an exponent beyond decimal, a figure beyond decimal, an amount beyond the sanity caps, a negative
/// payment, a currency symbol for a code, dates in 1899 and 2199, a missing amount, JSON sent as text/csv, a payment whose time
/// to live ran out;</item>
/// <item>Dataverse answering 429 with Retry-After and 503; the broker stopped mid-batch for longer than the lock, and restarted
/// twice while answers and completions were on the way; the worker killed while a $batch of its was on its way to Dataverse
/// (its connection gone, so it can never complete what that batch commits), a second worker taking over.</item>
/// </list>
/// Then every balance equals the ERP ledger computed from the valid messages (<see cref="LedgerOutcome"/>), every invalid
/// message is in a dead-letter queue with its reason and the figures, and nothing is lost or applied twice.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class ServiceBusCorrectionStreamTests(ITestOutputHelper output) : ServiceBusStreamTestsBase(LockDuration, DeliveryLimit)
{
    private const int DeliveryLimit = 6;
    private const int KillAtBatch = 7;
    private static readonly TimeSpan LockDuration = TimeSpan.FromSeconds(5);
    private static readonly string InvoiceA = Erp("9610000001");
    private static readonly string InvoiceB = Erp("9610000002");
    private static readonly string InvoiceC = Erp("9610000003");
    private readonly ConcurrentDictionary<string, int> _injected = new(StringComparer.Ordinal);
    private SettledMessages? _settled;
    private WorkerUnderTest? _first;
    private WorkerUnderTest? _second;
    private Task _takeOver = Task.CompletedTask;

    [Fact]
    public async Task CorrectionsOvertakingTheirReversals_AbsurdValues_BrokerAndWorkerKilled_EveryBalanceEqualsTheErpLedger()
    {
        var accounts = new Dictionary<string, Guid>(StringComparer.Ordinal) { ["C-1"] = Local.AddAccount("C-1"), ["C-2"] = Local.AddAccount("C-2") };
        CreditPlugins.Register(Local.Dataverse);
        var stream = new SapAdviceStream();
        var invoiceAmounts = new Dictionary<string, decimal>(StringComparer.Ordinal) { [InvoiceA] = 400m, [InvoiceB] = 600m, [InvoiceC] = 500m };
        var invoiceCustomers = new Dictionary<string, string>(StringComparer.Ordinal) { [InvoiceA] = "C-1", [InvoiceB] = "C-1", [InvoiceC] = "C-2" };
        ServiceBusMessage[] invoices =
        [
            OpenItem("inv-a", "9610000001", "C-1", 1_000m, 1_000m),
            OpenItem("inv-b", "9610000002", "C-1", 600m, 600m),
            OpenItem("inv-c", "9610000003", "C-2", 500m, 500m),
        ];

        // Sent with the invoices, so some overtake them.
        var payments = new List<ServiceBusMessage>
        {
            stream.Valid("pay-a1", "9710000001", "C-1", 600m, InvoiceA), // bounces in phase two
            stream.Valid("pay-b1", "9710000002", "C-1", 300m, InvoiceB),
            stream.Valid("pay-c1", "9710000003", "C-2", 200m, InvoiceC),
            Message("pay-c1", Advice("9710000003", "C-2", "200.00", "EUR", InvoiceC)), // the same message id, the same content
            Message("pay-c1-copy", Advice("9710000003", "C-2", "200.00", "EUR", InvoiceC)), // the same payment under another id
        };
        for (var index = 1; index <= 20; index++)
        {
            var number = index.ToString("D8", CultureInfo.InvariantCulture);
            payments.Add(stream.Valid("bulk-b" + number, "93" + number, "C-1", 1m, InvoiceB));
            payments.Add(stream.Valid("bulk-c" + number, "94" + number, "C-2", 2m, InvoiceC));
        }

        // 150 KB of a field the contract does not know: a valid payment, applied once.
        stream.Payments[Erp("9710000004")] = (50m, InvoiceB);
        payments.Add(Message("pay-big", Advice("9710000004", "C-1", "50.00", "EUR", InvoiceB).Replace("\"Items\"", "\"Note\":\"" + new string('x', 150_000) + "\",\"Items\"", StringComparison.Ordinal)));

        // Absurd values, each dead-lettered by the worker with its reason.
        payments.Add(stream.Refused("pay-nan", RejectionReasons.MalformedPayload, Advice("9710000011", "C-1", "\"NaN\"", "EUR", InvoiceB)));
        payments.Add(stream.Refused("pay-exponent", RejectionReasons.MalformedPayload, Advice("9710000012", "C-1", "1e400", "EUR", InvoiceB)));
        payments.Add(stream.Refused("pay-beyond-decimal", RejectionReasons.MalformedPayload, Advice("9710000013", "C-1", "79228162514264337593543950336", "EUR", InvoiceB)));
        payments.Add(stream.Refused("pay-sanity", RejectionReasons.DataverseRejected, Advice("9710000014", "C-1", "900000000000.00", "EUR", InvoiceB)));
        payments.Add(stream.Refused("pay-negative", RejectionReasons.NonPositiveAmount, Advice("9710000015", "C-1", "-600.00", "EUR", InvoiceA)));
        payments.Add(stream.Refused("pay-symbol", RejectionReasons.CurrencyMismatch, Advice("9710000016", "C-1", "10.00", "€", InvoiceB)));
        payments.Add(stream.Refused("pay-1899", RejectionReasons.MalformedPayload, Advice("9710000017", "C-1", "10.00", "EUR", InvoiceB).Replace("2026-11-20", "1899-12-31", StringComparison.Ordinal)));
        payments.Add(stream.Refused("pay-2199", RejectionReasons.MalformedPayload, Advice("9710000018", "C-1", "10.00", "EUR", InvoiceB).Replace("2026-11-20", "2199-01-01", StringComparison.Ordinal)));
        payments.Add(stream.Refused("pay-no-amount", RejectionReasons.MalformedPayload, Advice("9710000019", "C-1", "10.00", "EUR", InvoiceB).Replace("\"Amount\":\"10.00\",", string.Empty, StringComparison.Ordinal)));
        var csvTyped = stream.Refused("pay-as-csv", RejectionReasons.ContentTypeMismatch, Advice("9710000020", "C-1", "10.00", "EUR", InvoiceB));
        csvTyped.ContentType = "text/csv";
        payments.Add(csvTyped);

        // A payment whose time to live runs out before any receiver takes it.
        var expiring = stream.Refused("pay-expired", "TTLExpiredException", Advice("9710000021", "C-1", "40.00", "EUR", InvoiceB));
        expiring.TimeToLive = TimeSpan.FromSeconds(1);
        await Bus.SendAsync(LocalBroker.PaymentsQueue, [expiring]);
        await Eventually.TrueAsync(() => Bus.Server.CountOf($"{LocalBroker.PaymentsQueue}/$DeadLetterQueue") == 1, TimeSpan.FromSeconds(30), "the expired payment dead-lettered");

        using var settled = new SettledMessages();
        _settled = settled;
        string[] brokerDeadLetters = ["pay-expired", "inv-b-cut"];
        try
        {
            _first = CreateWorker(settled, maxBatchSize: 5, transientFailurePause: "00:00:00.500");
            StartOnErpQueues(_first);
            await Task.WhenAll(Bus.SendAsync(LocalBroker.PaymentsQueue, payments), Bus.SendAsync(LocalBroker.ReceivablesQueue, invoices));
            await UntilSettledAsync(settled, [.. payments, .. invoices], TimeSpan.FromMinutes(2), brokerDeadLetters);
            await _takeOver;

            // Phase two: the ERP bounced pay-a1 and restated its invoice to 400.00; the restatement comes first (other queue),
            // the reversal only once the worker has handled the restatement. B is restated to 100.00 with no reversal ever. A
            // reversal is sent before the payment it reverses, which is sent once the worker has handled the reversal.
            var creditNote = OpenItem("inv-a-credit", "9610000001", "C-1", 400m, 400m);
            var early = Reversal("rev-d", "9810000009", "9710000009", 40m, "C-2");
            stream.DeadLetters["inv-b-cut"] = "MaxDeliveryCountExceeded";
            await Task.WhenAll(
                Bus.SendAsync(LocalBroker.ReceivablesQueue, [creditNote, OpenItem("inv-b-cut", "9610000002", "C-1", 100m, 0m)]),
                Bus.SendAsync(LocalBroker.PaymentsQueue, [early]));
            await Eventually.TrueAsync(
                () => new[] { "inv-a-credit", "rev-d" }.All(id => settled.LastAbandonReason(id) is not null || settled.IsAccounted(id)),
                TimeSpan.FromMinutes(1),
                "the restatement and the early reversal handled before what they wait for is sent");
            var creditNoteWaited = settled.LastAbandonReason("inv-a-credit");
            List<ServiceBusMessage> corrections =
            [
                Reversal("rev-a1", "9810000001", "9710000001", 600m, "C-1"),
                stream.Valid("pay-d", "9710000009", "C-2", 40m, InvoiceC),
                stream.Refused("pay-b1", RejectionReasons.PostedPaymentChanged, Advice("9710000002", "C-1", "333.00", "EUR", InvoiceB)),
                stream.Refused("pay-c1-changed", RejectionReasons.PostedPaymentChanged, Advice("9710000003", "C-2", "250.00", "EUR", InvoiceC)),
            ];
            await Bus.SendAsync(LocalBroker.PaymentsQueue, corrections);
            await Eventually.TrueAsync(() => Queues.All(queue => Bus.Server.CountOf(queue) == 0), TimeSpan.FromMinutes(2), "every queue drained, the restatement without a reversal past MaxDeliveryCount");

            // After the bounce: the bounced payment re-exported unchanged under a new id (a redelivery of a reversed payment:
            // nothing moves), and a payment naming the same invoice twice (applied once).
            stream.Payments[Erp("9710000030")] = (30m, InvoiceC);
            List<ServiceBusMessage> late =
            [
                Message("pay-a1-again", Advice("9710000001", "C-1", "600.00", "EUR", InvoiceA)),
                Message("pay-twice", Advice("9710000030", "C-2", "30.00", "EUR", InvoiceC).Replace("]}}", ",{\"InvoiceReference\":\"" + InvoiceC + "\"}]}}", StringComparison.Ordinal)),
            ];
            await Bus.SendAsync(LocalBroker.PaymentsQueue, late);
            await UntilSettledAsync(settled, late, TimeSpan.FromMinutes(1), brokerDeadLetters);
            await Restarted;
            await _takeOver;
            await (_second ?? _first).StopAsync();

            var drained = await Bus.DeadLettersAsync(Queues);
            await Local.WaitForOpenReceivablesToSettleAsync(accounts.Values);
            var expected = new ExpectedLedger(stream.DeadLetters, stream.Payments, invoiceAmounts, invoiceCustomers, new Dictionary<string, decimal>())
            {
                ReversedPayments = new HashSet<string>([Erp("9710000001"), Erp("9710000009")], StringComparer.Ordinal),
                UnappliedCash = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["C-1"] = 0m, ["C-2"] = 0m },
            };
            LedgerOutcome.Assert(Local, expected, accounts, Reasons(drained));

            // The restatement that overtook its reversal waited for it (never dead-lettered, never applied over the payment).
            Assert.Contains("delivered again until the ERP's reversal or refund of those payments is in", creditNoteWaited ?? "(not waited)", StringComparison.Ordinal);

            // The figures: the restatement without its reversal says what is paid; conflicts state both amounts.
            Assert.Contains("cannot be reduced to 100.00: 370.00 of it is paid", (string)drained["inv-b-cut"].ApplicationProperties[DeadLetterProperties.LastAbandonReason], StringComparison.Ordinal);
            var figures = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["pay-b1"] = "was posted as 300.00; the ERP now says 333.00",
                ["pay-c1-changed"] = "was posted as 200.00; the ERP now says 250.00",
                ["pay-nan"] = "value 'NaN' is not a number",
                ["pay-exponent"] = "value '1e400' is not a number",
                ["pay-beyond-decimal"] = "79228162514264337593543950336",
                ["pay-sanity"] = "900,000,000,000.00",
                ["pay-negative"] = "-600",
                ["pay-symbol"] = "is in € but account C-1 trades in EUR",
                ["pay-1899"] = "1899-12-31",
                ["pay-2199"] = "2199-01-01",
                ["pay-no-amount"] = "'Amount' is missing",
                ["pay-as-csv"] = "text/csv",
            };
            var unstated = figures.Where(pair => drained[pair.Key].DeadLetterErrorDescription?.Contains(pair.Value, StringComparison.Ordinal) != true)
                .Select(pair => $"{pair.Key}: '{pair.Value}' not in \"{drained[pair.Key].DeadLetterErrorDescription}\"").ToList();
            Assert.True(unstated.Count == 0, $"{unstated.Count} description(s) without their figures: {string.Join("; ", unstated)}");

            // Nothing lost: every message id sent was settled by a worker or is in a dead-letter queue, and the queues are empty.
            var unaccounted = payments.Concat(invoices).Concat(corrections).Concat(late).Append(creditNote).Append(early).Select(message => message.MessageId)
                .Where(id => !settled.IsAccounted(id) && !drained.ContainsKey(id)).Distinct().ToList();
            Assert.Empty(unaccounted);
            Assert.All(Queues, queue => Assert.Equal(0, Bus.Server.CountOf(queue)));
            Assert.Equal(["429", "503", "broker restarted after a batch", "broker stopped during a batch", "worker killed during a batch"], _injected.Keys.Order(StringComparer.Ordinal));
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{payments.Count + invoices.Length + corrections.Count + late.Count + 4} messages; the restatement before its reversal: {creditNoteWaited ?? "(not waited)"}; {BatchRequests} $batch requests, faults: {string.Join(", ", _injected.Select(pair => $"{pair.Key} ×{pair.Value}"))}."));
        }
        finally
        {
            await _takeOver;
            if (_second is not null)
            {
                await _second.DisposeAsync();
            }

            await _first!.DisposeAsync();
        }
    }

    /// <summary>
    /// Of the $batch requests: the 2nd is throttled (429, Retry-After 1 s), the 4th fails with 503; during the 5th the broker
    /// is down for longer than the lock; at the 7th the first worker is killed (its connection closed and its pumps ended before
    /// the batch goes on to Dataverse) and a second worker takes over; at the 9th and 12th the broker restarts 150 ms later.
    /// </summary>
    private protected override WebApiResult? OnBatch(int number, WebApiRequest request)
    {
        switch (number)
        {
            case 2:
                Injected("429");
                return WebApiResult.Error(429, unchecked((int)0x80072322), "Injected: number of requests exceeded.", new Dictionary<string, string> { ["Retry-After"] = "1" });
            case 4:
                Injected("503");
                return WebApiResult.Error(503, unchecked((int)0x80040216), "Injected: service unavailable.");
            case 5:
                Injected("broker stopped during a batch");
                StopDuring(LockDuration + TimeSpan.FromSeconds(1));
                return null;
            case KillAtBatch:
                Injected("worker killed during a batch");
                var first = _first!;
                var killed = first.KillAsync();
                _takeOver = Task.Run(async () =>
                {
                    await killed;
                    _second = CreateWorker(_settled!, maxBatchSize: 5, transientFailurePause: "00:00:00.500");
                    StartOnErpQueues(_second);
                });
                killed.Wait(TimeSpan.FromSeconds(10)); // the batch reaches Dataverse once its worker is gone: committed, never completed
                return null;
            case 9 or 12:
                Injected("broker restarted after a batch");
                RestartAfter(TimeSpan.FromMilliseconds(150));
                return null;
            default:
                return null;
        }
    }

    private static ServiceBusMessage OpenItem(string messageId, string document, string customer, decimal amount, decimal open) =>
        LocalServiceBusForWorker.TextMessage(messageId, "sap.open-item", Payloads.SapOpenItem(document, customer, amount, open));

    private static ServiceBusMessage Reversal(string messageId, string reversalDocument, string paymentDocument, decimal amount, string customer) =>
        LocalServiceBusForWorker.TextMessage(messageId, "sap.payment-reversal", PaymentReversalHandlerTests.SapPaymentReversal(reversalDocument, paymentDocument, "bounced cheque", amount, customer));

    private void Injected(string fault) => _injected.AddOrUpdate(fault, 1, (_, count) => count + 1);
}
