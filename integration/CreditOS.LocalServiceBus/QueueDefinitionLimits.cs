namespace CreditOS.LocalServiceBus;

/// <summary>
/// The limits Service Bus puts on a queue's (and a subscription's) settings, checked when the server is built (session 24): a queue Azure would
/// refuse to create is refused here too, rather than run with a setting no real namespace can have (a lock of an hour, a
/// MaxDeliveryCount of 0), which would let a test pass on behaviour that production never shows.
/// Sources: CreateQueueOptions.LockDuration ("Max value is 5 minutes"), QueueProperties.MaxDeliveryCount ("Minimum value is
/// 1"), CreateQueueOptions.DefaultMessageTimeToLive (a positive duration; the default is TimeSpan.MaxValue).
/// </summary>
internal static class QueueDefinitionLimits
{
    public static readonly TimeSpan MaxLockDuration = TimeSpan.FromMinutes(5);

    public static void Check(ReceivableEntityDefinition queue, string path)
    {
        if (queue.LockDuration <= TimeSpan.Zero || queue.LockDuration > MaxLockDuration)
        {
            throw new ArgumentException(
                $"'{path}': LockDuration {queue.LockDuration} is outside what Service Bus allows (more than zero, at most {MaxLockDuration}).", nameof(queue));
        }

        if (queue.MaxDeliveryCount < 1)
        {
            throw new ArgumentException($"'{path}': MaxDeliveryCount {queue.MaxDeliveryCount} is below Service Bus' minimum of 1.", nameof(queue));
        }

        if (queue.DefaultMessageTimeToLive <= TimeSpan.Zero)
        {
            throw new ArgumentException($"'{path}': DefaultMessageTimeToLive {queue.DefaultMessageTimeToLive} must be a positive duration.", nameof(queue));
        }
    }
}
