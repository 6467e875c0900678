using System.Globalization;
using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Messages;
using Xunit.Abstractions;
using static CreditOS.Integration.Tests.Support.SapAdviceStream; // Erp, Message, Advice

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// The connection reset after Dataverse committed a <c>$batch</c> and before its answer reached the worker (session 31): a
/// real TCP reset on the worker's socket (<see cref="AnswerResettingProxy"/>), not an exception thrown by a handler as the
/// soak's lost answers are, so what the .NET HTTP stack makes of it is what the worker sees. Every third <c>$batch</c> up to
/// the 30th loses its answer this way: payment postings, invoices and credit notes, and the redeliveries they cause. Whatever
/// the worker does next (abandon the batch's messages as of unknown outcome, or send the batch again), Dataverse has run the
/// batch once already: every valid payment must be applied once with its first amount, every invoice keep its last version,
/// a changed payment sent later is still a conflict, and every balance equals the recomputation from the messages.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class BatchAnswerResetTests(ITestOutputHelper output) : ServiceBusStreamTestsBase(TimeSpan.FromSeconds(5))
{
    [Fact]
    public async Task Answers_reset_after_Dataverse_committed_the_batch_never_apply_money_twice_or_half()
    {
        await using var proxy = new AnswerResettingProxy(Local.Server.BaseUri, number => number % 3 == 2 && number <= 30);
        var accounts = new Dictionary<string, Guid>(StringComparer.Ordinal)
        {
            ["C-1"] = Local.AddAccount("C-1"),
            ["C-2"] = Local.AddAccount("C-2"),
        };
        CreditPlugins.Register(Local.Dataverse);
        var invoiceAmounts = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["R-1"] = 2_000m, ["R-2"] = 1_500m };
        var invoiceCustomers = new Dictionary<string, string>(StringComparer.Ordinal) { ["R-1"] = "C-1", ["R-2"] = "C-2" };
        foreach (var (invoice, customer) in invoiceCustomers)
        {
            CreditPlugins.AddOpenInvoice(Local.Service, accounts[customer], Local.Euro, invoice, invoiceAmounts[invoice]);
        }

        var stream = new SapAdviceStream();
        var payments = new List<ServiceBusMessage>();
        var invoices = new List<ServiceBusMessage>();
        for (var index = 1; index <= 25; index++)
        {
            var number = index.ToString("D8", CultureInfo.InvariantCulture);
            payments.Add(stream.Valid("pay-1-" + number, "71" + number, "C-1", 10m, "R-1"));
            payments.Add(stream.Valid("pay-2-" + number, "72" + number, "C-2", 15m, "R-2"));
            if (index <= 6)
            {
                var document = "73" + number;
                var customer = index % 2 == 0 ? "C-2" : "C-1";
                invoiceAmounts[Erp(document)] = 100m * index;
                invoiceCustomers[Erp(document)] = customer;
                invoices.Add(LocalServiceBusForWorker.TextMessage("inv-" + number, "sap.open-item", Payloads.SapOpenItem(document, customer, 100m * index, 100m * index)));
            }
        }

        using var settled = new SettledMessages();
        await using var worker = CreateWorker(settled, maxBatchSize: 10, transientFailurePause: "00:00:00.500", dataverse: proxy.BaseUri);
        await Task.WhenAll(Bus.SendAsync(LocalBroker.PaymentsQueue, payments), Bus.SendAsync(LocalBroker.ReceivablesQueue, invoices));
        StartOnErpQueues(worker);
        await UntilSettledAsync(settled, [.. payments, .. invoices], TimeSpan.FromMinutes(4));
        var resetsInPhaseOne = proxy.Resets;

        // Phase two, while answers are still being reset: a credit note for an invoice of phase one, a payment sent again under
        // another id (identical: once), and one under its own id with another amount (a conflict, never an overwrite).
        invoiceAmounts[Erp("7300000001")] = 60m;
        ServiceBusMessage[] phaseTwoPayments =
        [
            Message("pay-1-again", Advice("7100000003", "C-1", "10.00", "EUR", "R-1")),
            stream.Refused("pay-2-changed", RejectionReasons.PostedPaymentChanged, Advice("7200000004", "C-2", "16.00", "EUR", "R-2")),
        ];
        ServiceBusMessage[] phaseTwoInvoices =
            [LocalServiceBusForWorker.TextMessage("inv-credit-note", "sap.open-item", Payloads.SapOpenItem("7300000001", "C-1", 60m, 60m))];
        await Task.WhenAll(Bus.SendAsync(LocalBroker.PaymentsQueue, phaseTwoPayments), Bus.SendAsync(LocalBroker.ReceivablesQueue, phaseTwoInvoices));
        await UntilSettledAsync(settled, [.. phaseTwoPayments, .. phaseTwoInvoices], TimeSpan.FromMinutes(3));
        await worker.StopAsync();
        await Restarted;

        var drained = await Bus.DeadLettersAsync(Queues);
        foreach (var (id, message) in drained)
        {
            output.WriteLine($"dead letter {id}: {message.DeadLetterReason}: {message.DeadLetterErrorDescription}");
        }

        var expected = new ExpectedLedger(stream.DeadLetters, stream.Payments, invoiceAmounts, invoiceCustomers, new Dictionary<string, decimal>())
        {
            UnappliedCash = new Dictionary<string, decimal> { ["C-1"] = 0m, ["C-2"] = 0m },
        };
        await Local.WaitForOpenReceivablesToSettleAsync(accounts.Values);
        LedgerOutcome.Assert(Local, expected, accounts, Reasons(drained));
        Assert.Contains("was posted as 15.00; the ERP now says 16.00", drained["pay-2-changed"].DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.All(Queues, queue => Assert.Equal(0, Bus.Server.CountOf(queue)));
        Assert.True(resetsInPhaseOne >= 3, $"answers reset in phase one: {resetsInPhaseOne} of {proxy.Batches} $batch requests through the proxy");

        var all = payments.Concat(invoices).Concat(phaseTwoPayments).Concat(phaseTwoInvoices).Select(message => message.MessageId).ToList();
        var abandoned = all.Where(id => settled.LastAbandonReason(id) is not null).ToList();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{all.Count} messages; {proxy.Batches} $batch requests through the proxy, {proxy.Resets} answers reset after Dataverse ran the batch ({resetsInPhaseOne} in phase one), {BatchRequests} $batch requests reached Dataverse; {abandoned.Count} messages abandoned at least once, e.g. {(abandoned.Count > 0 ? settled.LastAbandonReason(abandoned[0]) : "none")}"));
    }
}
