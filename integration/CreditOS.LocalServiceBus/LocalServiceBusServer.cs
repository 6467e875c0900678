using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Sasl;
using Microsoft.Azure.Amqp.Transaction;
using Microsoft.Azure.Amqp.Transport;

namespace CreditOS.LocalServiceBus;

/// <summary>
/// A local Service Bus namespace on Microsoft.Azure.Amqp's listener: SASL (MSSBCBS, ANONYMOUS, PLAIN), <c>$cbs</c>
/// put-token, queues and topic subscriptions with peek-lock and their dead-letter queues, topics that copy what is sent to
/// their subscriptions, and each entity's <c>$management</c> node. It refuses what it does not implement (sessions, SQL
/// filters and rule management, transactions, scheduled messages) with amqp:not-implemented, naming the feature.
/// </summary>
public sealed class LocalServiceBusServer : IRuntimeProvider, IDisposable
{
    private readonly LocalServiceBusOptions _options;
    private readonly TimeProvider _clock;
    private readonly MessageStore _store;
    private readonly Dictionary<string, QueueEntity> _entities = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, TopicEntity> _topics = new(StringComparer.OrdinalIgnoreCase);
    private readonly ReplyLinks _replies = new();
    private readonly CbsNode _cbs;
    private readonly ManagementNode _management;
    private readonly HashSet<AmqpConnection> _connections = [];
    private AmqpTransportListener? _listener;
    private AmqpSettings? _settings;
    private readonly Lock _sweepGate = new();
    private ITimer? _sweeper;
    private bool _stopped;
    private bool _listening; // guarded by _connections: false once Stop began, so no connection opens on a stopped server

    public LocalServiceBusServer(LocalServiceBusOptions options, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.Equals(options.Host, "127.0.0.1", StringComparison.Ordinal) && !string.Equals(options.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(options.Host, "::1", StringComparison.Ordinal))
        {
            throw new ArgumentException($"The local Service Bus listens on loopback only, not on '{options.Host}'.", nameof(options));
        }

        foreach (var topic in options.Topics)
        {
            TopicDefinitionLimits.Check(topic); // before the store opens: a refused configuration leaves no file open
        }

        _options = options;
        _clock = clock ?? TimeProvider.System;
        options.HoldWriteBeforeCommit?.Check();
        _store = new MessageStore(options.DatabasePath, options.HoldWriteBeforeCommit);
        foreach (var queue in options.Queues)
        {
            // The local stand-in never accepts what it does not implement: a queue that asks for duplicate detection would
            // otherwise deliver every duplicate while the configuration says they are dropped.
            if (queue.RequiresDuplicateDetection || queue.DuplicateDetectionHistoryTimeWindow is not null)
            {
                throw new NotSupportedException(
                    $"The local Service Bus does not implement duplicate detection: queue '{queue.Name}' is configured with "
                    + $"{(queue.RequiresDuplicateDetection ? "RequiresDuplicateDetection = true" : "a DuplicateDetectionHistoryTimeWindow")}. "
                    + "Remove it (the worker does not rely on it: its writes are idempotent by alternate key) or test against Azure Service Bus.");
            }

            QueueDefinitionLimits.Check(queue, queue.Name);
            AddQueueEntity(queue.Name, queue, topic: null);
        }

        foreach (var topic in options.Topics)
        {
            AddTopic(topic);
        }

        _cbs = new CbsNode(new TokenValidator(options, _clock), _replies);
        _management = new ManagementNode(_replies, _clock, this);
    }

    public int Port => _options.Port;

    /// <summary>
    /// A test's hook (session 29), called on the broker's own thread when a client's frame reaches one of the
    /// <see cref="BrokerMomentKind"/> moments, before the broker acts on it; null (always, in the host): no hook. A hook
    /// that kills the client process there and answers <see cref="BrokerMomentAction.Drop"/> makes the frame one its
    /// process never got out.
    /// </summary>
    public Func<BrokerMoment, BrokerMomentAction>? MomentHook
    {
        get => Volatile.Read(ref _momentHook);
        set => Volatile.Write(ref _momentHook, value);
    }

