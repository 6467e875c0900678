using System.Collections.Concurrent;
using Amqp.Framing;
using Azure.Messaging.ServiceBus;

namespace CreditOS.Integration.Worker.Transport.ServiceBus;

/// <summary>
/// Replies (order outcomes) through a ServiceBusSender per reply entity. The handlers build the reply as an AMQP message
/// (one shape for both transports); it is sent with the same body, ids, subject, content type and properties.
/// </summary>
public sealed class ServiceBusReplySender(ServiceBusClient client) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ServiceBusSender> _senders = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Sends and returns once Service Bus stored the reply; throws ServiceBusException when it did not.</summary>
    public async Task SendAsync(string address, Amqp.Message reply, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        ArgumentNullException.ThrowIfNull(reply);
        var entity = EntityOf(address);
        var sender = _senders.GetOrAdd(entity, client.CreateSender);
        await sender.SendMessageAsync(Convert(reply), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A reply-to may be an entity path ("creditos.replies.webshop"), a path ("/creditos.replies.webshop") or a URI.</summary>
    internal static string EntityOf(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host)
            ? uri.AbsolutePath.Trim('/')
            : address.Trim('/');

    private static ServiceBusMessage Convert(Amqp.Message reply)
    {
        var body = reply.BodySection switch
        {
            Data data => BinaryData.FromBytes(data.Binary ?? []),
            AmqpValue { Value: string text } => BinaryData.FromString(text),
            _ => BinaryData.Empty,
        };
        var message = new ServiceBusMessage(body)
        {
            MessageId = reply.Properties?.MessageId,
            CorrelationId = reply.Properties?.CorrelationId,
            Subject = reply.Properties?.Subject,
            ContentType = reply.Properties?.ContentType is { } contentType ? contentType.ToString() : null,
        };
        if (reply.ApplicationProperties is not null)
        {
            foreach (var key in reply.ApplicationProperties.Map.Keys)
            {
                message.ApplicationProperties[key.ToString()!] = reply.ApplicationProperties.Map[key];
            }
        }

        return message;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sender in _senders.Values)
        {
            await sender.DisposeAsync().ConfigureAwait(false);
        }
    }
}
