using Microsoft.Extensions.Configuration;

namespace CreditOS.LocalServiceBus.Tests;

/// <summary>
/// Duplicate detection is not implemented: a queue configured with it is refused when the server is built, never accepted
/// and then silently delivering every duplicate (configuration binding used to drop the unknown key).
/// </summary>
public sealed class DuplicateDetectionRefusalTests
{
    [Theory]
    [InlineData("RequiresDuplicateDetection", "true", "RequiresDuplicateDetection = true")]
    [InlineData("DuplicateDetectionHistoryTimeWindow", "00:10:00", "DuplicateDetectionHistoryTimeWindow")]
    public void A_queue_configured_for_duplicate_detection_is_refused_as_not_supported(string key, string value, string named)
    {
        // Bound from configuration exactly as the runnable host binds its appsettings section.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LocalServiceBus:DatabasePath"] = Path.Combine(Path.GetTempPath(), $"creditos-sb-dupdetect-{Guid.NewGuid():N}.db"),
            ["LocalServiceBus:Queues:0:Name"] = "orders",
            ["LocalServiceBus:Queues:1:Name"] = "payments",
            [$"LocalServiceBus:Queues:1:{key}"] = value,
        }).Build();
        var options = new LocalServiceBusOptions();
        configuration.GetSection(LocalServiceBusOptions.SectionName).Bind(options);

        var failure = Assert.Throws<NotSupportedException>(() => new LocalServiceBusServer(options));

        Assert.Contains("does not implement duplicate detection", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'payments'", failure.Message, StringComparison.Ordinal);
        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_queue_without_duplicate_detection_is_accepted()
    {
        var path = Path.Combine(Path.GetTempPath(), $"creditos-sb-dupdetect-{Guid.NewGuid():N}.db");
        var options = new LocalServiceBusOptions { DatabasePath = path };
        options.Queues.Add(new QueueDefinition { Name = "orders", RequiresDuplicateDetection = false });

        using var server = new LocalServiceBusServer(options);

        Assert.Equal(0, server.CountOf("orders"));
    }
}