    private Func<BrokerMoment, BrokerMomentAction>? _momentHook;

    internal bool Drops(BrokerMomentKind kind, string entityPath, string detail = "") =>
        MomentHook is { } hook && hook(new BrokerMoment(kind, entityPath, detail)) == BrokerMomentAction.Drop;

    /// <summary>A settlement shown to the hook with the message ids of the locks it names (read only when a hook is set).</summary>
    internal bool DropsSettlement(QueueEntity entity, string outcome, IReadOnlyList<Guid> lockTokens) =>
        MomentHook is { } hook && hook(new BrokerMoment(BrokerMomentKind.Settlement, entity.Path, outcome, entity.MessageIdsOfLocks(lockTokens))) == BrokerMomentAction.Drop;

    private QueueEntity AddQueueEntity(string path, ReceivableEntityDefinition definition, string? topic)
    {
        if (_entities.ContainsKey(path) || _topics.ContainsKey(path))
        {
            throw new ArgumentException($"The local Service Bus has two entities named '{path}'.", nameof(definition));
        }

        var deadLetter = new QueueEntity(EntityPaths.DeadLetterOf(path), definition, null, _store, _clock, topic);
        _entities[deadLetter.Path] = deadLetter;
        return _entities[path] = new QueueEntity(path, definition, deadLetter, _store, _clock, topic);
    }

    /// <summary>A topic and its subscriptions, each subscription a queue entity of its own (session 25).</summary>
    private void AddTopic(TopicDefinition topic)
    {
        if (_entities.ContainsKey(topic.Name) || _topics.ContainsKey(topic.Name))
        {
            throw new ArgumentException($"The local Service Bus has two entities named '{topic.Name}'.", nameof(topic));
        }

        var subscriptions = topic.Subscriptions
            .Select(subscription =>
            {
                var path = EntityPaths.SubscriptionOf(topic.Name, subscription.Name);
                return (AddQueueEntity(path, subscription, topic.Name), subscription.Rules);
            })
            .ToList();
        _topics[topic.Name] = new TopicEntity(topic, subscriptions, _store, _clock);
    }

    /// <summary>The self-signed certificate of the TLS port (null without one): clients pin it by thumbprint.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? TlsCertificate { get; private set; }

    /// <summary>Messages in an entity (a queue, a subscription "topic/Subscriptions/name", or either's "…/$DeadLetterQueue"), locked or not.</summary>
    public int CountOf(string entityPath) => Entity(entityPath).Count;

    /// <summary>
    /// The sequence number of the last message senders stored in an entity: Service Bus numbers an entity's messages one by
    /// one as they are stored, and a batch is stored whole or not at all, so a test's sender can tell whether a send whose
    /// answer it lost was stored.
    /// </summary>
    public long LastSequenceNumberOf(string entityPath) => Entity(entityPath).LastSequenceNumber;

    /// <summary>An entity's messages, locks and receive links' credit, for diagnostics (a test's timeout report).</summary>
    public string Describe(string entityPath) => Entity(entityPath).Describe();

    /// <summary>Each message of an entity (up to <paramref name="max"/>): id, failed deliveries, ready / deferred / locked and by whom.</summary>
    public IReadOnlyList<string> DescribeMessages(string entityPath, int max = 50) => Entity(entityPath).DescribeMessages(max);

