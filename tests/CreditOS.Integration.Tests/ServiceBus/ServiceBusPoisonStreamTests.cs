using System.Globalization;
using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Messages;
using CreditOS.LocalDataverse.WebApi.OData;
using Xunit.Abstractions;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Audit round 3's stream through the official client, the local Service Bus (restarted once while a batch's answer is on
/// the way), the worker and the local Dataverse over HTTP with every plug-in: valid payments sent together with poison and
/// ambiguous ones, so they share batches (a CSV naming a column twice, which used to throw out of the batch handler and
/// have Service Bus dead-letter its valid neighbours after MaxDeliveryCount; a JSON advice naming Amount twice; payments
/// dated 0001-01-01 and 9999-12-31; a valid advice and CSV line starting with a UTF-8 byte order mark; a payment naming
/// another customer's invoice), then an invoice restated for another customer and a payment on it. Each poison message is
/// dead-lettered by the worker with its reason, every valid payment is applied once, and every balance equals the
/// recomputation from the messages (<see cref="LedgerOutcome"/>).
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class ServiceBusPoisonStreamTests(ITestOutputHelper output) : RestartedStreamTestsBase
{
    private const string Bom = "\uFEFF";

    [Fact]
    public async Task PoisonAndAmbiguousMessagesAmongValidOnes_AreDeadLetteredAlone_EveryValidPaymentAppliedOnce_EveryBalanceEqualsTheMessages()
    {
        var accounts = new Dictionary<string, Guid>(StringComparer.Ordinal) { ["C-1"] = Local.AddAccount("C-1"), ["C-2"] = Local.AddAccount("C-2") };
        CreditPlugins.Register(Local.Dataverse); // before the invoices, so each account's open receivables count them
        CreditPlugins.AddOpenInvoice(Local.Service, accounts["C-1"], Local.Euro, "K-1", 1_000m);
        CreditPlugins.AddOpenInvoice(Local.Service, accounts["C-2"], Local.Euro, "K-2", 500m);
        var invoiceAmounts = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["K-1"] = 1_000m, ["K-2"] = 500m };
        var invoiceCustomers = new Dictionary<string, string>(StringComparer.Ordinal) { ["K-1"] = "C-1", ["K-2"] = "C-2" };
        var payments = new Dictionary<string, (decimal Amount, string Invoice)>(StringComparer.Ordinal);
        var deadLetters = new Dictionary<string, string>(StringComparer.Ordinal);
        ServiceBusMessage Refused(string id, string reason, string subject, string body)
        {
            deadLetters[id] = reason;
            return LocalServiceBusForWorker.TextMessage(id, subject, body);
        }

        var phaseOne = new List<ServiceBusMessage>();
        for (var index = 1; index <= 30; index++)
        {
            var document = "97" + index.ToString("D8", CultureInfo.InvariantCulture);
            payments["1000-2026-" + document] = (10m, "K-1");
            phaseOne.Add(LocalServiceBusForWorker.TextMessage("pay-" + index, "sap.payment-advice", Payloads.SapPaymentAdvice(document, "C-1", 10m, invoice: "K-1")));
            if (index == 10)
            {
                phaseOne.Add(Refused("pay-dup-csv", RejectionReasons.MalformedPayload, "legacy.payment-csv", "payment_id;customer_no;amount;currency;payment_date;amount\nP-D1;C-1;10.00;EUR;2026-11-22;1000.00"));
                phaseOne.Add(Refused("pay-dup-json", RejectionReasons.MalformedPayload, "sap.payment-advice", Payloads.SapPaymentAdvice("9800000001", "C-1", 10m, invoice: "K-1").Replace("\"Currency\":\"EUR\"", "\"Currency\":\"EUR\",\"Amount\":\"1000.00\"", StringComparison.Ordinal)));
                phaseOne.Add(Refused("pay-0001", RejectionReasons.MalformedPayload, "sap.payment-advice", Payloads.SapPaymentAdvice("9800000002", "C-1", 10m, invoice: "K-1").Replace("2026-11-20", "0001-01-01", StringComparison.Ordinal)));
                phaseOne.Add(Refused("pay-9999", RejectionReasons.MalformedPayload, "sap.payment-advice", Payloads.SapPaymentAdvice("9800000003", "C-1", 10m, invoice: "K-1").Replace("2026-11-20", "9999-12-31", StringComparison.Ordinal)));
                phaseOne.Add(Refused("pay-foreign", RejectionReasons.InvoiceOfAnotherCustomer, "sap.payment-advice", Payloads.SapPaymentAdvice("9800000004", "C-1", 10m, invoice: "K-2")));
                payments["1000-2026-9800000005"] = (15m, "K-1");
                phaseOne.Add(LocalServiceBusForWorker.TextMessage("pay-bom-json", "sap.payment-advice", Bom + Payloads.SapPaymentAdvice("9800000005", "C-1", 15m, invoice: "K-1")));
                payments["P-B1"] = (20m, "K-1");
                phaseOne.Add(LocalServiceBusForWorker.TextMessage("pay-bom-csv", "legacy.payment-csv", Bom + "payment_id;customer_no;amount;currency;payment_date;invoices\nP-B1;C-1;20.00;EUR;2026-11-22;K-1"));
            }
        }

        invoiceAmounts["1000-2026-9900000001"] = 600m;
        invoiceCustomers["1000-2026-9900000001"] = "C-1";
        var invoice = LocalServiceBusForWorker.TextMessage("inv-1", "sap.open-item", Payloads.SapOpenItem("9900000001", "C-1", 600m, 600m));

        using var settled = new SettledMessages();
        await using var worker = CreateWorker(settled, maxBatchSize: 50, transientFailurePause: "00:00:01");
        await Task.WhenAll(Bus.SendAsync(LocalBroker.PaymentsQueue, phaseOne), Bus.SendAsync(LocalBroker.ReceivablesQueue, [invoice]));
        StartOnErpQueues(worker);
        await UntilSettledAsync(settled, [.. phaseOne, invoice], TimeSpan.FromMinutes(3));

        // Then the same invoice restated for another customer, and a payment on it by its own customer.
        payments["1000-2026-9800000006"] = (100m, "1000-2026-9900000001");
        ServiceBusMessage[] phaseTwo =
        [
            Refused("inv-1-moved", RejectionReasons.InvoiceCustomerChanged, "sap.open-item", Payloads.SapOpenItem("9900000001", "C-2", 600m, 600m)),
            LocalServiceBusForWorker.TextMessage("pay-on-inv-1", "sap.payment-advice", Payloads.SapPaymentAdvice("9800000006", "C-1", 100m, invoice: "1000-2026-9900000001")),
        ];
        await Task.WhenAll(Bus.SendAsync(LocalBroker.ReceivablesQueue, [phaseTwo[0]]), Bus.SendAsync(LocalBroker.PaymentsQueue, [phaseTwo[1]]));
        await UntilSettledAsync(settled, phaseTwo, TimeSpan.FromMinutes(2));
        await worker.StopAsync();
        await Restarted;

        var drained = await Bus.DeadLettersAsync(Queues);
        var expected = new ExpectedLedger(deadLetters, payments, invoiceAmounts, invoiceCustomers, new Dictionary<string, decimal>())
        {
            UnappliedCash = new Dictionary<string, decimal> { ["C-1"] = 0m, ["C-2"] = 0m },
        };
        await WaitForRescoringAsync(accounts.Values);
        LedgerOutcome.Assert(Local, expected, accounts, Reasons(drained));
        Assert.Contains("the header names column 'amount' 2 times", drained["pay-dup-csv"].DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Contains("Duplicate property 'Amount'", drained["pay-dup-json"].DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Contains("payment date 0001-01-01 is not a business date", drained["pay-0001"].DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Contains("payment date 9999-12-31 is not a business date", drained["pay-9999"].DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Contains("K-2 (amount 500.00, open 500.00) is customer C-2's", drained["pay-foreign"].DeadLetterErrorDescription, StringComparison.Ordinal);
        // Its open figure is 600.00 or 500.00, as the payment sent with it was applied before or after it.
        Assert.Matches(@"Invoice 1000-2026-9900000001 belongs to customer C-1 \(amount 600\.00, open (600|500)\.00\); this write names customer C-2 with amount 600\.00", drained["inv-1-moved"].DeadLetterErrorDescription);
        Assert.All(Queues, queue => Assert.Equal(0, Bus.Server.CountOf(queue)));
        Assert.True(BatchRequests >= 2, $"the local Service Bus was to restart after the 2nd $batch; there were {BatchRequests}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{phaseOne.Count + 1 + phaseTwo.Length} messages: {payments.Count} payments applied once, {deadLetters.Count} dead-lettered with their reasons; {BatchRequests} $batch requests; {Bus.SendCuts}."));
    }
}
