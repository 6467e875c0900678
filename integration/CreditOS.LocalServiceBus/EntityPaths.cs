namespace CreditOS.LocalServiceBus;

/// <summary>Entity paths as Service Bus compares them: case-insensitive, without scheme, host or surrounding slashes.</summary>
internal static class EntityPaths
{
    public const string DeadLetterSuffix = "/$DeadLetterQueue";
    public const string ManagementSuffix = "/$management";
    public const string SubscriptionsSegment = "/Subscriptions/";

    /// <summary>"sb://host/queue", "amqp://host:5672/queue/" or "/queue" all become "queue".</summary>
    public static string FromAudience(string audience)
    {
        ArgumentNullException.ThrowIfNull(audience);
        var path = Uri.TryCreate(audience, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host)
            ? Uri.UnescapeDataString(uri.AbsolutePath)
            : audience;
        return path.Trim('/');
    }

    public static string FromAddress(string address) => FromAudience(address);

    public static bool IsManagement(string path, out string entityPath)
    {
        if (path.EndsWith(ManagementSuffix, StringComparison.OrdinalIgnoreCase))
        {
            entityPath = path[..^ManagementSuffix.Length];
            return true;
        }

        entityPath = path;
        return false;
    }

    public static string DeadLetterOf(string queue) => queue + DeadLetterSuffix;

    /// <summary>A subscription's entity path, as the official client builds it: "topic/Subscriptions/name".</summary>
    public static string SubscriptionOf(string topic, string subscription) => topic + SubscriptionsSegment + subscription;
}
