using Amqp;
using CreditOS.Integration.Worker.Configuration;

namespace CreditOS.Integration.Worker.Transport;

/// <summary>Builds the AMQP address and connection factory from options; credentials go only into SASL PLAIN.</summary>
public static class BrokerAddress
{
    private const string SecureScheme = "AMQPS";
    private const string PlainScheme = "AMQP";

    public static Address From(BrokerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Address(options.Host, options.Port, options.SaslUser, options.SaslPassword, "/", options.UseTls ? SecureScheme : PlainScheme);
    }

    public static ConnectionFactory CreateConnectionFactory(BrokerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var factory = new ConnectionFactory();
        factory.AMQP.ContainerId = $"creditos-worker-{Environment.MachineName}-{Guid.NewGuid():N}";
        factory.AMQP.IdleTimeout = (int)TimeSpan.FromMinutes(1).TotalMilliseconds;
        return factory;
    }
}
