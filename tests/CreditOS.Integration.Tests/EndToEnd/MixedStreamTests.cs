using System.Globalization;
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
    private readonly BatchFaultInjector _faults = new();
    private LocalDataverseOverHttp _local = null!;
    private Guid[] _customers = [];

    public async Task InitializeAsync()
    {
        await LocalBroker.EnsureRunningAsync();
        await LocalBroker.PurgeAsync([.. InputQueues, .. ReplyQueues]);
        _local = await LocalDataverseOverHttp.StartAsync(options => options.FaultInjector = _faults.Inject, withOrderCheck: false);
        CreditPlugins.SeedCreditConfiguration(_local.Service);
        _customers = MixedStream.SeedAccounts(_local);
    }

    public async Task DisposeAsync() => await _local.DisposeAsync();

    private decimal OpenAmount(string erpId) => _local.Rows(LocalDataverseOverHttp.ReceivableTable, "cos_erpid", "cos_openamount")
        .Single(row => (string)row["cos_erpid"] == erpId).GetAttributeValue<Money>("cos_openamount").Value;

    [Fact]
    public async Task MixedStream_EveryValidRecordOnce_EveryInvalidDeadLetteredWithReason_EveryChannelAnswered()
    {
        var (payments, expectedAmounts, invalidPayments, receivables, reports, orders) =
            MixedStream.Build(LocalBroker.TextMessage, LocalBroker.QueueAddress(LocalBroker.WebShopReplies), LocalBroker.QueueAddress(LocalBroker.EdiReplies), LocalBroker.QueueAddress(LocalBroker.PartnerPortalReplies));

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
        // terms: each order is saved awaiting prepayment, or held for Finance when the overdue invoices landed first (W-1 once, despite the duplicate); W-2 and W-3 never reach Dataverse.
        var orderRows = _local.Rows(LocalDataverseOverHttp.SalesOrderTable, "cos_channel", "cos_channelorderref", "cos_creditstatus");
        Assert.Equal(3, orderRows.Count);
        var orderKeys = orderRows.Select(row => ((SalesChannel)row.GetAttributeValue<OptionSetValue>("cos_channel").Value, (string)row["cos_channelorderref"])).ToList();
        Assert.Contains((SalesChannel.WebShop, "W-1"), orderKeys);
        Assert.Contains((SalesChannel.Edi, "PO-1"), orderKeys);
        // C-1001's stream invoices fell due weeks ago: an order checked after they land is held for Finance (overdue beyond
        // grace), one checked before awaits prepayment. Both are right; the reply must say what Dataverse stored.
        var statusById = orderRows.ToDictionary(row => row.Id, row => row.GetAttributeValue<OptionSetValue>("cos_creditstatus").Value);
        Assert.All(statusById.Values, status => Assert.Contains(status, new[] { DataverseSchema.SalesOrder.CreditStatusAwaitingPrepayment, DataverseSchema.SalesOrder.CreditStatusOnHold }));
        void AssertReplyMatchesStoredStatus(OrderOutcome outcome) => Assert.Equal(
            statusById[outcome.SalesOrderId!.Value] == DataverseSchema.SalesOrder.CreditStatusOnHold ? OrderDecision.HeldForFinance : OrderDecision.AwaitingPrepayment,
            outcome.Decision);

        var replies = new Dictionary<string, List<OrderOutcome>>();
        foreach (var queue in ReplyQueues)
        {
            replies[queue] = (await LocalBroker.DrainAsync(LocalBroker.QueueAddress(queue)))
                .Select(message => OrderOutcome.FromJson(System.Text.Encoding.UTF8.GetBytes(LocalBroker.Body(message)))!).ToList();
        }

        Assert.Equal(
            [("W-2", OrderDecision.Rejected), ("W-3", OrderDecision.Rejected)],
            replies[LocalBroker.WebShopReplies].Where(outcome => outcome.ChannelOrderRef != "W-1").Select(outcome => (outcome.ChannelOrderRef, outcome.Decision)).Order());
        var w1 = replies[LocalBroker.WebShopReplies].Where(outcome => outcome.ChannelOrderRef == "W-1").ToList();
        Assert.Equal(2, w1.Count);
        Assert.Single(w1.Select(outcome => outcome.SalesOrderId).Distinct());
        w1.ForEach(AssertReplyMatchesStoredStatus);
        var edi = replies[LocalBroker.EdiReplies].Single();
        AssertReplyMatchesStoredStatus(edi);
        Assert.Contains("order EUR 2,000.00", edi.Reason, StringComparison.Ordinal);

        // The large order comes back awaiting prepayment with the plugin's figures (on prepayment terms the limit does not release it).
        var overLimit = replies[LocalBroker.PartnerPortalReplies].Single();
        Assert.Equal("PP-1", overLimit.ChannelOrderRef);
        AssertReplyMatchesStoredStatus(overLimit);
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
        Assert.Contains(429, _faults.Injected);
        Assert.Contains(503, _faults.Injected);
    }
}
