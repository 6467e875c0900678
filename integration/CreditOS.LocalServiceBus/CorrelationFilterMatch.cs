using Microsoft.Azure.Amqp;

namespace CreditOS.LocalServiceBus;

/// <summary>
/// Whether a subscription's rules select a message: any rule (OR); a rule without a filter is a TrueFilter; a correlation
/// filter needs every property it names to equal the message's, strings compared case-sensitively (CorrelationRuleFilter).
/// </summary>
internal static class CorrelationFilterMatch
{
    public static bool Selects(IList<SubscriptionRule> rules, AmqpMessage message) =>
        rules.Count == 0 || rules.Any(rule => rule.CorrelationFilter is null || Matches(rule.CorrelationFilter, message));

    public static bool Matches(CorrelationFilterDefinition filter, AmqpMessage message)
    {
        var properties = (message.Sections & SectionFlag.Properties) != 0 ? message.Properties : null;
        return Same(filter.CorrelationId, properties?.CorrelationId?.ToString())
            && Same(filter.MessageId, properties?.MessageId?.ToString())
            && Same(filter.To, properties?.To?.ToString())
            && Same(filter.ReplyTo, properties?.ReplyTo?.ToString())
            && Same(filter.Subject, properties?.Subject)
            && Same(filter.SessionId, properties?.GroupId)
            && Same(filter.ReplyToSessionId, properties?.ReplyToGroupId)
            && Same(filter.ContentType, properties?.ContentType.Value)
            && filter.ApplicationProperties.All(pair => ApplicationProperty(message, pair.Key) is string value && string.Equals(value, pair.Value, StringComparison.Ordinal));
    }

    private static bool Same(string? wanted, string? actual) => wanted is null || string.Equals(wanted, actual, StringComparison.Ordinal);

    private static object? ApplicationProperty(AmqpMessage message, string name) =>
        (message.Sections & SectionFlag.ApplicationProperties) != 0 && message.ApplicationProperties.Map.TryGetValue<object>(name, out var value) ? value : null;
}
