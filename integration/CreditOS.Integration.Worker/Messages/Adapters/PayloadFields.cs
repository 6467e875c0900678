using System.Globalization;
using System.Text.Json;

namespace CreditOS.Integration.Worker.Messages.Adapters;

/// <summary>Reads typed fields from JSON or text payloads with errors that name the field.</summary>
internal static class PayloadFields
{
    public static JsonElement Root(Transport.InboundMessage message, string? wrapper = null)
    {
        JsonDocument document;
        try
        {
            // A property named twice is ambiguous ({"Amount":"10.00",…,"Amount":"1000.00"}): System.Text.Json would silently
            // take the last, so a payment could post the other figure. Refused as a CSV column named twice is.
            document = JsonDocument.Parse(message.Payload, new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException exception)
        {
            throw new PayloadException($"the body is not valid JSON ({exception.Message})", exception);
        }

        var root = document.RootElement.Clone();
        document.Dispose();
        if (wrapper is null)
        {
            return root.ValueKind == JsonValueKind.Object ? root : throw new PayloadException("the body is not a JSON object");
        }

        return root.ValueKind == JsonValueKind.Object && root.TryGetProperty(wrapper, out var inner) && inner.ValueKind == JsonValueKind.Object
            ? inner
            : throw new PayloadException($"the body has no '{wrapper}' object");
    }

    /// <summary>A string, number or boolean as text; an object or array where a single value belongs is refused (never its JSON text).</summary>
    public static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is not JsonValueKind.Null and not JsonValueKind.Undefined
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Object or JsonValueKind.Array => throw new PayloadException($"field '{name}' is a JSON {value.ValueKind.ToString().ToLowerInvariant()}, not a single value"),
                _ => value.GetRawText(),
            }
            : null;

    public static string RequiredString(JsonElement element, string name) =>
        NonBlank(OptionalString(element, name)) ?? throw new PayloadException($"field '{name}' is missing");

    /// <summary>The ERP's identifier: missing means the record cannot be keyed, a reason of its own.</summary>
    public static string ErpId(string? value, string name) =>
        NonBlank(value) ?? throw new PayloadException(RejectionReasons.MissingErpId, $"the ERP id ('{name}') is missing, so the record cannot be matched to Dataverse");

    public static decimal RequiredDecimal(JsonElement element, string name) => Decimal(RequiredString(element, name), name);

    public static DateOnly RequiredDate(JsonElement element, string name) => Date(RequiredString(element, name), name);

    public static decimal? OptionalDecimal(JsonElement element, string name) =>
        NonBlank(OptionalString(element, name)) is { } text ? Decimal(text, name) : null;

    public static DateOnly? OptionalDate(JsonElement element, string name) =>
        NonBlank(OptionalString(element, name)) is { } text ? Date(text, name) : null;

    public static bool OptionalBool(JsonElement element, string name) =>
        OptionalString(element, name) is { } text && Bool(text, name);

    public static int RequiredInt(JsonElement element, string name) =>
        int.TryParse(RequiredString(element, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new PayloadException($"field '{name}' is not a whole number");

    /// <summary>
    /// Digits with an optional sign and decimal point, nothing else. Thousands separators are refused, not skipped:
    /// NumberStyles.Number reads a European "100,50" as 10050, which would post a hundred times the money.
    /// </summary>
    public static decimal Decimal(string text, string name) =>
        decimal.TryParse(text, PlainNumber, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new PayloadException($"field '{name}' value '{text}' is not a number (digits with an optional '.' and no thousands separator)");

    private const NumberStyles PlainNumber = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    /// <summary>A JSON array, absent, or null (none); any other type is refused rather than read as "none".</summary>
    public static IReadOnlyList<JsonElement> OptionalArray(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return [];
        }

        return value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().ToList()
            : throw new PayloadException($"field '{name}' is a JSON {value.ValueKind.ToString().ToLowerInvariant()}, not an array");
    }

    public static DateOnly Date(string text, string name)
    {
        // ERP exports carry either a plain date or a timestamp; only the date matters here.
        var datePart = text.Length >= 10 ? text[..10] : text;
        return DateOnly.TryParseExact(datePart, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new PayloadException($"field '{name}' value '{text}' is not a date (yyyy-MM-dd)");
    }

    public static bool Bool(string text, string name) => text.Trim().ToUpperInvariant() switch
    {
        "TRUE" or "1" or "YES" or "X" => true,
        "FALSE" or "0" or "NO" or "" => false,
        _ => throw new PayloadException($"field '{name}' value '{text}' is not yes/no"),
    };

    public static string? NonBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
