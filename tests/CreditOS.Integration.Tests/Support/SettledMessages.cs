using System.Collections.Concurrent;
using CreditOS.Integration.Worker.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// The message ids the worker has settled (completed or dead-lettered), read from the settler's structured log
/// entries (either transport's settler), which carry each message id. Unlike a settlement count, a message settled twice (its first disposition
/// lost in a broker restart, then redelivered) counts once, so a test can wait for every id it sent.
/// </summary>
public sealed class SettledMessages : ILoggerProvider
{
    private static readonly string SettlerCategory = typeof(MessageSettler).FullName!;
    private static readonly string ServiceBusSettlerCategory = typeof(CreditOS.Integration.Worker.Transport.ServiceBus.ServiceBusSettler).FullName!;
    private readonly ConcurrentDictionary<string, bool> _completed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _deadLettered = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _abandoned = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _settleFailed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _abandonedAt = new(StringComparer.Ordinal);

    /// <summary>Registers this provider with the worker's logging, at Debug for the settler (completions log at Debug).</summary>
    public Action<IServiceCollection> Register => services =>
    {
        services.AddSingleton<ILoggerProvider>(this);
        services.Configure<LoggerFilterOptions>(options =>
        {
            options.AddFilter<SettledMessages>(SettlerCategory, LogLevel.Debug);
            options.AddFilter<SettledMessages>(ServiceBusSettlerCategory, LogLevel.Debug);
        });
    };

    public int Count => Ids.Count;

    public IReadOnlyCollection<string> Ids => _completed.Keys.Union(_deadLettered.Keys, StringComparer.Ordinal).ToList();

    /// <summary>Messages this worker decided on and tried to settle (settled, abandoned, or a settlement that failed).</summary>
    public int Attempted => Ids.Union(_abandoned.Keys, StringComparer.Ordinal).Union(_settleFailed.Keys, StringComparer.Ordinal).Count();

    public bool IsSettled(string messageId) => _completed.ContainsKey(messageId) || _deadLettered.ContainsKey(messageId);

    /// <summary>
    /// Whether a settlement of the message failed on the worker's side (the Service Bus settler's "could not settle"): the lock
    /// was lost, or the connection dropped, in which case the broker may have applied the settlement all the same (the answer
    /// was lost in a restart). Such a message is either delivered again or gone: a test that sees its queues empty counts it as
    /// settled and judges it by its effect (the ledger, the dead-letter queue).
    /// </summary>
    public bool SettlementFailed(string messageId) => _settleFailed.ContainsKey(messageId);

    /// <summary>
    /// Settled by a worker, or its settlement failed on the worker's side (session 24). A completion whose answer is lost in a
    /// broker restart may still have been applied (as on Service Bus: the client sees the link drop, the broker has deleted the
    /// message), and then the message never comes back to be settled again; so a wait for the stream counts it once the queues
    /// hold nothing (<see cref="LocalServiceBusForWorker.UntilSettledAsync"/>: a failed settlement that was not applied keeps its
    /// message on the queue until a worker settles it), and the ledger and the dead-letter queues judge its effect.
    /// </summary>
    public bool IsAccounted(string messageId) => IsSettled(messageId) || SettlementFailed(messageId);

    /// <summary>The highest delivery count at which the worker abandoned the message (0 if it never did): how much of MaxDeliveryCount a wait used.</summary>
    public int AbandonedAtDelivery(string messageId) => _abandonedAt.GetValueOrDefault(messageId);

    /// <summary>Why the worker last abandoned the message (it goes back to the queue), when it did.</summary>
    public string? LastAbandonReason(string messageId) => _abandoned.TryGetValue(messageId, out var reason) ? reason : null;

    /// <summary>
    /// The message's state on the workers' side, for a timeout's report (session 26): completed, dead-lettered, a settlement
    /// that failed, the delivery and reason of its last abandon, or never decided on by a worker (not received, or still in a
    /// handler).
    /// </summary>
    public string StateOf(string messageId)
    {
        var states = new List<string>();
        if (_completed.ContainsKey(messageId))
        {
            states.Add("completed");
        }

        if (_deadLettered.ContainsKey(messageId))
        {
            states.Add("dead-lettered by a worker");
        }

        if (_settleFailed.ContainsKey(messageId))
        {
            states.Add("a settlement failed on the worker's side");
        }

        if (_abandoned.TryGetValue(messageId, out var reason))
        {
            states.Add($"last abandoned at delivery {AbandonedAtDelivery(messageId)}: {reason}");
        }

        return states.Count > 0 ? string.Join("; ", states) : "never settled or abandoned by a worker (not received yet, or still being handled)";
    }

    public ILogger CreateLogger(string categoryName) => categoryName == SettlerCategory || categoryName == ServiceBusSettlerCategory ? new SettlerLog(this) : NullLog.Instance;

    public void Dispose()
    {
    }

    private sealed class SettlerLog(SettledMessages owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var target = eventId.Name switch
            {
                "LogCompleted" => owner._completed,
                "LogDeadLettered" => owner._deadLettered,
                _ => null,
            };
            if (state is not IReadOnlyList<KeyValuePair<string, object?>> fields || fields.FirstOrDefault(field => field.Key == "MessageId").Value is not string messageId)
            {
                return;
            }

            if (target is not null)
            {
                target[messageId] = true;
            }
            else if (eventId.Name == "LogSettleFailed")
            {
                owner._settleFailed[messageId] = true;
            }
            else if (eventId.Name == "LogAbandoned")
            {
                owner._abandoned[messageId] = fields.FirstOrDefault(field => field.Key == "Reason").Value as string ?? string.Empty;
                if (fields.FirstOrDefault(field => field.Key == "DeliveryCount").Value is int delivery)
                {
                    owner._abandonedAt.AddOrUpdate(messageId, delivery, (_, before) => Math.Max(before, delivery));
                }
            }
        }
    }

    private sealed class NullLog : ILogger
    {
        public static readonly NullLog Instance = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => false;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }
}
