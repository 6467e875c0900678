using System.Globalization;
using System.Text;
using Amqp;
using Amqp.Framing;

namespace CreditOS.Integration.Worker.Transport;

/// <summary>A received message as handlers see it: identity, routing properties and the raw body.</summary>
public sealed class InboundMessage
{
    internal InboundMessage(Message message, DateTimeOffset receivedAt)
    {
        Amqp = message;
        ReceivedAt = receivedAt;
        MessageId = message.Properties?.MessageId ?? string.Empty;
        Subject = message.Properties?.Subject;
        ReplyTo = message.Properties?.ReplyTo;
        CorrelationId = message.Properties?.CorrelationId;
        ContentType = message.Properties?.ContentType is { } contentType ? contentType.ToString() : null;
        Body = ReadBody(message);
    }

    public string MessageId { get; }

    /// <summary>The source format of the payload (Service Bus calls it Subject or Label).</summary>
    public string? Subject { get; }

    public string? ReplyTo { get; }

    public string? CorrelationId { get; }

    /// <summary>The payload's media type as the sender stated it (AMQP content-type), when it did.</summary>
    public string? ContentType { get; }

    public ReadOnlyMemory<byte> Body { get; }

    public DateTimeOffset ReceivedAt { get; }

    internal Message Amqp { get; }

    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    public string? ApplicationProperty(string name) =>
        Amqp.ApplicationProperties?.Map.TryGetValue(name, out var value) == true
            ? Convert.ToString(value, CultureInfo.InvariantCulture)
            : null;

    private static ReadOnlyMemory<byte> ReadBody(Message message) => message.BodySection switch
    {
        Data data => data.Binary ?? [],
        AmqpValue { Value: string text } => Encoding.UTF8.GetBytes(text),
        AmqpValue { Value: byte[] bytes } => bytes,
        _ => ReadOnlyMemory<byte>.Empty,
    };
}
