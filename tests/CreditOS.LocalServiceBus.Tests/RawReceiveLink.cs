using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Sasl;
using Microsoft.Azure.Amqp.Transport;

namespace CreditOS.LocalServiceBus.Tests;

/// <summary>
/// A peek-lock receive link on the AMQP library itself (SASL PLAIN with the fixture's policy), for what the official client
/// does not let a test time: credit given with no receive call waiting, a drain that keeps the link open, a close without a
/// drain. It issues no credit of its own and keeps every transfer that reaches it, in arrival order.
/// </summary>
internal sealed class RawReceiveLink : IAsyncDisposable
{
    private readonly AmqpConnection _connection;
    private readonly List<AmqpMessage> _arrived = [];

    private RawReceiveLink(AmqpConnection connection, ReceivingAmqpLink link)
    {
        _connection = connection;
        Link = link;
        link.RegisterMessageListener(message =>
        {
            lock (_arrived)
            {
                _arrived.Add(message);
            }
        });
    }

    public ReceivingAmqpLink Link { get; }

    /// <summary>The message ids of the transfers that reached the link so far.</summary>
    public IReadOnlyList<string> Arrived
    {
        get
        {
            lock (_arrived)
            {
                return _arrived.Select(message => message.Properties.MessageId?.ToString() ?? "(none)").ToList();
            }
        }
    }

    public static async Task<RawReceiveLink> OpenAsync(LocalServiceBusFixture bus, string entity)
    {
        var settings = new AmqpSettings();
        var sasl = new SaslTransportProvider();
        sasl.Versions.Add(new AmqpVersion(1, 0, 0));
        sasl.AddHandler(new SaslPlainHandler { AuthenticationIdentity = LocalServiceBusFixture.KeyName, Password = LocalServiceBusFixture.Key });
        settings.TransportProviders.Add(sasl);
        var amqp = new AmqpTransportProvider();
        amqp.Versions.Add(new AmqpVersion(1, 0, 0));
        settings.TransportProviders.Add(amqp);
        var transport = await new AmqpTransportInitiator(settings, new TcpTransportSettings { Host = "127.0.0.1", Port = bus.Options.Port })
            .ConnectTaskAsync(TimeSpan.FromSeconds(20));
        var connection = new AmqpConnection(transport, settings, new AmqpConnectionSettings { ContainerId = "raw-" + Guid.NewGuid().ToString("N"), HostName = "127.0.0.1" });
        await connection.OpenAsync(TimeSpan.FromSeconds(20));
        var session = connection.CreateSession(new AmqpSessionSettings());
        await session.OpenAsync(TimeSpan.FromSeconds(20));
        var link = new ReceivingAmqpLink(session, new AmqpLinkSettings
        {
            LinkName = "raw-receiver-" + Guid.NewGuid().ToString("N"),
            Role = true,
            Source = new Source { Address = entity },
            Target = new Target { Address = "raw-receiver" },
            SettleType = SettleMode.SettleOnDispose, // peek-lock
            TotalLinkCredit = 0,
            AutoSendFlow = false,
        });
        await link.OpenAsync(TimeSpan.FromSeconds(20));
        return new RawReceiveLink(connection, link);
    }

    public ValueTask DisposeAsync()
    {
        _connection.SafeClose();
        return ValueTask.CompletedTask;
    }
}
