using System.Collections.Concurrent;
using Amqp;
using Microsoft.Extensions.Logging;

namespace CreditOS.Integration.Worker.Transport;

/// <summary>Sends replies to the address a message named in its reply-to, waiting for the broker to accept each.</summary>
public sealed partial class ReplyPublisher(BrokerConnection connection, ILogger<ReplyPublisher> logger, ServiceBus.ServiceBusReplySender? serviceBus = null) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SenderLink> _senders = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Connection? _owner;
    private Session? _session;

    public async Task SendAsync(string address, Message reply, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        ArgumentNullException.ThrowIfNull(reply);
        if (serviceBus is not null)
        {
            await serviceBus.SendAsync(address, reply, cancellationToken).ConfigureAwait(false);
            LogReplied(address, reply.Properties?.CorrelationId ?? string.Empty);
            return;
        }

        var sender = await SenderForAsync(address, cancellationToken).ConfigureAwait(false);
        try
        {
            await sender.SendAsync(reply).WaitAsync(cancellationToken).ConfigureAwait(false);
            LogReplied(address, reply.Properties?.CorrelationId ?? string.Empty);
        }
        catch (Exception exception) when (BrokerFailure.IsTransient(exception))
        {
            _senders.TryRemove(address, out _);
            throw;
        }
    }

    private async Task<SenderLink> SenderForAsync(string address, CancellationToken cancellationToken)
    {
        var current = await connection.GetOpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!ReferenceEquals(current, _owner) || _session is null || _session.IsClosed)
            {
                _senders.Clear();
                _owner = current;
                _session = new Session(current);
            }

            if (_senders.TryGetValue(address, out var existing) && !existing.IsClosed)
            {
                return existing;
            }

            var sender = new SenderLink(_session, $"creditos-reply-{Guid.NewGuid():N}", address);
            _senders[address] = sender;
            return sender;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sender in _senders.Values)
        {
            try
            {
                await sender.CloseAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (BrokerFailure.IsTransient(exception))
            {
                LogCloseFailed(exception);
            }
        }

        _gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Replied to {Address} for {CorrelationId}")]
    private partial void LogReplied(string address, string correlationId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closing a reply sender failed")]
    private partial void LogCloseFailed(Exception exception);
}