    public void Start()
    {
        var settings = new AmqpSettings { RuntimeProvider = this };
        var sasl = new SaslTransportProvider();
        sasl.Versions.Add(new AmqpVersion(1, 0, 0));
        sasl.AddHandler(new SaslAnonymousHandler("MSSBCBS"));
        sasl.AddHandler(new SaslAnonymousHandler());
        sasl.AddHandler(new SaslPlainHandler(new PlainAuthenticator(_options)));
        settings.TransportProviders.Add(sasl);
        var amqp = new AmqpTransportProvider();
        amqp.Versions.Add(new AmqpVersion(1, 0, 0));
        settings.TransportProviders.Add(amqp);
        _settings = settings;

        var tcp = new TcpTransportSettings { Host = _options.Host, Port = _options.Port };
        var listeners = new List<TransportListener> { tcp.CreateListener() };
        if (_options.TlsPort > 0)
        {
            TlsCertificate ??= SelfSignedCertificate.ForLoopback();
            var tls = new TlsTransportSettings(new TcpTransportSettings { Host = _options.Host, Port = _options.TlsPort }, false) { Certificate = TlsCertificate };
            listeners.Add(tls.CreateListener());
        }

        lock (_connections)
        {
            _listening = true;
        }

        _listener = new AmqpTransportListener(listeners, settings);
        _listener.Listen(OnAcceptTransport);
        lock (_sweepGate)
        {
            _stopped = false;
        }

        _sweeper = _clock.CreateTimer(_ => Sweep(), null, _options.SweepInterval, _options.SweepInterval);
    }

    public void Stop()
    {
        lock (_sweepGate)
        {
            _stopped = true; // a sweep in progress finishes first; none starts after
        }

        _sweeper?.Dispose();
        _sweeper = null;
        _listener?.Close();
        _listener = null;
        AmqpConnection[] open;
        lock (_connections)
        {
            _listening = false;
            open = [.. _connections];
            _connections.Clear();
        }

        foreach (var connection in open)
        {
            connection.SafeClose();
        }
    }

    public void Dispose()
    {
        Stop();
        _store.Dispose();
        TlsCertificate?.Dispose();
    }

    private void Sweep()
    {
        lock (_sweepGate)
        {
            if (_stopped)
            {
                return;
            }

            foreach (var entity in _entities.Values)
            {
                entity.Sweep();
            }
        }
    }

    private void OnAcceptTransport(TransportListener listener, TransportAsyncCallbackArgs args)
    {
        var connectionSettings = new AmqpConnectionSettings
        {
            ContainerId = "creditos-local-servicebus",
            MaxFrameSize = 64 * 1024,
            IdleTimeOut = 4 * 60 * 1000,
        };
        AmqpConnection? connection = null;
        try
        {
            connection = CreateConnection(args.Transport, (ProtocolHeader)args.UserToken, false, _settings!, connectionSettings);
            if (!Track(connection))
            {
                connection.SafeClose();
                return;
            }

            connection.BeginOpen(AmqpConstants.DefaultTimeout, OnConnectionOpened, connection);
        }
        catch (Exception exception) when (exception is AmqpException or InvalidOperationException or ObjectDisposedException)
        {
            connection?.SafeClose(exception);
        }
    }

    private void OnConnectionOpened(IAsyncResult result)
    {
        var connection = (AmqpConnection)result.AsyncState!;
        try
        {
            connection.EndOpen(result);
        }
        catch (Exception exception) when (exception is AmqpException or TimeoutException or InvalidOperationException or ObjectDisposedException or OperationCanceledException)
        {
            connection.SafeClose(exception);
        }
    }

    /// <summary>
    /// Tracks a connection from the moment it is accepted, before its AMQP open completes (session 20): before, a connection
    /// was tracked only once open, so one opening while <see cref="Stop"/> ran was never closed and lived on against the
    /// stopped server (its store disposed, its queues a stale copy) until the client gave up on it. False once stopping.
    /// </summary>
    private bool Track(AmqpConnection connection)
    {
        lock (_connections)
        {
            if (!_listening)
            {
                return false;
            }

            _connections.Add(connection);
        }

        connection.Closed += (_, _) =>
        {
            lock (_connections)
            {
                _connections.Remove(connection);
            }
        };
        return true;
    }

    public AmqpConnection CreateConnection(TransportBase transport, ProtocolHeader protocolHeader, bool isInitiator, AmqpSettings amqpSettings, AmqpConnectionSettings connectionSettings) =>
        new(transport, protocolHeader, false, amqpSettings, connectionSettings);

