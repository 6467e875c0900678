using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;

namespace CreditOS.LocalServiceBus;

/// <summary>
/// An entity's <c>$management</c> node: the operations the official client uses on a queue receiver
/// (renew-lock, peek-message, receive-by-sequence-number, update-disposition), on a queue or a subscription alike. Every other
/// operation (sessions, scheduling, rules) is answered 501 amqp:not-implemented, naming it.
/// </summary>
internal sealed class ManagementNode(ReplyLinks replies, TimeProvider clock, LocalServiceBusServer server)
{
    public void AttachRequests(ReceivingAmqpLink link, QueueEntity entity) =>
        Attach(link, entity.Path, AccessRights.Listen, (request, connection) => Handle(entity, request, connection), entity);

    /// <summary>
    /// A topic's node (session 25): a sender's operations there are scheduling (schedule-message, cancel-scheduled-message),
    /// which the local Service Bus does not implement; every operation is answered 501, naming it.
    /// </summary>
    public void AttachTopicRequests(ReceivingAmqpLink link, TopicEntity topic) =>
        Attach(link, topic.Path, AccessRights.Send, (request, _) =>
            NotImplemented($"the management operation '{request.ApplicationProperties?.Map["operation"]}' on topic '{topic.Path}'"), null);

    /// <summary>
    /// The test hook's moments on <c>$management</c>: a renew-lock, and (session 30) an update-disposition, shown as the same
    /// <see cref="BrokerMomentKind.Settlement"/> a disposition on the receive link is, with the outcome named the same way.
    /// Before, a settlement sent this way reached the store unseen, so a test could not kill a client there.
    /// </summary>
    private bool IsDroppedByTheHook(AmqpMessage request, string entityPath, QueueEntity? entity)
    {
        if (server.MomentHook is null)
        {
            return false;
        }

        var operation = request.ApplicationProperties?.Map["operation"] as string;
        if (operation == "com.microsoft:renew-lock")
        {
            return server.Drops(BrokerMomentKind.RenewLock, entityPath);
        }

        if (operation != "com.microsoft:update-disposition" || entity is null || request.ValueBody?.Value is not AmqpMap body)
        {
            return false;
        }

        var outcome = (body[new MapKey("disposition-status")] as string) switch
        {
            "completed" => "complete",
            "abandoned" => "abandon",
            "suspended" => "dead-letter",
            "defered" => "defer",
            var other => other ?? "none",
        };
        var tokens = body[new MapKey("lock-tokens")] as Guid[] ?? [];
        return server.DropsSettlement(entity, outcome, tokens);
    }

    private void Attach(ReceivingAmqpLink link, string entityPath, AccessRights needed, Func<AmqpMessage, AmqpConnection, AmqpMessage> handle, QueueEntity? entity)
    {
        var connection = link.Session.Connection;
        link.RegisterMessageListener(request =>
        {
            if (IsDroppedByTheHook(request, entityPath, entity))
            {
                request.Dispose();
                return;
            }

            AmqpMessage response;
            try
            {
                var access = ConnectionAccess.Of(connection);
                var now = clock.GetUtcNow();
                response = access.Allows(connection, entityPath + EntityPaths.ManagementSuffix, needed, now)
                    || access.Allows(connection, entityPath, needed, now)
                    ? handle(request, connection)
                    : ReplyLinks.ManagementResponse(401, $"No token with {needed} rights for '{entityPath}' on this connection.", null, ServiceBusErrors.Unauthorized);
            }
            catch (Exception exception) when (exception is InvalidCastException or KeyNotFoundException or ArgumentException or NullReferenceException)
            {
                response = ReplyLinks.ManagementResponse(400, $"Malformed management request: {exception.Message}", null, "com.microsoft:argument-error");
            }

            link.AcceptMessage(request, false);
            replies.Respond(request, response);
            request.Dispose();
        });
    }

    private static AmqpMessage Handle(QueueEntity entity, AmqpMessage request, AmqpConnection connection)
    {
        var operation = request.ApplicationProperties?.Map["operation"] as string;
        var body = request.ValueBody?.Value as AmqpMap ?? new AmqpMap();
        if (body[new MapKey("session-id")] is string)
        {
            return NotImplemented("sessions");
        }

        return operation switch
        {
            "com.microsoft:renew-lock" => RenewLock(entity, body),
            "com.microsoft:peek-message" => Peek(entity, body),
            "com.microsoft:receive-by-sequence-number" => ReceiveBySequenceNumber(entity, body),
            "com.microsoft:update-disposition" => UpdateDisposition(entity, body, ReceiveLinkNamed(request, connection)),
            "com.microsoft:add-rule" or "com.microsoft:remove-rule" or "com.microsoft:enumerate-rules" => NotImplemented(
                $"rule management ('{operation}' on '{entity.Path}'): a subscription's rules (the TrueFilter or correlation filters) are configured in LocalServiceBus:Topics"),
            _ => NotImplemented($"the management operation '{operation}'"),
        };
    }

