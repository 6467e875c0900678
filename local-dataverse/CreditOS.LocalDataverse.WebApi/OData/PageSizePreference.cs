using System.Globalization;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// The <c>Prefer: odata.maxpagesize=N</c> preference ("Page results using OData", webapi/query/page-results): "you can specify a max
/// page size up to 5,000. The service ignores max page size requests larger than 5,000". Web API round 10 (session 18): a larger
/// size answered 501 and a size that is not a positive integer (0, -1, "ten") was ignored; the first is now ignored as documented
/// (pages of 5,000, no Preference-Applied), the second refused (OData's preference value is a positive integer).
/// </summary>
public static class PageSizePreference
{
    public const string Name = "odata.maxpagesize";

    /// <summary>The largest page Dataverse applies.</summary>
    public const int Largest = 5_000;

    /// <summary>The page size asked and applied (1 to 5,000), or null when none is asked or the size asked is ignored (over 5,000).</summary>
    public static int? Applied(WebApiRequest request) => Asked(request) is { } asked && asked <= Largest ? asked : null;

    /// <summary>A page size over 5,000 was asked: Dataverse ignores it.</summary>
    public static bool Ignored(WebApiRequest request) => Asked(request) > Largest;

    /// <summary>
    /// 400 for an odata.maxpagesize value that is not a positive integer: "The value of the odata.maxpagesize preference is a positive
    /// integer" (OData Version 4.0 Part 1: Protocol, 8.2.8.3 "Preference odata.maxpagesize"). Microsoft publishes no wording for it;
    /// the code is the one this host gives the OData request errors whose code is not published (0x80060888) and the message is ours.
    /// </summary>
    public static WebApiResult? Refusal(WebApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Value(request) is { } value && !IsPositive(value)
            ? WebApiResult.Error(400, WebApiErrorCodes.ODataPayloadError,
                $"The Prefer header's {Name} value '{value}' is not valid: a page size is a positive integer (1 to {Largest.ToString("N0", CultureInfo.InvariantCulture)} rows; larger sizes are ignored).")
            : null;
    }

    private static int? Asked(WebApiRequest request) =>
        Value(request) is { } value && IsPositive(value) ? int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture) : null;

    private static bool IsPositive(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0;

    /// <summary>The value given to odata.maxpagesize (preference names are case-insensitive, RFC 7240 section 2), or null.</summary>
    private static string? Value(WebApiRequest request)
    {
        if (request.Header("Prefer") is not { } prefer)
        {
            return null;
        }

        foreach (var preference in prefer.Split(',', StringSplitOptions.TrimEntries))
        {
            var parts = preference.Split('=', 2, StringSplitOptions.TrimEntries);
            if (string.Equals(parts[0], Name, StringComparison.OrdinalIgnoreCase))
            {
                return parts.Length == 2 ? parts[1].Trim('"') : string.Empty;
            }
        }

        return null;
    }
}
