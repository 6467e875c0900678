using Amqp;
using CreditOS.Integration.Worker.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditOS.Integration.Worker.Transport;

/// <summary>
/// The one AMQP connection the worker shares between its links. Opens lazily, reconnects with backoff after
/// a loss, and tells the health check whether the link to the broker is up.
/// </summary>
public sealed partial class BrokerConnection : IAsyncDisposable
{
    private readonly BrokerOptions _options;
    private readonly ILogger<BrokerConnection> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ReconnectBackoff _backoff;
    private Connection? _current;

    public BrokerConnection(IOptions<BrokerOptions> options, ILogger<BrokerConnection> logger)
    {
        _options = options.Value;
        _logger = logger;
        _backoff = new ReconnectBackoff(_options.ReconnectInitialDelay, _options.ReconnectMaxDelay);
    }

    public bool IsConnected => _current is { IsClosed: false };

    public string Endpoint => $"{(_options.UseTls ? "amqps" : "amqp")}://{_options.Host}:{_options.Port}";

    public async Task<Connection> GetOpenConnectionAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                if (_current is { IsClosed: false } open)
                {
                    return open;
                }

                try
                {
                    _current = await BrokerAddress.CreateConnectionFactory(_options)
                        .CreateAsync(BrokerAddress.From(_options), cancellationToken).ConfigureAwait(false);
                    _backoff.Reset();
                    LogConnected(Endpoint);
                    return _current;
                }
                catch (Exception exception) when (BrokerFailure.IsTransient(exception) && !cancellationToken.IsCancellationRequested)
                {
                    var delay = _backoff.NextDelay();
                    LogConnectFailed(exception, Endpoint, delay.TotalMilliseconds);
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A link found the connection broken: drop it so the next caller reconnects.</summary>
    public void ReportBroken(Connection connection)
    {
        if (ReferenceEquals(Interlocked.CompareExchange(ref _current, null, connection), connection))
        {
            LogConnectionLost(Endpoint);
            CloseQuietly(connection);
        }
    }

    public async ValueTask DisposeAsync()
    {
        var connection = Interlocked.Exchange(ref _current, null);
        if (connection is { IsClosed: false })
        {
            try
            {
                await connection.CloseAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (BrokerFailure.IsTransient(exception))
            {
                LogCloseFailed(exception);
            }
        }

        _gate.Dispose();
    }

    private void CloseQuietly(Connection connection)
    {
        _ = connection.CloseAsync().ContinueWith(
            task => { if (task.Exception is not null) { LogCloseFailed(task.Exception); } },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to broker {Endpoint}")]
    private partial void LogConnected(string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not connect to broker {Endpoint}; retrying in {DelayMs:F0} ms")]
    private partial void LogConnectFailed(Exception exception, string endpoint, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection to broker {Endpoint} lost; links will reconnect")]
    private partial void LogConnectionLost(string endpoint);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closing a broker connection failed")]
    private partial void LogCloseFailed(Exception exception);
}
