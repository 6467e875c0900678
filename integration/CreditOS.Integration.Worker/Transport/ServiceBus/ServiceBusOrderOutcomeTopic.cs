using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Worker.Configuration;
using CreditOS.Integration.Worker.Handlers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditOS.Integration.Worker.Transport.ServiceBus;

/// <summary>
/// Publishes order outcomes to <c>Broker:ServiceBus:OrderOutcomeTopic</c> through one ServiceBusSender (session 25). Without
/// a topic configured (or without the Service Bus transport, where configuring one is refused at start) it publishes nothing.
/// </summary>
public sealed partial class ServiceBusOrderOutcomeTopic : IAsyncDisposable
{
    private readonly ServiceBusSender? _sender;
    private readonly ILogger<ServiceBusOrderOutcomeTopic> _logger;

    public ServiceBusOrderOutcomeTopic(IOptions<BrokerOptions> broker, ILogger<ServiceBusOrderOutcomeTopic> logger, ServiceBusClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(broker);
        _logger = logger;
        var topic = broker.Value.ServiceBus.OrderOutcomeTopic;
        if (client is not null && !string.IsNullOrEmpty(topic))
        {
            _sender = client.CreateSender(topic);
        }
    }

    /// <summary>Sends and returns once Service Bus stored the message; throws ServiceBusException when it did not.</summary>
    public async Task PublishAsync(OrderOutcomePublication publication, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publication);
        if (_sender is null)
        {
            return;
        }

        var message = new ServiceBusMessage(publication.Outcome.ToJson())
        {
            MessageId = publication.MessageId,
            CorrelationId = publication.IntakeMessageId,
            Subject = OrderOutcome.Subject,
            ContentType = "application/json",
        };
        foreach (var (name, value) in publication.ApplicationProperties)
        {
            message.ApplicationProperties[name] = value;
        }

        await _sender.SendMessageAsync(message, cancellationToken).ConfigureAwait(false);
        LogPublished(_sender.EntityPath, message.MessageId);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sender is not null)
        {
            await _sender.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Published order outcome {MessageId} to {Topic}")]
    private partial void LogPublished(string topic, string messageId);
}
