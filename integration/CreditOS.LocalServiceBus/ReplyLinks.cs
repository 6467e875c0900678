using System.Collections.Concurrent;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace CreditOS.LocalServiceBus;

/// <summary>
/// Request/response nodes ($cbs, &lt;entity&gt;/$management): a client attaches a sender to the node and a receiver
/// whose target is its private reply address; each response goes to the request's reply-to, correlated by message id.
/// </summary>
internal sealed class ReplyLinks
{
    private readonly ConcurrentDictionary<string, SendingAmqpLink> _byAddress = new(StringComparer.Ordinal);
    private long _tag;

    public void Add(SendingAmqpLink link)
    {
        if (link.Settings.Target is not Target { Address: { } address })
        {
            throw new AmqpException(AmqpErrorCode.InvalidField, "A response link needs a target address (the requests' reply-to).");
        }

        var key = address.ToString()!;
        _byAddress[key] = link;
        link.RegisterCreditListener(static (_, _, _) => { });
        link.RegisterDispositionListener(static _ => { });
        link.Closed += (_, _) => _byAddress.TryRemove(new KeyValuePair<string, SendingAmqpLink>(key, link));
    }

    public void Respond(AmqpMessage request, AmqpMessage response)
    {
        var replyTo = request.Properties.ReplyTo?.ToString();
        response.Properties.CorrelationId = request.Properties.MessageId;
        if (replyTo is null || !_byAddress.TryGetValue(replyTo, out var link))
        {
            response.Dispose();
            return; // nobody to answer: Service Bus drops it too
        }

        var tag = BitConverter.GetBytes(Interlocked.Increment(ref _tag));
        link.SendMessageNoWait(response, new ArraySegment<byte>(tag), AmqpConstants.NullBinary);
    }

    public static AmqpMessage ManagementResponse(int status, string description, AmqpMap? body = null, string? errorCondition = null)
    {
        var response = body is null ? AmqpMessage.Create() : AmqpMessage.Create(new AmqpValue { Value = body });
        response.ApplicationProperties = new ApplicationProperties();
        response.ApplicationProperties.Map["statusCode"] = status;
        response.ApplicationProperties.Map["statusDescription"] = description;
        if (errorCondition is not null)
        {
            response.ApplicationProperties.Map["errorCondition"] = new AmqpSymbol(errorCondition);
        }

        return response;
    }
}
