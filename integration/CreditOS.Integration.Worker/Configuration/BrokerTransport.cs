namespace CreditOS.Integration.Worker.Configuration;

public enum BrokerTransport
{
    /// <summary>AMQPNetLite over SASL PLAIN: any AMQP 1.0 broker (RabbitMQ locally, brokers on premises).</summary>
    AmqpNetLite,

    /// <summary>The official Azure.Messaging.ServiceBus client: Azure Service Bus, or the local Service Bus.</summary>
    ServiceBus,
}
