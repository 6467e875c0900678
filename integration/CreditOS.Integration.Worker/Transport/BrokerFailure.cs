using System.Net.Sockets;
using Amqp;

namespace CreditOS.Integration.Worker.Transport;

/// <summary>Which exceptions mean "the broker or the link to it failed; reconnect and go on".</summary>
internal static class BrokerFailure
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        AmqpException or SocketException or IOException or TimeoutException or ObjectDisposedException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsTransient),
        _ => false,
    };
}
