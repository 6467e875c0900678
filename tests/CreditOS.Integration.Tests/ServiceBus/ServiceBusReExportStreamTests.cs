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
public sealed class ServiceBusReExportStreamTests(ITestOutputHelper output) : RestartedStreamTestsBase
{
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    [Fact]
    public async Task ReExportsAndMisencodedOrUnnameableIds_AmongValidPayments_AreAppliedOnceOrDeadLetteredWithTheirReason_EveryBalanceEqualsTheMessages()
    {
        var accounts = new Dictionary<string, Guid>(StringComparer.Ordinal) { ["C-1"] = Local.AddAccount("C-1") };
        CreditPlugins.Register(Local.Dataverse); // before the invoices, so the account's open receivables count them
        CreditPlugins.AddOpenInvoice(Local.Service, accounts["C-1"], Local.Euro, "K-1", 1_000m);
        CreditPlugins.AddOpenInvoice(Local.Service, accounts["C-1"], Local.Euro, "K-2", 500m);
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
        await using var worker = CreateWorker(settled, maxBatchSize: 10, transientFailurePause: "00:00:01");
        await Task.WhenAll(Bus.SendAsync(LocalBroker.PaymentsQueue, payments1), Bus.SendAsync(LocalBroker.ReceivablesQueue, invoices1));
        StartOnErpQueues(worker);
        await UntilSettledAsync(settled, [.. payments1, .. invoices1], TimeSpan.FromMinutes(3));

        // The ERP re-exports three of them under new message ids: unchanged, the invoice named in its own case, another value date.
        ServiceBusMessage[] reExports =
        [
            LocalServiceBusForWorker.TextMessage("pay-3-again", "sap.payment-advice", Payloads.SapPaymentAdvice("9600000003", "C-1", 10m, invoice: "K-1")),
            LocalServiceBusForWorker.TextMessage("pay-lower-again", "sap.payment-advice", Payloads.SapPaymentAdvice("9600000100", "C-1", 25m, invoice: "K-2")),
            Refused(LocalServiceBusForWorker.TextMessage("pay-5-redated", "sap.payment-advice", Payloads.SapPaymentAdvice("9600000005", "C-1", 10m, invoice: "K-1").Replace("2026-11-20", "2026-11-25", StringComparison.Ordinal)), RejectionReasons.PostedPaymentChanged),
        ];
        await Bus.SendAsync(LocalBroker.PaymentsQueue, reExports);
        await UntilSettledAsync(settled, reExports, TimeSpan.FromMinutes(2));
        await worker.StopAsync();
        await Restarted;

        var drained = await Bus.DeadLettersAsync(Queues);
        var expected = new ExpectedLedger(
            deadLetters,
            payments,
            invoiceAmounts,
            invoiceAmounts.ToDictionary(pair => pair.Key, _ => "C-1", StringComparer.Ordinal),
            new Dictionary<string, decimal>())
        {
            UnappliedCash = new Dictionary<string, decimal> { ["C-1"] = 0m },
        };
        await WaitForRescoringAsync([accounts["C-1"]]);
        LedgerOutcome.Assert(Local, expected, accounts, Reasons(drained));
        Assert.Contains("was posted dated 2026-11-20; the ERP now says 2026-11-25", drained["pay-5-redated"].DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Contains("'K-1,K-2' contains ','", drained["pay-joined"].DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Contains("'L 7' contains a space", drained["inv-spaced"].DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Contains("is not valid UTF-8: byte 0xC9", drained["inv-1252-bare"].DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Contains("is not valid UTF-8: byte 0x80", drained["inv-1252-bare-2"].DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.All(Queues, queue => Assert.Equal(0, Bus.Server.CountOf(queue)));
        Assert.True(BatchRequests >= 2, $"the local Service Bus was to restart after the 2nd $batch; there were {BatchRequests}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{payments1.Count + invoices1.Count + reExports.Length} messages: {payments.Count} payments applied once, {deadLetters.Count} dead-lettered with their reasons; {BatchRequests} $batch requests."));
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
}
