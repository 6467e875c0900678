using System.Globalization;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Bureau;

/// <summary>
/// The bureau events a report answers, as the worker writes them into <c>cos_bureaureport.cos_events</c>: one event
/// per line, tab-separated: event id, criterion (the <see cref="BureauChangeCriterion"/> name), rule code, previous
/// value, new value, event time (ISO 8601, UTC). A line that does not read is refused: no change is half-recorded.
/// </summary>
public static class BureauEventLines
{
    public const int FieldCount = 6;

    public static IReadOnlyList<BureauEventLine> Parse(string? text)
    {
        var events = new List<BureauEventLine>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return events;
        }

        var number = 0;
        foreach (var line in text!.Split(['\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            number++;
            var fields = line.TrimEnd('\r').Split('\t');
            if (fields.Length != FieldCount
                || fields[0].Length == 0
                || !Enum.TryParse<BureauChangeCriterion>(fields[1], out var criterion)
                || !DateTime.TryParse(fields[5], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var changedOn))
            {
                throw new InvalidPluginExecutionException(
                    $"Line {number} of the report's bureau events does not read as event id, criterion, rule, previous value, new value, time (tab-separated): '{line}'. The report is not stored.");
            }

            events.Add(new BureauEventLine(fields[0], criterion, fields[2], Empty(fields[3]), Empty(fields[4]), changedOn));
        }

        return events;
    }

    private static string? Empty(string value) => value.Length == 0 ? null : value;
}

/// <summary>One bureau notification event: a criterion of the company changed.</summary>
public sealed record BureauEventLine(string EventId, BureauChangeCriterion Criterion, string RuleCode, string? PreviousValue, string? NewValue, DateTime ChangedOn);
