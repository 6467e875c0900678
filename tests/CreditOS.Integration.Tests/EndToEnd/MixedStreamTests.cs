using System.Collections.Concurrent;
using System.Globalization;
using Amqp;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Dataverse;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Messages.Canonical;
using CreditOS.LocalDataverse.WebApi.OData;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Integration.Tests.EndToEnd;

/// <summary>
/// The proof of issue 6: a mixed stream of payments, receivables, bureau reports and channel orders through the
/// real broker, the worker and the local Dataverse over HTTP (running the real CreditOS.Plugins), with duplicates,
/// malformed payloads and injected 429s and 5xx.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class MixedStreamTests : IAsyncLifetime
{
    private static readonly string[] InputQueues = [LocalBroker.PaymentsQueue, LocalBroker.ReceivablesQueue, LocalBroker.BureauQueue, LocalBroker.OrderIntakeQueue];
    private static readonly string[] ReplyQueues = [LocalBroker.WebShopReplies, LocalBroker.EdiReplies, LocalBroker.PartnerPortalReplies];
    private readonly ConcurrentBag<int> _injected = [];
    private LocalDataverseOverHttp _local = null!;
    private Guid[] _customers = [];
    private int _batchRequests;

    public async Task InitializeAsync()
    {
        await LocalBroker.EnsureRunningAsync();
        await LocalBroker.PurgeAsync([.. InputQueues, .. ReplyQueues]);
        _local = await LocalDataverseOverHttp.StartAsync(options => options.FaultInjector = InjectFaults, withOrderCheck: false);
        CreditPlugins.SeedCreditConfiguration(_local.Service);
        var sap = _local.AddAccount("C-1001");
        var legacy = _local.AddAccount("C-1002");
        var finance = _local.AddAccount("US-004", _local.Dollar);

        // The open invoices the payments name (the payment plugin refuses a payment naming an invoice that is not open);
        // each is large enough that the first named invoice stays open through every payment of the stream.
        CreditPlugins.AddOpenInvoice(_local.Service, sap, _local.Euro, "90000001", 10_000m);
        CreditPlugins.AddOpenInvoice(_local.Service, legacy, _local.Euro, "L-1", 100_000m);
        CreditPlugins.AddOpenInvoice(_local.Service, legacy, _local.Euro, "L-2", 100_000m);
        CreditPlugins.AddOpenInvoice(_local.Service, finance, _local.Dollar, "INV-1", 1_000m);
        CreditPlugins.AddOpenInvoice(_local.Service, finance, _local.Dollar, "INV-2", 1_000m);
        CreditPlugins.Register(_local.Dataverse);
        _customers = [sap, legacy, finance];
    }

    public async Task DisposeAsync() => await _local.DisposeAsync();

    /// <summary>Of every four $batch requests, the first is throttled (Retry-After 1 s) and the third fails with 503.</summary>
    private WebApiResult? InjectFaults(WebApiRequest request)
    {
        if (request.Path != "$batch")
        {
            return null;
        }

        var number = Interlocked.Increment(ref _batchRequests);
        if (number % 4 == 1)
        {
            _injected.Add(429);
            return WebApiResult.Error(429, unchecked((int)0x80072322), "Injected: number of requests exceeded.", new Dictionary<string, string> { ["Retry-After"] = "1" });
        }

        if (number % 4 == 3)
        {
            _injected.Add(503);
            return WebApiResult.Error(503, unchecked((int)0x80040216), "Injected: service unavailable.");
        }

        return null;
    }

    private decimal OpenAmount(string erpId) => _local.Rows(LocalDataverseOverHttp.ReceivableTable, "cos_erpid", "cos_openamount")
        .Single(row => (string)row["cos_erpid"] == erpId).GetAttributeValue<Money>("cos_openamount").Value;

    [Fact]
    public async Task MixedStream_EveryValidRecordOnce_EveryInvalidDeadLetteredWithReason_EveryChannelAnswered()
    {
        var payments = new List<Message>();
        var expectedAmounts = new Dictionary<string, decimal>();
        for (var i = 1; i <= 30; i++)
        {
            payments.Add(LocalBroker.TextMessage($"sap-{i}", "sap.payment-advice", Payloads.SapPaymentAdvice($"14000{i:D5}", "C-1001", i * 10m)));
            expectedAmounts[$"SAP/1000-2026-14000{i:D5}"] = i * 10m;
        }

        for (var i = 1; i <= 15; i++)
        {
            payments.Add(LocalBroker.TextMessage($"d365-{i}", "d365fin.customer-payment-journal-line", Payloads.FinanceJournalLine(i.ToString(CultureInfo.InvariantCulture), "US-004", i + 0.5m, "USD")));
            expectedAmounts[$"D365FIN/USMF-CPJ-0042-{i}"] = i + 0.5m;
            payments.Add(LocalBroker.TextMessage($"legacy-{i}", "legacy.payment-csv", Payloads.LegacyPaymentCsv($"LP-{i}", "C-1002", 1000m + i)));
            expectedAmounts[$"LEGACY/LP-{i}"] = 1000m + i;
        }

        payments.AddRange(Enumerable.Range(1, 10).Select(i => LocalBroker.TextMessage($"sap-{i}-again", "sap.payment-advice", Payloads.SapPaymentAdvice($"14000{i:D5}", "C-1001", i * 10m))));
        var invalidPayments = new (string Id, string Subject, string Body, string Reason)[]
        {
            ("bad-json", "sap.payment-advice", "{\"PaymentAdvice\":", RejectionReasons.MalformedPayload),
            ("bad-csv", "legacy.payment-csv", "payment_id;customer_no\nX", RejectionReasons.MalformedPayload),
            ("bad-format", "swift.mt940", "{}", RejectionReasons.UnknownFormat),
            ("unknown-1", "sap.payment-advice", Payloads.SapPaymentAdvice("9", "C-404", 5m), RejectionReasons.UnknownCustomer),
            ("unknown-2", "legacy.payment-csv", Payloads.LegacyPaymentCsv("LP-X", "C-405", 5m), RejectionReasons.UnknownCustomer),
            ("zero", "sap.payment-advice", Payloads.SapPaymentAdvice("8", "C-1001", 0m), RejectionReasons.NonPositiveAmount),
            ("negative", "legacy.payment-csv", Payloads.LegacyPaymentCsv("LP-N", "C-1002", -3m), RejectionReasons.NonPositiveAmount),
            ("currency", "sap.payment-advice", Payloads.SapPaymentAdvice("7", "C-1001", 5m, "USD"), RejectionReasons.CurrencyMismatch),
            ("no-id", "legacy.payment-csv", "payment_id;customer_no;amount;currency;payment_date\n;C-1002;5;EUR;2026-11-22", RejectionReasons.MissingErpId),
        };
        payments.AddRange(invalidPayments.Select(invalid => LocalBroker.TextMessage(invalid.Id, invalid.Subject, invalid.Body)));

        var receivables = Enumerable.Range(1, 10)
            .Select(i => LocalBroker.TextMessage($"oi-{i}", "sap.open-item", Payloads.SapOpenItem($"18000{i:D5}", "C-1001", 500m, 100m * (i % 5))))
            .Append(LocalBroker.TextMessage("oi-bad", "sap.open-item", Payloads.SapOpenItem("18099999", "C-1001", 100m, 300m)))
            .ToList();
        var reports = new[]
        {
            LocalBroker.TextMessage("br-1", "bureau.report", Payloads.BureauReport("R-1", "C-1001")),
            LocalBroker.TextMessage("br-2", "bureau.report", Payloads.BureauReport("R-2", "C-1002")),
            LocalBroker.TextMessage("br-bad", "bureau.report", Payloads.BureauReport("R-3", "C-1001").Replace("\"rating\":\"B\"", "\"rating\":\"Z\"", StringComparison.Ordinal)),
        };
        var web = LocalBroker.QueueAddress(LocalBroker.WebShopReplies);
        var orders = new[]
        {
            LocalBroker.TextMessage("o-w1", "webshop.order", Payloads.WebShopOrder("W-1", "C-1001", 100m), web),
            LocalBroker.TextMessage("o-w1-again", "webshop.order", Payloads.WebShopOrder("W-1", "C-1001", 100m), web),
            LocalBroker.TextMessage("o-po1", "edi.orders", Payloads.EdiOrder("PO-1", "C-1002", 200m, 10), LocalBroker.QueueAddress(LocalBroker.EdiReplies)),
            LocalBroker.TextMessage("o-pp1", "partnerportal.order", Payloads.PartnerOrder("PP-1", "C-1001", 20_000m), LocalBroker.QueueAddress(LocalBroker.PartnerPortalReplies)),
            LocalBroker.TextMessage("o-w2", "webshop.order", Payloads.WebShopOrder("W-2", "C-404", 300m), web),
            LocalBroker.TextMessage("o-w3", "webshop.order", Payloads.WebShopOrder("W-3", "C-1001", 900m, currency: "USD"), web),
        };

        using var settlements = new SettlementCounter();
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.For(_local.Server.BaseUri));
        worker.Start(QueueKind.Payments, QueueKind.Receivables, QueueKind.BureauReports, QueueKind.OrderIntake);
        await Task.WhenAll(
            LocalBroker.SendAsync(LocalBroker.PaymentsQueue, payments),
            LocalBroker.SendAsync(LocalBroker.ReceivablesQueue, receivables),
            LocalBroker.SendAsync(LocalBroker.BureauQueue, reports),
            LocalBroker.SendAsync(LocalBroker.OrderIntakeQueue, orders));
        await Eventually.TrueAsync(
            () => settlements.Settled(LocalBroker.PaymentsQueue) == payments.Count
                && settlements.Settled(LocalBroker.ReceivablesQueue) == receivables.Count
                && settlements.Settled(LocalBroker.BureauQueue) == reports.Length
                && settlements.Settled(LocalBroker.OrderIntakeQueue) == orders.Length,
            TimeSpan.FromSeconds(120),
            "every message completed or dead-lettered");
        await worker.StopAsync();

        // Every valid payment is in Dataverse exactly once, with its amount: nothing double-counted.
        var paymentRows = _local.Rows(LocalDataverseOverHttp.PaymentTable, "cos_sourcesystem", "cos_erpid", "cos_amount");
        Assert.Equal(expectedAmounts.Count, paymentRows.Count);
        Assert.Equal(
            expectedAmounts.OrderBy(pair => pair.Key, StringComparer.Ordinal),
            paymentRows.Select(row => KeyValuePair.Create($"{row["cos_sourcesystem"]}/{row["cos_erpid"]}", row.GetAttributeValue<Money>("cos_amount").Value)).OrderBy(pair => pair.Key, StringComparer.Ordinal));
        Assert.Equal(10 + 5, _local.Dataverse.Count(LocalDataverseOverHttp.ReceivableTable)); // the stream's and the seeded invoices
        Assert.Equal(2, _local.Dataverse.Count("cos_bureaureport"));

        // The payment plugin applied every payment to the invoice it names and rescored the customers.
        Assert.Equal(10_000m - expectedAmounts.Where(pair => pair.Key.StartsWith("SAP/", StringComparison.Ordinal)).Sum(pair => pair.Value), OpenAmount("90000001"));
        Assert.Equal(1_000m + 1_000m - expectedAmounts.Where(pair => pair.Key.StartsWith("D365FIN/", StringComparison.Ordinal)).Sum(pair => pair.Value), OpenAmount("INV-1") + OpenAmount("INV-2"));
        Assert.Equal(200_000m - expectedAmounts.Where(pair => pair.Key.StartsWith("LEGACY/", StringComparison.Ordinal)).Sum(pair => pair.Value), OpenAmount("L-1") + OpenAmount("L-2"));
        Assert.All(_customers, id => Assert.NotNull(_local.Service.Retrieve(LocalDataverseOverHttp.AccountTable, id, new Microsoft.Xrm.Sdk.Query.ColumnSet("cos_lastscoredon")).GetAttributeValue<DateTime?>("cos_lastscoredon")));

        // Orders get the real credit check: these customers have no payment evidence yet, so they are on prepayment
        // terms (with the limit their invoice volume gives) and every order is saved on hold for Finance (W-1 once, despite the duplicate); W-2 and W-3 never reach Dataverse.
        var orderRows = _local.Rows(LocalDataverseOverHttp.SalesOrderTable, "cos_channel", "cos_channelorderref", "cos_creditstatus");
        Assert.Equal(3, orderRows.Count);
        var orderKeys = orderRows.Select(row => ((SalesChannel)row.GetAttributeValue<OptionSetValue>("cos_channel").Value, (string)row["cos_channelorderref"])).ToList();
        Assert.Contains((SalesChannel.WebShop, "W-1"), orderKeys);
        Assert.Contains((SalesChannel.Edi, "PO-1"), orderKeys);
        Assert.All(orderRows, row => Assert.Equal(DataverseSchema.SalesOrder.CreditStatusOnHold, row.GetAttributeValue<OptionSetValue>("cos_creditstatus").Value));

        var replies = new Dictionary<string, List<OrderOutcome>>();
        foreach (var queue in ReplyQueues)
        {
            replies[queue] = (await LocalBroker.DrainAsync(LocalBroker.QueueAddress(queue)))
                .Select(message => OrderOutcome.FromJson(System.Text.Encoding.UTF8.GetBytes(LocalBroker.Body(message)))!).ToList();
        }

        Assert.Equal(
            [("W-1", OrderDecision.HeldForFinance), ("W-1", OrderDecision.HeldForFinance), ("W-2", OrderDecision.Rejected), ("W-3", OrderDecision.Rejected)],
            replies[LocalBroker.WebShopReplies].Select(outcome => (outcome.ChannelOrderRef, outcome.Decision)).Order());
        var edi = replies[LocalBroker.EdiReplies].Single();
        Assert.Equal(OrderDecision.HeldForFinance, edi.Decision);
        Assert.Contains("order EUR 2,000.00", edi.Reason, StringComparison.Ordinal);

        // The order over the customer's limit comes back held for Finance with the plugin's figures.
        var overLimit = replies[LocalBroker.PartnerPortalReplies].Single();
        Assert.Equal(("PP-1", OrderDecision.HeldForFinance), (overLimit.ChannelOrderRef, overLimit.Decision));
        Assert.NotNull(overLimit.SalesOrderId);
        // The limit is the engine's volume-based one for the customer's history (not a constant): the figures must agree
        // with each other (available = limit - exposure) and put the order over the limit. Available before the order may
        // be positive or negative: the stream's payments can land before or after the order.
        Assert.Contains("order EUR 20,000.00", overLimit.Reason, StringComparison.Ordinal);
        var figures = System.Text.RegularExpressions.Regex.Match(overLimit.Reason!, @"Limit EUR (?<limit>[\d,]+\.\d\d), exposure EUR (?<exposure>-?[\d,]+\.\d\d), available EUR (?<available>-?[\d,]+\.\d\d)");
        Assert.True(figures.Success, $"the reason states limit, exposure and available credit: {overLimit.Reason}");
        decimal Figure(string name) => decimal.Parse(figures.Groups[name].Value, NumberStyles.Number, CultureInfo.InvariantCulture);
        Assert.Equal(Figure("limit") - Figure("exposure"), Figure("available"));
        Assert.True(Figure("exposure") + 20_000m > Figure("limit"), $"the order takes exposure over the limit: {overLimit.Reason}");

        // Every invalid message is dead-lettered with its reason; valid ones never are.
        var paymentDeadLetters = await LocalBroker.DrainAsync(LocalBroker.DeadLetterAddress(LocalBroker.PaymentsQueue));
        Assert.Equal(
            invalidPayments.Select(invalid => (invalid.Id, invalid.Reason)).Order(),
            paymentDeadLetters.Select(message => (message.Properties.MessageId, LocalBroker.Property(message, "DeadLetterReason")!)).Order());
        Assert.Equal(["oi-bad"], (await LocalBroker.DrainAsync(LocalBroker.DeadLetterAddress(LocalBroker.ReceivablesQueue))).Select(message => message.Properties.MessageId));
        Assert.Equal(["br-bad"], (await LocalBroker.DrainAsync(LocalBroker.DeadLetterAddress(LocalBroker.BureauQueue))).Select(message => message.Properties.MessageId));
        var intakeDeadLetters = await LocalBroker.DrainAsync(LocalBroker.DeadLetterAddress(LocalBroker.OrderIntakeQueue));
        Assert.Equal([("o-w2", "300"), ("o-w3", "900")], intakeDeadLetters.Select(message => (message.Properties.MessageId, LocalBroker.Property(message, "OrderValue")!)).Order());

        foreach (var queue in InputQueues)
        {
            Assert.Empty(await LocalBroker.DrainAsync(LocalBroker.QueueAddress(queue)));
        }

        // Counts add up: sent = written (valid, duplicates included) + dead-lettered.
        Assert.Equal(payments.Count, expectedAmounts.Count + 10 + paymentDeadLetters.Count);
        Assert.Contains(429, _injected);
        Assert.Contains(503, _injected);
    }
}
