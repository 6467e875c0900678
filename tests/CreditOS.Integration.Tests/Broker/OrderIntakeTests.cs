using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace CreditOS.Integration.Tests.Broker;

/// <summary>Channel orders from the intake queue to sales orders, with outcomes on each channel's reply address.</summary>
[Collection(BrokerCollection.Name)]
public sealed class OrderIntakeTests : IAsyncLifetime
{
    private static readonly string[] ReplyQueues = [LocalBroker.WebShopReplies, LocalBroker.EdiReplies, LocalBroker.PartnerPortalReplies];
    private FakeDataverseEndpoint _endpoint = null!;

    public async Task InitializeAsync()
    {
        await LocalBroker.EnsureRunningAsync();
        await LocalBroker.PurgeAsync([LocalBroker.OrderIntakeQueue, .. ReplyQueues]);
        _endpoint = await FakeDataverseEndpoint.StartAsync();
        _endpoint.AddAccount("C-1001");
        // Stands in for the order-entry plugin's credit check.
        _endpoint.OrderRule = order => order["totalamount"]!.GetValue<decimal>() switch
        {
            > 10_000m => (null, false, true, "Credit check failed: the order exceeds the credit limit by 9,000.00 EUR."),
            > 1_000m => (null, true, false, "Over credit limit; Finance approval required."),
            _ => (null, false, false, null),
        };
    }

    public async Task DisposeAsync() => await _endpoint.DisposeAsync();

    [Fact]
    public async Task ChannelOrders_AreCreatedOnce_AndEveryChannelGetsItsOutcome()
    {
        using var settlements = new SettlementCounter();
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.For(_endpoint.BaseUri));
        var web = LocalBroker.QueueAddress(LocalBroker.WebShopReplies);
        var edi = LocalBroker.QueueAddress(LocalBroker.EdiReplies);
        var portal = LocalBroker.QueueAddress(LocalBroker.PartnerPortalReplies);
        await LocalBroker.SendAsync(LocalBroker.OrderIntakeQueue, [
            LocalBroker.TextMessage("m-w1", "webshop.order", Payloads.WebShopOrder("W-1", "C-1001", 100m), web),
            LocalBroker.TextMessage("m-w1-again", "webshop.order", Payloads.WebShopOrder("W-1", "C-1001", 100m), web),
            LocalBroker.TextMessage("m-po1", "edi.orders", Payloads.EdiOrder("PO-1", "C-1001", 200m, 10), edi),
            LocalBroker.TextMessage("m-pp1", "partnerportal.order", Payloads.PartnerOrder("PP-1", "C-1001", 20_000m), portal),
            LocalBroker.TextMessage("m-w2", "webshop.order", Payloads.WebShopOrder("W-2", "C-404", 300m), web),
            LocalBroker.TextMessage("m-w3", "webshop.order", Payloads.WebShopOrder("W-3", "C-1001", 900m, currency: "USD"), web),
            LocalBroker.TextMessage("m-pp2", "partnerportal.order", "<PartnerOrder reference=\"PP-2\"/>", portal),
        ]);

        worker.Start(QueueKind.OrderIntake);
        var replies = new Dictionary<string, List<OrderOutcome>>();
        await Eventually.TrueAsync(() => settlements.Settled(LocalBroker.OrderIntakeQueue) == 7, TimeSpan.FromSeconds(30), "all seven orders settled");
        await worker.StopAsync();
        foreach (var queue in ReplyQueues)
        {
            replies[queue] = (await LocalBroker.DrainAsync(LocalBroker.QueueAddress(queue)))
                .Select(message => OrderOutcome.FromJson(System.Text.Encoding.UTF8.GetBytes(LocalBroker.Body(message)))!)
                .ToList();
        }

        var orders = _endpoint.Rows.Keys.Where(key => key.StartsWith("salesorders", StringComparison.Ordinal)).Order().ToList();
        // The refused partner order is kept in Dataverse (credit status Refused) as the credit check keeps it.
        Assert.Equal(
            ["salesorders(cos_channel=412500001,cos_channelorderref='W-1')", "salesorders(cos_channel=412500002,cos_channelorderref='PO-1')", "salesorders(cos_channel=412500003,cos_channelorderref='PP-1')"],
            orders);

        var webOutcomes = replies[LocalBroker.WebShopReplies].ToLookup(outcome => outcome.ChannelOrderRef);
        Assert.Equal([OrderDecision.Accepted, OrderDecision.Accepted], webOutcomes["W-1"].Select(outcome => outcome.Decision));
        Assert.Single(webOutcomes["W-1"].Select(outcome => outcome.SalesOrderId).Distinct());
        Assert.Equal(OrderDecision.Rejected, Assert.Single(webOutcomes["W-2"]).Decision);
        Assert.Contains("C-404", webOutcomes["W-2"].Single().Reason, StringComparison.Ordinal);
        Assert.Equal(OrderDecision.Rejected, Assert.Single(webOutcomes["W-3"]).Decision);

        var held = Assert.Single(replies[LocalBroker.EdiReplies]);
        Assert.Equal((OrderDecision.HeldForFinance, "Over credit limit; Finance approval required."), (held.Decision, held.Reason));

        var portalOutcomes = replies[LocalBroker.PartnerPortalReplies].ToDictionary(outcome => outcome.ChannelOrderRef);
        Assert.Equal(OrderDecision.Rejected, portalOutcomes["PP-1"].Decision);
        Assert.Equal("Credit check failed: the order exceeds the credit limit by 9,000.00 EUR.", portalOutcomes["PP-1"].Reason);
        Assert.NotNull(portalOutcomes["PP-1"].SalesOrderId);
        Assert.Equal(OrderDecision.Rejected, portalOutcomes["m-pp2"].Decision);

        var backlog = await worker.Services.GetRequiredService<DeadLetterBacklog>().ListAsync(LocalBroker.OrderIntakeQueue, 100, CancellationToken.None);
        Assert.Equal(["m-w3", "m-w2", "m-pp2"], backlog.Select(entry => entry.MessageId));
        Assert.Equal([900m, 300m, 0m], backlog.Select(entry => entry.OrderValue));
        Assert.Equal([RejectionReasons.CurrencyMismatch, RejectionReasons.UnknownCustomer, RejectionReasons.MalformedPayload], backlog.Select(entry => entry.Reason));

        var stillThere = await LocalBroker.DrainAsync(LocalBroker.DeadLetterAddress(LocalBroker.OrderIntakeQueue));
        Assert.Equal(3, stillThere.Count);
    }
}
