using System.Globalization;
using System.Text;
using Amqp;
using Amqp.Framing;
using Azure.Messaging.ServiceBus;

namespace CreditOS.Integration.Worker.Transport;

/// <summary>A received message as handlers see it: identity, routing properties and the raw body.</summary>
public sealed class InboundMessage
{
    internal InboundMessage(Message message, DateTimeOffset receivedAt)
    {
        _amqp = message;
        ReceivedAt = receivedAt;
        MessageId = message.Properties?.MessageId ?? string.Empty;
        Subject = message.Properties?.Subject;
        ReplyTo = message.Properties?.ReplyTo;
        CorrelationId = message.Properties?.CorrelationId;
        ContentType = message.Properties?.ContentType is { } contentType ? contentType.ToString() : null;
        Body = ReadBody(message);
    }

    /// <summary>A message received by the official Service Bus client (Transport ServiceBus).</summary>
    internal InboundMessage(ServiceBusReceivedMessage message, DateTimeOffset receivedAt)
    {
        ServiceBus = message;
        ReceivedAt = receivedAt;
        MessageId = message.MessageId ?? string.Empty;
        Subject = message.Subject;
        ReplyTo = message.ReplyTo;
        CorrelationId = message.CorrelationId;
        ContentType = message.ContentType;
        Body = ReadBody(message);
    }

    private readonly Message? _amqp;

    public string MessageId { get; }

    /// <summary>The source format of the payload (Service Bus calls it Subject or Label).</summary>
    public string? Subject { get; }

    public string? ReplyTo { get; }

    public string? CorrelationId { get; }

    /// <summary>The payload's media type as the sender stated it (AMQP content-type), when it did.</summary>
    public string? ContentType { get; }

    public ReadOnlyMemory<byte> Body { get; }

    public DateTimeOffset ReceivedAt { get; }

    /// <summary>
    /// The broker's sequence number of this message and the scope that numbered it (namespace, queue, partition), when
    /// the broker gives one: Service Bus does (it survives abandon and redelivery unchanged, so it orders the versions of
    /// an ERP record as they were sent); RabbitMQ does not, and then this is null. See <see cref="CreditOS.CreditEngine.Ledger.SourceVersionOrder"/>.
    /// </summary>
    public MessageSequence? Sequence { get; init; }

    /// <summary>The AMQPNetLite message (Transport AmqpNetLite).</summary>
    internal Message Amqp => _amqp ?? throw new InvalidOperationException($"Message {MessageId} was received by the Service Bus client, not AMQPNetLite.");

    /// <summary>The Service Bus client's message (Transport ServiceBus); null for AMQPNetLite.</summary>
    internal ServiceBusReceivedMessage? ServiceBus { get; }

    /// <summary>
    /// The body as the adapters read it: without a leading UTF-8 byte order mark. Windows ERP exports (CSV above all)
    /// often start with one; RFC 8259 lets a JSON parser ignore it, but System.Text.Json refuses it ("'0xEF' is an invalid
    /// start of a value") and the CSV reader would read the first column as "\uFEFFpayment_id", so a valid payment was
    /// dead-lettered as malformed or as missing its id. <see cref="Body"/> stays the bytes as sent.
    /// </summary>
    public ReadOnlyMemory<byte> Payload => Body.Span.StartsWith(Utf8ByteOrderMark) ? Body[Utf8ByteOrderMark.Length..] : Body;

    /// <summary>The payload as text, in the charset its content type states (UTF-8 when none), strictly: see <see cref="Messages.PayloadText"/>.</summary>
    public string BodyText => Messages.PayloadText.Decode(Payload.Span, ContentType);

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    public string? ApplicationProperty(string name) =>
        ServiceBus is not null
            ? ServiceBus.ApplicationProperties.TryGetValue(name, out var property) ? Convert.ToString(property, CultureInfo.InvariantCulture) : null
            : Amqp.ApplicationProperties?.Map.TryGetValue(name, out var value) == true
            ? Convert.ToString(value, CultureInfo.InvariantCulture)
            : null;

    /// <summary>Data sections as they are; an AMQP value body (text or binary, as some AMQP senders write) read as the AMQPNetLite path does.</summary>
    private static ReadOnlyMemory<byte> ReadBody(ServiceBusReceivedMessage message)
    {
        var body = message.GetRawAmqpMessage().Body;
        if (body.TryGetData(out var data) && data is not null)
        {
            return data.SelectMany(segment => segment.ToArray()).ToArray();
        }

        return body.TryGetValue(out var value) ? value switch
        {
            string text => Encoding.UTF8.GetBytes(text),
            byte[] bytes => bytes,
            _ => ReadOnlyMemory<byte>.Empty,
        } : ReadOnlyMemory<byte>.Empty;
    }

    private static ReadOnlyMemory<byte> ReadBody(Message message) => message.BodySection switch
    {
        Data data => data.Binary ?? [],
        AmqpValue { Value: string text } => Encoding.UTF8.GetBytes(text),
        AmqpValue { Value: byte[] bytes } => bytes,
        _ => ReadOnlyMemory<byte>.Empty,
    };
}
