using System.Globalization;
using System.Text;
using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Messages;
using CreditOS.LocalDataverse.WebApi.OData;
using Xunit.Abstractions;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Audit round 4's stream through the official client, the local Service Bus (restarted once while a batch's answer is on
/// the way), the worker and the local Dataverse over HTTP with every plug-in. Valid payments share batches with: a payment
/// naming its invoice in lower case; windows-1252 invoices with and without their charset stated (ids differing in one
/// letter, which UTF-8 decoding with replacement characters merged into one key); an invoice id with a space and a payment
/// reference "K-1,K-2" (separators of applied invoices). Once that is settled, the ERP re-exports payments under new message
/// ids: one unchanged, one naming its invoice in upper case, one with another value date (a conflict: it used to be
/// completed as a redelivery). Each refused message is dead-lettered by the worker with its reason, every valid payment is
/// applied once, and every balance equals the recomputation from the messages (<see cref="LedgerOutcome"/>).
/// </summary>
[Collection(BrokerCollection.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class ServiceBusReExportStreamTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] Queues = [LocalBroker.PaymentsQueue, LocalBroker.ReceivablesQueue];
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
    private readonly Lock _busControl = new();
    private Task _restart = Task.CompletedTask;
    private LocalServiceBusForWorker _bus = null!;
    private LocalDataverseOverHttp _local = null!;
    private int _batchRequests;

    public async Task InitializeAsync()
    {
        _bus = new LocalServiceBusForWorker(lockDuration: TimeSpan.FromSeconds(5), maxDeliveryCount: 5);
        _local = await LocalDataverseOverHttp.StartAsync(options => options.FaultInjector = RestartOnce, withOrderCheck: false);
        CreditPlugins.SeedCreditConfiguration(_local.Service);
    }

    public async Task DisposeAsync()
    {
        await _restart;
        await _local.DisposeAsync();
        await _bus.DisposeAsync();
    }

    [Fact]
    public async Task ReExportsAndMisencodedOrUnnameableIds_AmongValidPayments_AreAppliedOnceOrDeadLetteredWithTheirReason_EveryBalanceEqualsTheMessages()
    {
        var accounts = new Dictionary<string, Guid>(StringComparer.Ordinal) { ["C-1"] = _local.AddAccount("C-1") };
        CreditPlugins.Register(_local.Dataverse); // before the invoices, so the account's open receivables count them
        CreditPlugins.AddOpenInvoice(_local.Service, accounts["C-1"], _local.Euro, "K-1", 1_000m);
        CreditPlugins.AddOpenInvoice(_local.Service, accounts["C-1"], _local.Euro, "K-2", 500m);
        var invoiceAmounts = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["K-1"] = 1_000m, ["K-2"] = 500m };
        var payments = new Dictionary<string, (decimal Amount, string Invoice)>(StringComparer.Ordinal);
        var deadLetters = new Dictionary<string, string>(StringComparer.Ordinal);
        ServiceBusMessage Refused(ServiceBusMessage message, string reason)
        {
            deadLetters[message.MessageId] = reason;
            return message;
        }

        var payments1 = new List<ServiceBusMessage>();
        var invoices1 = new List<ServiceBusMessage>();
        for (var index = 1; index <= 24; index++)
        {
            var document = "96" + index.ToString("D8", CultureInfo.InvariantCulture);
            payments["1000-2026-" + document] = (10m, "K-1");
            payments1.Add(LocalServiceBusForWorker.TextMessage("pay-" + index, "sap.payment-advice", Payloads.SapPaymentAdvice(document, "C-1", 10m, invoice: "K-1")));
            if (index == 8)
            {
                payments["1000-2026-9600000100"] = (25m, "K-2");
                payments1.Add(LocalServiceBusForWorker.TextMessage("pay-lower", "sap.payment-advice", Payloads.SapPaymentAdvice("9600000100", "C-1", 25m, invoice: "k-2")));
                payments1.Add(Refused(LocalServiceBusForWorker.TextMessage("pay-joined", "sap.payment-advice", Payloads.SapPaymentAdvice("9600000101", "C-1", 30m, invoice: "K-1,K-2")), RejectionReasons.UnnameableInvoiceId));
                invoices1.Add(Refused(LocalServiceBusForWorker.TextMessage("inv-spaced", "legacy.receivable-csv", Payloads.LegacyReceivableCsv("L 7", "C-1", 300m, 300m)), RejectionReasons.UnnameableInvoiceId));
                invoices1.Add(Refused(Cp1252("inv-1252-bare", "RÉ-9", 300m, "text/csv"), RejectionReasons.MalformedPayload));
                invoices1.Add(Refused(Cp1252("inv-1252-bare-2", "R€-9", 500m, null), RejectionReasons.MalformedPayload));
                invoices1.Add(Cp1252("inv-1252-a", "RÉ-8", 300m, "text/csv; charset=windows-1252"));
                invoices1.Add(Cp1252("inv-1252-b", "R€-8", 500m, "text/csv; charset=windows-1252"));
                invoiceAmounts["RÉ-8"] = 300m;
                invoiceAmounts["R€-8"] = 500m;
            }
        }

        using var settled = new SettledMessages();
        await using var worker = WorkerUnderTest.Create(
            WorkerConfiguration.ForServiceBus(_local.Server.BaseUri, _bus, new Dictionary<string, string?>
            {
                ["Broker:ServiceBus:LockRenewalInterval"] = "00:00:01",
                ["Pump:MaxBatchSize"] = "10",
                ["Pump:TransientFailurePause"] = "00:00:01",
            }),
            settled.Register);
        await Task.WhenAll(_bus.SendAsync(LocalBroker.PaymentsQueue, payments1), _bus.SendAsync(LocalBroker.ReceivablesQueue, invoices1));
        worker.StartServiceBus(QueueKind.Payments, QueueKind.Receivables);
        await _bus.UntilSettledAsync([.. payments1.Select(message => message.MessageId), .. invoices1.Select(message => message.MessageId)], settled.IsSettled, Queues, TimeSpan.FromMinutes(3));

        // The ERP re-exports three of them under new message ids: unchanged, the invoice named in its own case, another value date.
        ServiceBusMessage[] reExports =
        [
            LocalServiceBusForWorker.TextMessage("pay-3-again", "sap.payment-advice", Payloads.SapPaymentAdvice("9600000003", "C-1", 10m, invoice: "K-1")),
            LocalServiceBusForWorker.TextMessage("pay-lower-again", "sap.payment-advice", Payloads.SapPaymentAdvice("9600000100", "C-1", 25m, invoice: "K-2")),
            Refused(LocalServiceBusForWorker.TextMessage("pay-5-redated", "sap.payment-advice", Payloads.SapPaymentAdvice("9600000005", "C-1", 10m, invoice: "K-1").Replace("2026-11-20", "2026-11-25", StringComparison.Ordinal)), RejectionReasons.PostedPaymentChanged),
        ];
        await _bus.SendAsync(LocalBroker.PaymentsQueue, reExports);
        await _bus.UntilSettledAsync(reExports.Select(message => message.MessageId).ToList(), settled.IsSettled, Queues, TimeSpan.FromMinutes(2));
        await worker.StopAsync();
        await _restart;

        var drained = await _bus.DeadLettersAsync(Queues);
        var expected = new ExpectedLedger(
            deadLetters,
            payments,
            invoiceAmounts,
            invoiceAmounts.ToDictionary(pair => pair.Key, _ => "C-1", StringComparer.Ordinal),
            new Dictionary<string, decimal>())
        {
            UnappliedCash = new Dictionary<string, decimal> { ["C-1"] = 0m },
        };
        await WaitForRescoringAsync(accounts["C-1"]);
        LedgerOutcome.Assert(_local, expected, accounts, drained.ToDictionary(pair => pair.Key, pair => pair.Value.DeadLetterReason ?? "(none)", StringComparer.Ordinal));
        Assert.Contains("was posted dated 2026-11-20; the ERP now says 2026-11-25", drained["pay-5-redated"].DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Contains("'K-1,K-2' contains ','", drained["pay-joined"].DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Contains("'L 7' contains a space", drained["inv-spaced"].DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Contains("is not valid UTF-8: byte 0xC9", drained["inv-1252-bare"].DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Contains("is not valid UTF-8: byte 0x80", drained["inv-1252-bare-2"].DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.All(Queues, queue => Assert.Equal(0, _bus.Server.CountOf(queue)));
        Assert.True(_batchRequests >= 2, $"the local Service Bus was to restart after the 2nd $batch; there were {_batchRequests}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{payments1.Count + invoices1.Count + reExports.Length} messages: {payments.Count} payments applied once, {deadLetters.Count} dead-lettered with their reasons; {_batchRequests} $batch requests."));
    }

    private static ServiceBusMessage Cp1252(string messageId, string invoice, decimal amount, string? contentType) =>
        new(BinaryData.FromBytes(Windows1252.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"invoice_id;customer_no;invoice_number;invoice_date;due_date;amount;open_amount;currency;settled_on;disputed\n{invoice};C-1;{invoice};2026-09-01;2026-10-01;{amount};{amount};EUR;;no"))))
        {
            MessageId = messageId,
            Subject = "legacy.receivable-csv",
            ContentType = contentType,
        };

    /// <summary>The receivable step rescores asynchronously: wait until the account's open receivables stop moving.</summary>
    private async Task WaitForRescoringAsync(Guid account)
    {
        var last = "start";
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await Task.Delay(200);
            var now = _local.Service.Retrieve(LocalDataverseOverHttp.AccountTable, account, new Microsoft.Xrm.Sdk.Query.ColumnSet("cos_openreceivables")).GetAttributeValue<Microsoft.Xrm.Sdk.Money>("cos_openreceivables")?.Value.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
            if (now == last)
            {
                return;
            }

            last = now;
        }
    }

    /// <summary>The local Service Bus restarts 200 ms after the 2nd $batch arrives, while that batch's answer and completions are on the way.</summary>
    private WebApiResult? RestartOnce(WebApiRequest request)
    {
        if (request.Path == "$batch" && Interlocked.Increment(ref _batchRequests) == 2)
        {
            _restart = Task.Run(async () =>
            {
                await Task.Delay(200);
                lock (_busControl)
                {
                    _bus.Restart();
                }
            });
        }

        return null;
    }
}