    private static AmqpMessage RenewLock(QueueEntity entity, AmqpMap body)
    {
        var tokens = (Guid[])body[new MapKey("lock-tokens")];
        var expirations = entity.RenewLocks(tokens);
        return expirations is null
            ? LockLost(entity)
            : ReplyLinks.ManagementResponse(200, "OK", new AmqpMap { [new MapKey("expirations")] = expirations });
    }

    private static AmqpMessage Peek(QueueEntity entity, AmqpMap body)
    {
        var from = Convert.ToInt64(body[new MapKey("from-sequence-number")], System.Globalization.CultureInfo.InvariantCulture);
        var count = Convert.ToInt32(body[new MapKey("message-count")], System.Globalization.CultureInfo.InvariantCulture);
        var messages = entity.Peek(from, count);
        if (messages.Count == 0)
        {
            return ReplyLinks.ManagementResponse(204, "No messages to peek.");
        }

        var list = messages.Select(message =>
        {
            var binary = MessageCodec.ToBinary(message);
            message.Dispose();
            return (object)new AmqpMap { [new MapKey("message")] = new ArraySegment<byte>(binary) };
        }).ToList();
        return ReplyLinks.ManagementResponse(200, "OK", new AmqpMap { [new MapKey("messages")] = list });
    }

    private static AmqpMessage ReceiveBySequenceNumber(QueueEntity entity, AmqpMap body)
    {
        var sequenceNumbers = (long[])body[new MapKey("sequence-numbers")];
        var receiveAndDelete = body[new MapKey("receiver-settle-mode")] is uint mode && mode == 0;
        var received = entity.ReceiveDeferred(sequenceNumbers, receiveAndDelete);
        if (received is null)
        {
            return ReplyLinks.ManagementResponse(404,
                $"Failed to lock one or more of the deferred messages {string.Join(", ", sequenceNumbers)} in '{entity.Path}': not deferred, already locked or not there.",
                null, ServiceBusErrors.MessageNotFound);
        }

        var list = received.Select(item =>
        {
            var binary = MessageCodec.ToBinary(item.Message);
            item.Message.Dispose();
            return (object)new AmqpMap
            {
                [new MapKey("message")] = new ArraySegment<byte>(binary),
                [new MapKey("lock-token")] = item.LockToken,
            };
        }).ToList();
        return ReplyLinks.ManagementResponse(200, "OK", new AmqpMap { [new MapKey("messages")] = list });
    }

    /// <summary>
    /// Whether a lock's receive link is the one a management request names (<c>associated-link-name</c>, which the official
    /// client sets to its receive link) on the request's own connection. The official client settles through
    /// <c>update-disposition</c> when its receive link no longer holds the delivery (it was re-attached): that link is not
    /// the holder, so the settlement fails with MessageLockLost, as on Service Bus.
    /// </summary>
    private static Func<AmqpLink, bool> ReceiveLinkNamed(AmqpMessage request, AmqpConnection connection)
    {
        var name = request.ApplicationProperties?.Map["associated-link-name"] as string;
        return holder => name is not null && string.Equals(holder.Name, name, StringComparison.Ordinal) && ReferenceEquals(holder.Session.Connection, connection);
    }

    private static AmqpMessage UpdateDisposition(QueueEntity entity, AmqpMap body, Func<AmqpLink, bool> isHolder)
    {
        var tokens = (Guid[])body[new MapKey("lock-tokens")];
        var status = body[new MapKey("disposition-status")] as string;
        SettleKind? kind = status switch
        {
            "completed" => SettleKind.Complete,
            "abandoned" => SettleKind.Abandon,
            "suspended" => SettleKind.DeadLetter,
            "defered" => SettleKind.Defer,
            _ => null,
        };
        if (kind is null)
        {
            return ReplyLinks.ManagementResponse(400, $"Unknown disposition-status '{status}'.", null, "com.microsoft:argument-error");
        }

        var properties = body[new MapKey("properties-to-modify")] is AmqpMap map
            ? map.ToDictionary(pair => pair.Key.Key.ToString()!, pair => (object?)pair.Value)
            : null;
        var request = new SettleRequest(kind.Value, body[new MapKey("deadletter-reason")] as string, body[new MapKey("deadletter-description")] as string, properties);
        foreach (var token in tokens)
        {
            if (!entity.TrySettle(token, request, isHolder))
            {
                return LockLost(entity);
            }
        }

        return ReplyLinks.ManagementResponse(200, "OK", new AmqpMap());
    }

    private static AmqpMessage LockLost(QueueEntity entity) => ReplyLinks.ManagementResponse(410,
        $"The lock supplied is invalid. Either the lock expired, or the message has already been removed from '{entity.Path}'.",
        null, ServiceBusErrors.MessageLockLost);

    private static AmqpMessage NotImplemented(string what) => ReplyLinks.ManagementResponse(501,
        $"The local Service Bus does not implement {what}.", null, ServiceBusErrors.NotImplemented);
}
