using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace CreditOS.LocalServiceBus;

/// <summary>
/// Turns what a sender sent into the stored payload and a stored message into what a receiver gets: the sender's
/// sections, with the broker's header delivery-count and the annotations the client reads (x-opt-sequence-number,
/// x-opt-enqueued-time, x-opt-locked-until, x-opt-deadletter-source).
/// </summary>
internal static class MessageCodec
{
    public const string SequenceNumber = "x-opt-sequence-number";
    public const string EnqueuedTime = "x-opt-enqueued-time";
    public const string LockedUntil = "x-opt-locked-until";
    public const string DeadLetterSource = "x-opt-deadletter-source";
    public const string ScheduledEnqueueTime = "x-opt-scheduled-enqueue-time";
    public const string DeadLetterReason = "DeadLetterReason";
    public const string DeadLetterErrorDescription = "DeadLetterErrorDescription";

    /// <summary>The messages inside a transfer: one, or those of a batch (message-format 0x80013700, one Data section each).</summary>
    public static IReadOnlyList<AmqpMessage> Unbatch(AmqpMessage transfer)
    {
        if (transfer.MessageFormat != AmqpConstants.AmqpBatchedMessageFormat)
        {
            return [transfer];
        }

        return transfer.DataBody
            .Select(data => AmqpMessage.CreateAmqpStreamMessage(new BufferListStream([Copy((ArraySegment<byte>)data.Value)]), true))
            .ToList();
    }

    public static byte[] Encode(AmqpMessage message)
    {
        using var copy = Rebuild(message, static _ => { });
        using var stream = copy.ToStream();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    public static AmqpMessage Decode(byte[] payload) =>
        AmqpMessage.CreateAmqpStreamMessage(new BufferListStream([new ArraySegment<byte>(payload)]), true);

    /// <summary>What a receiver gets: the payload with the broker's header and annotations.</summary>
    public static AmqpMessage ForDelivery(StoredMessage stored, int deliveryCount, string? deadLetterSource)
    {
        using var decoded = Decode(stored.Payload);
        return Rebuild(decoded, message =>
        {
            message.Header.DeliveryCount = (uint)deliveryCount;
            var annotations = message.MessageAnnotations.Map;
            annotations[SequenceNumber] = stored.SequenceNumber;
            annotations[EnqueuedTime] = stored.EnqueuedAt.UtcDateTime;
            if (stored.LockedUntil is { } lockedUntil)
            {
                annotations[LockedUntil] = lockedUntil.UtcDateTime;
            }

            if (deadLetterSource is not null)
            {
                annotations[DeadLetterSource] = deadLetterSource;
            }
        });
    }

    /// <summary>Sets application properties (dead-letter reason, properties to modify) and returns the new payload.</summary>
    public static byte[] WithApplicationProperties(byte[] payload, IEnumerable<KeyValuePair<string, object?>> properties)
    {
        using var decoded = Decode(payload);
        using var rebuilt = Rebuild(decoded, message =>
        {
            message.ApplicationProperties ??= new ApplicationProperties();
            foreach (var (name, value) in properties)
            {
                message.ApplicationProperties.Map[name] = value;
            }
        });
        using var stream = rebuilt.ToStream();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    public static byte[] ToBinary(AmqpMessage message)
    {
        using var stream = message.ToStream();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static AmqpMessage Rebuild(AmqpMessage source, Action<AmqpMessage> adjust)
    {
        AmqpMessage copy;
        if ((source.BodyType & SectionFlag.Data) != 0)
        {
            copy = AmqpMessage.Create(source.DataBody.Select(data => new Data { Value = Copy((ArraySegment<byte>)data.Value) }).ToList());
        }
        else if ((source.BodyType & SectionFlag.AmqpValue) != 0)
        {
            copy = AmqpMessage.Create(new AmqpValue { Value = source.ValueBody.Value });
        }
        else if ((source.BodyType & SectionFlag.AmqpSequence) != 0)
        {
            copy = AmqpMessage.Create(source.SequenceBody.ToList());
        }
        else
        {
            copy = AmqpMessage.Create();
        }

        var sections = source.Sections;
        if ((sections & SectionFlag.Header) != 0)
        {
            copy.Header.Durable = source.Header.Durable;
            copy.Header.Priority = source.Header.Priority;
            copy.Header.Ttl = source.Header.Ttl;
            copy.Header.FirstAcquirer = source.Header.FirstAcquirer;
            copy.Header.DeliveryCount = source.Header.DeliveryCount;
        }

        if ((sections & SectionFlag.MessageAnnotations) != 0)
        {
            foreach (var pair in source.MessageAnnotations.Map)
            {
                copy.MessageAnnotations.Map[pair.Key] = pair.Value;
            }
        }

        if ((sections & SectionFlag.Properties) != 0)
        {
            var from = source.Properties;
            var to = copy.Properties;
            to.MessageId = from.MessageId;
            to.UserId = from.UserId;
            to.To = from.To;
            to.Subject = from.Subject;
            to.ReplyTo = from.ReplyTo;
            to.CorrelationId = from.CorrelationId;
            to.ContentType = from.ContentType;
            to.ContentEncoding = from.ContentEncoding;
            to.AbsoluteExpiryTime = from.AbsoluteExpiryTime;
            to.CreationTime = from.CreationTime;
            to.GroupId = from.GroupId;
            to.GroupSequence = from.GroupSequence;
            to.ReplyToGroupId = from.ReplyToGroupId;
        }

        if ((sections & SectionFlag.ApplicationProperties) != 0)
        {
            copy.ApplicationProperties = new ApplicationProperties();
            foreach (var pair in source.ApplicationProperties.Map)
            {
                copy.ApplicationProperties.Map[pair.Key] = pair.Value;
            }
        }

        if ((sections & SectionFlag.Footer) != 0)
        {
            foreach (var pair in source.Footer.Map)
            {
                copy.Footer.Map[pair.Key] = pair.Value;
            }
        }

        adjust(copy);
        return copy;
    }

    private static ArraySegment<byte> Copy(ArraySegment<byte> segment) => new(segment.ToArray());
}