    public AmqpSession CreateSession(AmqpConnection connection, AmqpSessionSettings settings) =>
        throw new InvalidOperationException("Sessions are created by the connection.");

    public AmqpLink CreateLink(AmqpSession session, AmqpLinkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var isReceiver = settings.Role == true; // our side receives: the client sends
        if (isReceiver)
        {
            settings.MaxMessageSize = _options.MaxMessageSize;
            return new ReceivingAmqpLink(session, settings);
        }

        return new SendingAmqpLink(session, settings);
    }

    public IAsyncResult BeginOpenLink(AmqpLink link, TimeSpan timeout, AsyncCallback callback, object state)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(callback);
        OpenLink(link);
        return new CompletedResult(callback, state);
    }

    public void EndOpenLink(IAsyncResult result)
    {
    }

    private void OpenLink(AmqpLink link)
    {
        if (link.IsReceiver && link.Settings.Target is Coordinator)
        {
            throw NotImplemented("transactions");
        }

        var address = (link.IsReceiver ? (link.Settings.Target as Target)?.Address : (link.Settings.Source as Source)?.Address)?.ToString()
            ?? throw new AmqpException(AmqpErrorCode.InvalidField, "The link has no address.");
        var path = EntityPaths.FromAddress(address);

        if (string.Equals(path, CbsNode.Address, StringComparison.Ordinal))
        {
            if (link is ReceivingAmqpLink requests)
            {
                _cbs.AttachRequests(requests);
            }
            else
            {
                _replies.Add((SendingAmqpLink)link);
            }

            return;
        }

        if (EntityPaths.IsManagement(path, out var managedPath))
        {
            if (link is not ReceivingAmqpLink managementRequests)
            {
                _replies.Add((SendingAmqpLink)link);
            }
            else if (_topics.TryGetValue(managedPath, out var managedTopic))
            {
                _management.AttachTopicRequests(managementRequests, managedTopic);
            }
            else
            {
                _management.AttachRequests(managementRequests, Entity(managedPath));
            }

            return;
        }

        var connection = link.Session.Connection;
        if (_topics.TryGetValue(path, out var topic))
        {
            if (link is not ReceivingAmqpLink topicPublisher)
            {
                // Service Bus receives from a topic's subscriptions only.
                throw new AmqpException(AmqpErrorCode.NotAllowed,
                    $"'{topic.Path}' is a topic: receive from one of its subscriptions ({string.Join(", ", topic.Definition.Subscriptions.Select(subscription => $"'{EntityPaths.SubscriptionOf(topic.Path, subscription.Name)}'"))}), not from the topic.");
            }

            Authorize(connection, topic.Path, AccessRights.Send);
            AttachPublisher(topicPublisher, topic, this);
            return;
        }

        var entity = Entity(path);
        Authorize(connection, entity.Path, link.IsReceiver ? AccessRights.Send : AccessRights.Listen);
        if (link is ReceivingAmqpLink publisher)
        {
            if (entity.DeadLetterQueue is null)
            {
                throw new AmqpException(AmqpErrorCode.NotAllowed, $"'{entity.Path}' is a dead-letter queue: messages cannot be sent to it.");
            }

            if (entity.Topic is not null)
            {
                throw new AmqpException(AmqpErrorCode.NotAllowed, $"'{entity.Path}' is a subscription: messages cannot be sent to it; send to its topic '{entity.Topic}'.");
            }

            AttachPublisher(publisher, entity, this);
        }
        else
        {
            if ((link.Settings.Source as Source)?.FilterSet is { Count: > 0 } filters)
            {
                throw NotImplemented(filters.Any(filter => filter.Key.ToString() == "com.microsoft:session-filter")
                    ? "sessions (session receivers)"
                    : "receive filters");
            }

            // Shown before the link is attached; the attach goes on whatever the hook says (a killed client's socket is closed).
            Drops(BrokerMomentKind.ReceiverAttach, entity.Path);
            AttachConsumer((SendingAmqpLink)link, entity, this);
        }
    }

    private void Authorize(AmqpConnection connection, string entityPath, AccessRights needed)
    {
        if (!ConnectionAccess.Of(connection).Allows(connection, entityPath, needed, _clock.GetUtcNow()))
        {
            throw new AmqpException(AmqpErrorCode.UnauthorizedAccess,
                $"Unauthorized: no token with {needed} rights for '{entityPath}' on this connection (put one on $cbs first).");
        }
    }

    private static void AttachPublisher(ReceivingAmqpLink link, IMessageSink entity, LocalServiceBusServer server)
    {
        link.RegisterMessageListener(transfer =>
        {
            if (server.Drops(BrokerMomentKind.Send, entity.Path))
            {
                transfer.Dispose();
                return;
            }

            try
            {
                var messages = MessageCodec.Unbatch(transfer);
                var scheduled = messages.FirstOrDefault(message =>
                    (message.Sections & SectionFlag.MessageAnnotations) != 0
                    && message.MessageAnnotations.Map[MessageCodec.ScheduledEnqueueTime] is not null);
                if (scheduled is not null)
                {
                    throw NotImplemented("scheduled messages (x-opt-scheduled-enqueue-time)");
                }

                if (messages.Any(message => (message.Sections & SectionFlag.Properties) != 0 && message.Properties.GroupId is not null))
                {
                    throw NotImplemented($"sessions: '{entity.Path}' does not require sessions here, and a message with a SessionId would need them");
                }

                entity.Enqueue(messages);
                if (server.Drops(BrokerMomentKind.SendStored, entity.Path))
                {
                    return; // stored, the answer withheld (a test's connection cut between the two)
                }

                link.AcceptMessage(transfer, false);
            }
            catch (AmqpException refused)
            {
                link.DisposeMessage(transfer, new Rejected { Error = refused.Error }, true, false);
            }
            catch (Exception exception) when (exception is Microsoft.Data.Sqlite.SqliteException or ObjectDisposedException or InvalidOperationException)
            {
                // Not stored: the sender is told so and sends again.
                link.DisposeMessage(transfer, new Rejected { Error = new Error { Condition = ServiceBusErrors.InternalError, Description = $"The message was not stored: {exception.Message}" } }, true, false);
            }
            finally
            {
                transfer.Dispose();
            }
        });
    }

    private static void AttachConsumer(SendingAmqpLink link, QueueEntity entity, LocalServiceBusServer server)
    {
        var consumer = new Consumer(link);
        link.RegisterCreditListener((credit, drain, _) =>
        {
            if (drain)
            {
                server.Drops(BrokerMomentKind.Drain, entity.Path); // shown only: the drain goes on whatever the hook says
            }

            entity.OnCredit(consumer, credit, drain);
        });
        link.RegisterDispositionListener(delivery =>
        {
            var token = delivery.DeliveryTag.Count == 16 ? new Guid(delivery.DeliveryTag.AsSpan()) : Guid.Empty;
            if (!server.DropsSettlement(entity, OutcomeName(delivery.State), [token]))
            {
                OnDisposition(link, entity, delivery);
            }
        });
        link.Closed += (_, _) => entity.RemoveConsumer(consumer);
        entity.AddConsumer(consumer);
    }

    private static void OnDisposition(SendingAmqpLink link, QueueEntity entity, Delivery delivery)
    {
        if (delivery.Settled && link.Settings.SettleType == SettleMode.SettleOnSend)
        {
            return;
        }

        var state = delivery.State;
        SettleRequest? request = state switch
        {
            Accepted => new SettleRequest(SettleKind.Complete),
            Released => new SettleRequest(SettleKind.Release),
            Modified { UndeliverableHere: true } modified => new SettleRequest(SettleKind.Defer, PropertiesToModify: Properties(modified.MessageAnnotations)),
            Modified modified => new SettleRequest(SettleKind.Abandon, PropertiesToModify: Properties(modified.MessageAnnotations)),
            Rejected rejected => DeadLetterRequest(rejected),
            _ => null,
        };

        DeliveryState reply;
        DeliveryState? failure = null;
        if (request is null)
        {
            reply = new Rejected { Error = new Error { Condition = ServiceBusErrors.NotImplemented, Description = $"The local Service Bus does not implement the outcome {state?.GetType().Name ?? "none"} (transactions are not supported)." } };
        }
        else if (delivery.DeliveryTag.Count != 16 || !TrySettle(entity, link, new Guid(delivery.DeliveryTag.AsSpan()), request, out failure))
        {
            reply = failure ?? LockLost(entity);
        }
        else
        {
            // The client reads any rejected outcome that carries an error as a failure of the settlement itself, so
            // a dead-letter that succeeded is confirmed as a bare rejected outcome.
            reply = state is Rejected ? new Rejected() : state!;
        }

        link.DisposeDelivery(delivery, true, reply);
    }

    private static string OutcomeName(DeliveryState? state) => state switch
    {
        Accepted => "complete",
        Released => "release",
        Modified { UndeliverableHere: true } => "defer",
        Modified => "abandon",
        Rejected => "dead-letter",
        _ => state?.GetType().Name ?? "none",
    };

    private static bool TrySettle(QueueEntity entity, SendingAmqpLink link, Guid lockToken, SettleRequest request, out DeliveryState? failure)
    {
        failure = null;
        try
        {
            return entity.TrySettle(lockToken, request, holder => ReferenceEquals(holder, link));
        }
        catch (Exception exception) when (exception is Microsoft.Data.Sqlite.SqliteException or ObjectDisposedException)
        {
            failure = new Rejected { Error = new Error { Condition = ServiceBusErrors.InternalError, Description = $"The settlement was not stored: {exception.Message}" } };
            return false;
        }
    }

    private static Rejected LockLost(QueueEntity entity) =>
        new() { Error = new Error { Condition = ServiceBusErrors.MessageLockLost, Description = $"The lock supplied is invalid. Either the lock expired, or the message has already been removed from '{entity.Path}'." } };

    private static SettleRequest DeadLetterRequest(Rejected rejected)
    {
        var info = rejected.Error?.Info;
        string? reason = null;
        string? description = null;
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (info is not null)
        {
            foreach (var pair in info)
            {
                var key = pair.Key.ToString()!;
                switch (key)
                {
                    case MessageCodec.DeadLetterReason:
                        reason = pair.Value as string;
                        break;
                    case MessageCodec.DeadLetterErrorDescription:
                        description = pair.Value as string;
                        break;
                    default:
                        properties[key] = pair.Value;
                        break;
                }
            }
        }

        return new SettleRequest(SettleKind.DeadLetter, reason, description ?? rejected.Error?.Description, properties);
    }

    private static Dictionary<string, object?>? Properties(Fields? annotations) =>
        annotations?.ToDictionary(pair => pair.Key.ToString()!, pair => (object?)pair.Value, StringComparer.Ordinal);

    private QueueEntity Entity(string path) =>
        _entities.TryGetValue(path, out var entity)
            ? entity
            : throw new AmqpException(AmqpErrorCode.NotFound,
                $"The messaging entity '{path}' could not be found in the local Service Bus (its queues: {string.Join(", ", _options.Queues.Select(queue => queue.Name))}; "
                + $"its subscriptions: {string.Join(", ", _options.Topics.SelectMany(topic => topic.Subscriptions.Select(subscription => EntityPaths.SubscriptionOf(topic.Name, subscription.Name))).DefaultIfEmpty("none"))}).");

    private static AmqpException NotImplemented(string what) =>
        new(AmqpErrorCode.NotImplemented, $"The local Service Bus does not implement {what}.");

    private sealed class CompletedResult : IAsyncResult
    {
        public CompletedResult(AsyncCallback callback, object state)
        {
            AsyncState = state;
            callback(this);
        }

        public object AsyncState { get; }

        public WaitHandle AsyncWaitHandle => throw new NotSupportedException();

        public bool CompletedSynchronously => true;

        public bool IsCompleted => true;
    }
}
