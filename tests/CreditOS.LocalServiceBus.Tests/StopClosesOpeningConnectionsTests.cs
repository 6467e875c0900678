using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Sasl;
using Microsoft.Azure.Amqp.Transport;

namespace CreditOS.LocalServiceBus.Tests;

/// <summary>
/// A stop closes every connection, also one still opening (session 20). Before, the server tracked a connection only once its
/// AMQP open had completed, so a client connecting at the moment of a restart (the official client reconnects at once) got a
/// connection that outlived the stop, attached to the stopped server (its store disposed, its queues a stale in-memory copy).
/// Found by the two-worker soak with restarts timed during a $batch: a worker's stop waited past 60 s on such a connection.
/// </summary>
public sealed class StopClosesOpeningConnectionsTests
{
    [Fact]
    public async Task A_connection_accepted_before_a_restart_and_opened_after_it_is_refused()
    {
        await using var bus = new LocalServiceBusFixture(options => options.Queues.Add(new QueueDefinition { Name = "payments" }));
        var settings = new AmqpSettings();
        var sasl = new SaslTransportProvider();
        sasl.Versions.Add(new AmqpVersion(1, 0, 0));
        sasl.AddHandler(new SaslAnonymousHandler());
        settings.TransportProviders.Add(sasl);
        var amqp = new AmqpTransportProvider();
        amqp.Versions.Add(new AmqpVersion(1, 0, 0));
        settings.TransportProviders.Add(amqp);

        // The transport is negotiated (SASL, AMQP header): the server has accepted it and waits for the client's open.
        var transport = await new AmqpTransportInitiator(settings, new TcpTransportSettings { Host = "127.0.0.1", Port = bus.Options.Port })
            .ConnectTaskAsync(TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        bus.Restart();

        var connection = new AmqpConnection(transport, settings, new AmqpConnectionSettings { ContainerId = "probe", HostName = "127.0.0.1" });
        await Assert.ThrowsAnyAsync<Exception>(() => connection.OpenAsync(TimeSpan.FromSeconds(10)));
        Assert.NotEqual(AmqpObjectState.Opened, connection.State);
    }
}
