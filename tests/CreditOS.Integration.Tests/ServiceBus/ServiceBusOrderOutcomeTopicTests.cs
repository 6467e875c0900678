using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Configuration;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Order outcomes on the order-outcome topic (session 25): the worker (Broker:Transport ServiceBus) publishes each outcome it
/// replies with to Broker:ServiceBus:OrderOutcomeTopic, and the topic's subscriptions on the local Service Bus receive it
/// through the official client: the reply's body, a MessageId derived from the order and outcome (a redelivered order that
/// comes to the same outcome publishes the same id) and the properties a subscription filters on.
/// </summary>
public sealed class ServiceBusOrderOutcomeTopicTests : ServiceBusStreamTestsBase
{
    private Guid _sapAccount;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _sapAccount = MixedStream.SeedAccounts(Local)[0]; // C-1001
    }

    [Fact]
    public async Task Each_order_outcome_reaches_the_topics_subscriptions_with_the_reply_body_a_derived_message_id_and_filter_properties()
    {
        ServiceBusMessage Order(string messageId, string reference, string customer) =>
            LocalServiceBusForWorker.TextMessage(messageId, "webshop.order", Payloads.WebShopOrder(reference, customer, 100m), LocalBroker.WebShopReplies);
        var orders = new[] { Order("o-w1", "W-1", "C-1001"), Order("o-w1-again", "W-1", "C-1001"), Order("o-w2", "W-2", "C-404") };

        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.ForServiceBus(Local.Server.BaseUri, Bus));
        worker.StartServiceBus(QueueKind.OrderIntake);
        await Bus.SendAsync(LocalBroker.OrderIntakeQueue, orders);
        var allOutcomes = $"{LocalServiceBusForWorker.OrderOutcomesTopic}/Subscriptions/{LocalServiceBusForWorker.AllOutcomesSubscription}";
        await Eventually.TrueAsync(
            () => Bus.Server.CountOf(allOutcomes) == orders.Length && Bus.Server.CountOf(LocalBroker.OrderIntakeQueue) == 0,
            TimeSpan.FromSeconds(90),
            "every order message settled and its outcome on the topic");
        await worker.StopAsync();

        var replies = await Bus.DrainAsync(LocalBroker.WebShopReplies);
        var published = await Bus.DrainSubscriptionAsync(LocalServiceBusForWorker.OrderOutcomesTopic, LocalServiceBusForWorker.AllOutcomesSubscription);
        Assert.Equal(3, replies.Count);

        // The same content as the channel's reply, one topic message per reply.
        Assert.Equal(
            replies.Select(reply => (reply.CorrelationId, reply.Body.ToString())).Order(),
            published.Select(message => (message.CorrelationId, message.Body.ToString())).Order());
        Assert.All(published, message => Assert.Equal((OrderOutcome.Subject, "application/json"), (message.Subject, message.ContentType)));

        // W-1 twice (its second message finds the order and tells the same outcome): the same MessageId both times.
        var w1 = published.Where(message => message.CorrelationId is "o-w1" or "o-w1-again").ToList();
        var decision = OrderOutcome.FromJson(w1[0].Body.ToArray())!.Decision;
        Assert.Equal([$"order-outcome/WebShop/W-1/{decision}", $"order-outcome/WebShop/W-1/{decision}"], w1.Select(message => message.MessageId));
        Assert.All(w1, message => Assert.Equal(
            [("AccountId", _sapAccount.ToString("D")), ("Channel", "WebShop"), ("ChannelOrderRef", "W-1"), ("CustomerNumber", "C-1001"), ("Outcome", decision.ToString())],
            message.ApplicationProperties.Select(pair => (pair.Key, (string)pair.Value)).Order()));
        Assert.Single(Local.Rows(LocalDataverseOverHttp.SalesOrderTable, "cos_channelorderref"));

        // W-2's customer is unknown: rejected before Dataverse, no account to name; the rejected-orders subscription's
        // correlation filter (Outcome = Rejected) takes it and nothing else.
        var w2 = published.Single(message => message.CorrelationId == "o-w2");
        Assert.Equal("order-outcome/WebShop/W-2/Rejected", w2.MessageId);
        Assert.False(w2.ApplicationProperties.ContainsKey("AccountId"));
        Assert.Equal("C-404", w2.ApplicationProperties["CustomerNumber"]);
        var rejected = await Bus.DrainSubscriptionAsync(LocalServiceBusForWorker.OrderOutcomesTopic, LocalServiceBusForWorker.RejectedOutcomesSubscription);
        Assert.Equal(["order-outcome/WebShop/W-2/Rejected"], rejected.Select(message => message.MessageId));
    }

    [Fact]
    public void An_order_outcome_topic_on_the_AMQPNetLite_transport_is_refused_at_start()
    {
        var configuration = WorkerConfiguration.For(new Uri("http://127.0.0.1:5080/"), new Dictionary<string, string?>
        {
            ["Broker:ServiceBus:OrderOutcomeTopic"] = LocalServiceBusForWorker.OrderOutcomesTopic,
        });
        using var services = new ServiceCollection().AddLogging().AddCreditOsWorkerCore(configuration).BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<BrokerOptions>>().Value);
        Assert.Contains("OrderOutcomeTopic 'creditos.orders.outcomes' is published through the official Service Bus client only", failure.Message, StringComparison.Ordinal);
    }
}
