using System.Text.Json;
using System.Xml;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Worker.Messages;

/// <summary>Picks the adapter for a message's format and turns conversion failures into rejections.</summary>
public sealed class AdapterSet<T>
    where T : class
{
    private readonly Dictionary<string, IMessageAdapter<T>> _adapters;

    public AdapterSet(IEnumerable<IMessageAdapter<T>> adapters)
    {
        _adapters = adapters.ToDictionary(adapter => adapter.Format, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyCollection<string> Formats => _adapters.Keys;

    public Adapted<T> Adapt(InboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Subject is null || !_adapters.TryGetValue(message.Subject, out var adapter))
        {
            return Adapted<T>.Fail(
                RejectionReasons.UnknownFormat,
                $"Message subject '{message.Subject ?? "(none)"}' names no known format; expected one of: {string.Join(", ", Formats)}.");
        }

        if (FormatContentTypes.Mismatch(adapter.Format, message.ContentType) is { } mismatch)
        {
            return Adapted<T>.Fail(RejectionReasons.ContentTypeMismatch, $"{adapter.Format}: {mismatch}");
        }

        try
        {
            return Adapted<T>.Ok(adapter.Convert(message));
        }
        catch (PayloadException exception)
        {
            return Adapted<T>.Fail(exception.Reason, $"{adapter.Format}: {exception.Message}");
        }
        catch (Exception exception) when (exception is JsonException or FormatException or XmlException or InvalidOperationException or OverflowException)
        {
            return Adapted<T>.Fail(RejectionReasons.MalformedPayload, $"{adapter.Format}: the payload cannot be read ({exception.Message}).");
        }
#pragma warning disable CA1031 // Conversion reads only this message's bytes: whatever it throws is this payload's fault, never its neighbours'.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            // Thrown out of the batch handler, it would abandon the whole batch, again on every delivery, until Service Bus
            // dead-lettered the valid messages received with it (MaxDeliveryCountExceeded): one poison message would block its queue.
            return Adapted<T>.Fail(RejectionReasons.MalformedPayload, $"{adapter.Format}: the payload cannot be read ({exception.GetType().Name}: {exception.Message}).");
        }
    }
}
