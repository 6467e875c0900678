using System.Globalization;
using CreditOS.LocalDataverse.Faults;
using CreditOS.Solution.Metadata;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// Date values as the Web API reads them: Edm.Date (2026-11-20) or Edm.DateTimeOffset in ISO 8601 with an offset
/// (2026-11-20T10:00:00Z, 2026-11-20T10:00:00.123+01:00). Anything else DateTime.Parse would guess at
/// (11/20/2026, "20 Nov 2026", a time without offset) is refused, as Dataverse's OData reader refuses it.
/// </summary>
public static class EdmDate
{
    /// <summary>Edm.Date as the Web API writes and reads a DateOnly column.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    private static readonly string[] Formats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    private static readonly string[] NoOffsetFormats =
    [
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
    ];

    /// <param name="submitted">
    /// A column value in a request body. "Submitting through the API … Original Value: 4/4/2021T12:00:00 or 4/4/2021T12:00:00Z – no
    /// offset or UTC indicator provided … No UI calculation is done on submission from OData APIs, so the value is stored as
    /// 4/4/2021T12:00:00Z" (Behavior and format of the date and time column, "Using OData APIs to submit user local date and time
    /// values", learn.microsoft.com/power-apps/developer/data-platform/behavior-format-date-time-attribute): an ISO 8601 date-time
    /// without an offset is taken as UTC (session 16; it was refused). Only the ISO form: "11/20/2026" stays refused. URL literals
    /// ($filter, keys) and action parameters keep requiring the offset: the page speaks of submitted values only.
    /// </param>
    public static DateTime Parse(string text, string property, bool submitted = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var dateOnly = text.Length == "yyyy-MM-dd".Length;
        var hasOffset = text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (submitted && !dateOnly && !hasOffset
            && DateTime.TryParseExact(text, NoOffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var unspecified))
        {
            return DateTime.SpecifyKind(unspecified, DateTimeKind.Utc);
        }

        if ((dateOnly || hasOffset)
            && DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value.UtcDateTime;
        }

        throw DataverseFault.InvalidArgument(
            $"Cannot convert the literal '{text}' to the expected type 'Edm.DateTimeOffset' for the property '{property}': use yyyy-MM-dd or yyyy-MM-ddTHH:mm:ssZ (ISO 8601 with an offset).");
    }

    /// <summary>
    /// A date-time literal for <paramref name="column"/> by its behaviour: DateOnly an Edm.Date (<see cref="ParseDate"/>), UserLocal an
    /// Edm.DateTimeOffset converted to UTC (<see cref="Parse"/>). TimeZoneIndependent is an Edm.DateTimeOffset too, but "no time zone
    /// conversion is performed" for it (Behavior and format of the date and time column): its wall clock is sent with <c>Z</c>, as the
    /// Web API returns it. A non-zero offset (<c>10:00:00+02:00</c>) was converted to 08:00Z, a conversion the column does not make;
    /// whether Dataverse keeps 10:00 or converts is not documented, so it is refused as not implemented (session 27).
    /// </summary>
    public static DateTime ParseFor(ColumnDefinition column, string text, bool submitted = false)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(text);
        if (column.DateTimeBehavior == DateTimeBehavior.DateOnly)
        {
            return ParseDate(text, column.LogicalName);
        }

        if (column.DateTimeBehavior == DateTimeBehavior.TimeZoneIndependent
            && DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var given)
            && given.Offset != TimeSpan.Zero)
        {
            throw DataverseFault.NotImplemented(
                $"the date-time '{text}' for the TimeZoneIndependent column '{column.LogicalName}': Dataverse performs no time zone conversion for such a column, and whether it keeps the date and time as written or converts the offset is not documented. Send the date and time with Z (yyyy-MM-ddTHH:mm:ssZ), as the Web API returns them");
        }

        return Parse(text, column.LogicalName, submitted);
    }

    /// <summary>
    /// A stored moment as the UTC instant the Web API writes with Z. A DateOnly value is kept without time zone (Kind
    /// Unspecified, as the organization service returns it): its midnight is read as UTC, never as this machine's local time.
    /// </summary>
    public static DateTime AsUtc(DateTime moment) =>
        moment.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(moment, DateTimeKind.Utc) : moment.ToUniversalTime();

    /// <summary>
    /// A DateOnly column is an Edm.Date property in Dataverse's CSDL: only yyyy-MM-dd converts; a date-time, even at
    /// midnight UTC, is refused as OData refuses it ("Behavior and format of the date and time column").
    /// </summary>
    public static DateTime ParseDate(string text, string property)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (DateTime.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return DateTime.SpecifyKind(date, DateTimeKind.Utc);
        }

        throw DataverseFault.Create(
            WebApiErrorCodes.ODataPayloadError,
            $"Cannot convert the literal '{text}' to the expected type 'Edm.Date'. The property '{property}' is a date only column: give yyyy-MM-dd.");
    }
}
