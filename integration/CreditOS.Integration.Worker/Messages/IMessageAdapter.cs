using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Worker.Messages;

/// <summary>Converts one source format (named by the message subject) into a canonical model.</summary>
public interface IMessageAdapter<out T>
    where T : class
{
    /// <summary>The message subject this adapter reads, for example "sap.payment-advice".</summary>
    string Format { get; }

    /// <summary>Converts the payload; throws <see cref="PayloadException"/> for one it cannot read.</summary>
    T Convert(InboundMessage message);
}
