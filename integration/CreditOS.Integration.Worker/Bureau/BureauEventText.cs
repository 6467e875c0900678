using System.Globalization;
using CreditOS.Bureau;

namespace CreditOS.Integration.Worker.Bureau;

/// <summary>
/// The bureau events a report answers, written into <c>cos_bureaureport.cos_events</c> for the report plugin to record as
/// change history (plugins/Dataverse/Credit/Bureau/BureauEventLines reads it): one event per line, tab-separated:
/// event id, criterion, rule code, previous value, new value, event time (ISO 8601 UTC).
/// </summary>
public static class BureauEventText
{
    public static string Format(IEnumerable<BureauNotificationEvent> events) =>
        string.Join("\n", events.Select(item => string.Join('\t', item.EventId, item.Criterion.ToString(), Clean(item.RuleCode), Clean(item.OldValue), Clean(item.NewValue), Time(item.EventDate))));

    /// <summary>What makes two deliveries of one event id the same event (a redelivery with other content is a conflict).</summary>
    public static string Content(BureauNotificationEvent item) =>
        string.Join('|', item.Criterion.ToString(), item.RuleCode, item.OldValue ?? string.Empty, item.NewValue ?? string.Empty, Time(item.EventDate));

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    // Tabs and line breaks would break the line format; the bureau's values never need them.
    private static string Clean(string? value) => (value ?? string.Empty).Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
}
