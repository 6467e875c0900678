using System.Globalization;
using Amqp;
using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Worker.Configuration;
using Microsoft.Extensions.Options;

namespace CreditOS.Integration.Worker.Transport;

/// <summary>One dead-lettered message as operations see it.</summary>
public sealed record DeadLetterEntry(string MessageId, string Reason, string Description, decimal? OrderValue, string? OrderCurrency, string? Subject);

/// <summary>
/// Lists a queue's dead-letter backlog, highest order value first, so operations recover what matters most
/// first. Browses by receiving and releasing (AMQPNetLite), or by peeking (the Service Bus client, which neither
/// locks nor counts a delivery): the messages stay in the dead-letter queue.
/// </summary>
public sealed class DeadLetterBacklog(BrokerConnection connection, IOptions<BrokerOptions> options, ServiceBusClient? serviceBus = null)
{
    // The first message waits for the link to attach and credit to flow, which a busy broker can take well over the
    // pause that ends the drain once messages stop coming.
    private static readonly TimeSpan FirstMessageWait = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan DrainWait = TimeSpan.FromMilliseconds(300);

    public async Task<IReadOnlyList<DeadLetterEntry>> ListAsync(string queue, int maxEntries, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(queue);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEntries);
        if (serviceBus is not null)
        {
            return Ordered(await PeekAsync(serviceBus, queue, maxEntries, cancellationToken).ConfigureAwait(false));
        }

        var open = await connection.GetOpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var session = new Session(open);
        var entries = new List<DeadLetterEntry>();
        var held = new List<Message>();
        var receiver = new ReceiverLink(session, $"creditos-backlog-{Guid.NewGuid():N}", options.Value.Profile.DeadLetterAddress(queue));
        try
        {
            receiver.SetCredit(maxEntries, autoRestore: false);
            while (held.Count < maxEntries && !cancellationToken.IsCancellationRequested)
            {
                var message = await receiver.ReceiveAsync(held.Count == 0 ? FirstMessageWait : DrainWait).ConfigureAwait(false);
                if (message is null)
                {
                    break;
                }

                held.Add(message);
                entries.Add(ToEntry(message));
            }
        }
        finally
        {
            foreach (var message in held)
            {
                receiver.Release(message);
            }

            await receiver.CloseAsync().ConfigureAwait(false);
            await session.CloseAsync().ConfigureAwait(false);
        }

        return Ordered(entries);
    }

    private static List<DeadLetterEntry> Ordered(IEnumerable<DeadLetterEntry> entries) => entries
        .OrderByDescending(entry => entry.OrderValue ?? decimal.MinValue)
        .ThenBy(entry => entry.MessageId, StringComparer.Ordinal)
        .ToList();

    private static async Task<List<DeadLetterEntry>> PeekAsync(ServiceBusClient client, string queue, int maxEntries, CancellationToken cancellationToken)
    {
        var receiver = client.CreateReceiver(queue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        await using (receiver.ConfigureAwait(false))
        {
            var entries = new List<DeadLetterEntry>();
            while (entries.Count < maxEntries)
            {
                var page = await receiver.PeekMessagesAsync(Math.Min(250, maxEntries - entries.Count), cancellationToken: cancellationToken).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    break;
                }

                entries.AddRange(page.Select(message =>
                {
                    string? Text(string name) => message.ApplicationProperties.TryGetValue(name, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
                    return new DeadLetterEntry(
                        message.MessageId ?? string.Empty,
                        message.DeadLetterReason ?? string.Empty,
                        message.DeadLetterErrorDescription ?? string.Empty,
                        decimal.TryParse(Text(DeadLetterProperties.OrderValue), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
                        Text(DeadLetterProperties.OrderCurrency),
                        message.Subject);
                }));
            }

            return entries;
        }
    }

    private static DeadLetterEntry ToEntry(Message message)
    {
        var properties = message.ApplicationProperties?.Map;
        string? Text(string name) => properties is not null && properties.TryGetValue(name, out var value)
            ? Convert.ToString(value, CultureInfo.InvariantCulture)
            : null;
        var value = decimal.TryParse(Text(DeadLetterProperties.OrderValue), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : (decimal?)null;
        return new DeadLetterEntry(
            message.Properties?.MessageId ?? string.Empty,
            Text(DeadLetterProperties.Reason) ?? string.Empty,
            Text(DeadLetterProperties.ErrorDescription) ?? string.Empty,
            value,
            Text(DeadLetterProperties.OrderCurrency),
            message.Properties?.Subject);
    }
}
