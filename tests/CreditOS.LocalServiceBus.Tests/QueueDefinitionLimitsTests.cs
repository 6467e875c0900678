namespace CreditOS.LocalServiceBus.Tests;

/// <summary>
/// A queue whose settings Service Bus would refuse (a lock longer than 5 minutes or not positive, MaxDeliveryCount below 1, a
/// time to live that is not positive) is refused when the server is built, naming the queue and the figure; the limits
/// themselves are accepted (session 24: before, any value was taken, so a test could run on a queue no namespace can have).
/// </summary>
public sealed class QueueDefinitionLimitsTests
{
    public static TheoryData<string, QueueDefinition, string> Refused() => new()
    {
        { "lock of 5 min 1 s", new QueueDefinition { Name = "orders", LockDuration = TimeSpan.FromSeconds(301) }, "LockDuration 00:05:01" },
        { "lock of zero", new QueueDefinition { Name = "orders", LockDuration = TimeSpan.Zero }, "LockDuration 00:00:00" },
        { "MaxDeliveryCount 0", new QueueDefinition { Name = "orders", MaxDeliveryCount = 0 }, "MaxDeliveryCount 0" },
        { "time to live of zero", new QueueDefinition { Name = "orders", DefaultMessageTimeToLive = TimeSpan.Zero }, "DefaultMessageTimeToLive 00:00:00" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_queue_Service_Bus_would_refuse_is_refused_naming_the_queue_and_the_figure(string label, QueueDefinition queue, string named)
    {
        var options = Options(queue);

        var failure = Assert.Throws<ArgumentException>(() => new LocalServiceBusServer(options));

        Assert.Contains("'orders'", failure.Message, StringComparison.Ordinal);
        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(label));
    }

    [Fact]
    public void The_limits_themselves_are_accepted()
    {
        using var server = new LocalServiceBusServer(Options(new QueueDefinition { Name = "orders", LockDuration = TimeSpan.FromMinutes(5), MaxDeliveryCount = 1 }));

        Assert.Equal(0, server.CountOf("orders"));
    }

    private static LocalServiceBusOptions Options(QueueDefinition queue)
    {
        var options = new LocalServiceBusOptions { DatabasePath = Path.Combine(Path.GetTempPath(), $"creditos-sb-limits-{Guid.NewGuid():N}.db") };
        options.Queues.Add(queue);
        return options;
    }
}
