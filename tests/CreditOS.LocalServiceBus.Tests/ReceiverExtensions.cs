using Azure.Messaging.ServiceBus;

namespace CreditOS.LocalServiceBus.Tests;

internal static class ReceiverExtensions
{
    /// <summary>Receives until <paramref name="count"/> messages came (or 20 s passed), in sequence order.</summary>
    public static async Task<List<ServiceBusReceivedMessage>> ReceiveCountAsync(this ServiceBusReceiver receiver, int count)
    {
        var messages = new List<ServiceBusReceivedMessage>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (messages.Count < count && DateTime.UtcNow < deadline)
        {
            messages.AddRange(await receiver.ReceiveMessagesAsync(count - messages.Count, TimeSpan.FromSeconds(2)));
        }

        return messages.OrderBy(message => message.SequenceNumber).ToList();
    }
}
