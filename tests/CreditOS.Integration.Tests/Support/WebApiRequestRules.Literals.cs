using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CreditOS.LocalDataverse.WebApi.OData;
using CreditOS.Solution.Metadata;

namespace CreditOS.Integration.Tests.Support;

/// <summary>The rules on literals: alternate-key values and date values by their column's type (Web API round 10, session 18).</summary>
public sealed partial class WebApiRequestRules
{
    /// <summary>
    /// An alternate key names exactly the columns of one of the table's keys, each value written as its type's literal: "string values
    /// in single quotes, numbers and choices without" (Use an alternate key to reference a record, "accounts(accountnumber='ABC123')",
    /// "salesorders(cos_channel=412500001,…)"), a quote inside a string doubled (OData URL conventions: 'O''Neil'), a date-only column's
    /// value a bare yyyy-MM-dd (Edm.Date), a date and time column's a date-time with offset.
    /// </summary>
    private static void CheckKey(TableDefinition table, string method, string path, ResourcePath resource, List<string> broken)
    {
        if (resource.KeyValues.Count == 0)
        {
            return;
        }

        var named = resource.KeyValues.Select(pair => pair.Key).ToHashSet(StringComparer.Ordinal);
        if (!table.AlternateKeys.Any(key => key.Columns.ToHashSet(StringComparer.Ordinal).SetEquals(named)))
        {
            broken.Add($"{method} {path}: ({string.Join(",", named)}) is not an alternate key of {table.LogicalName} (keys: {string.Join("; ", table.AlternateKeys.Select(key => string.Join(",", key.Columns)))})");
            return;
        }

        foreach (var (name, value) in resource.KeyValues)
        {
            var column = table.FindColumn(name)!;
            var quoted = resource.QuotedKeys.Contains(name);
            var literal = column.Type switch
            {
                ColumnType.String or ColumnType.Memo => quoted ? null : "a quoted string",
                ColumnType.Integer or ColumnType.BigInt or ColumnType.Picklist or ColumnType.State or ColumnType.Status =>
                    !quoted && WholeNumber().IsMatch(value) ? null : "a bare whole number",
                ColumnType.DateTime when column.DateTimeBehavior == DateTimeBehavior.DateOnly => !quoted && EdmDate().IsMatch(value) ? null : "a bare yyyy-MM-dd (Edm.Date)",
                ColumnType.DateTime => !quoted && EdmDateTimeOffset().IsMatch(value) ? null : "a bare date-time with offset",
                ColumnType.Decimal or ColumnType.Money or ColumnType.Double => !quoted && DecimalNumber().IsMatch(value) ? null : "a bare number",
                _ => null,
            };
            if (literal is not null)
            {
                broken.Add($"{method} {path}: the key value of '{name}' ({column.Type}) is {(quoted ? $"'{value}'" : value)}, not {literal}");
            }
        }
    }

    /// <summary>
    /// A body's date values: "yyyy-MM-dd" for a date-only column (Edm.Date), a date-time with offset for a date and time column
    /// (Edm.DateTimeOffset; "Behavior and format of the date and time column"). A date for a date and time column would be read at
    /// midnight UTC, which is another day in a user's time zone west of UTC.
    /// </summary>
    private static void CheckBodyDate(ColumnDefinition column, string method, string path, JsonNode value, List<string> broken)
    {
        var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        var dateOnly = column.DateTimeBehavior == DateTimeBehavior.DateOnly;
        if (!(dateOnly ? EdmDate() : EdmDateTimeOffset()).IsMatch(text))
        {
            broken.Add($"{method} {path}: '{column.LogicalName}' is {(dateOnly ? "date-only" : "a date and time column")}; '{text}' is not {(dateOnly ? "yyyy-MM-dd" : "a date-time with offset")}");
        }
    }

    /// <summary>A date-only column compared in $filter with a date-time: the column is an Edm.Date ("Cannot convert the literal …").</summary>
    private static void CheckFilterDateTimes(TableDefinition table, string path, string filter, List<string> broken)
    {
        foreach (Match comparison in DateTimeComparison().Matches(filter))
        {
            if (table.FindColumn(comparison.Groups["column"].Value) is { Type: ColumnType.DateTime, DateTimeBehavior: DateTimeBehavior.DateOnly } column)
            {
                broken.Add($"GET {path}: $filter compares the date-only column '{column.LogicalName}' with the date-time '{comparison.Groups["value"].Value}'; give yyyy-MM-dd");
            }
        }
    }

    [GeneratedRegex(@"^-?\d+$")]
    private static partial Regex WholeNumber();

    [GeneratedRegex(@"^-?\d+(\.\d+)?$")]
    private static partial Regex DecimalNumber();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex EdmDate();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex EdmDateTimeOffset();

    [GeneratedRegex(@"(?<column>[a-z_0-9]+)\s+(?:eq|ne|gt|ge|lt|le)\s+(?<value>\d{4}-\d{2}-\d{2}T[0-9:.]+(?:Z|[+-]\d{2}:\d{2})?)")]
    private static partial Regex DateTimeComparison();
}
