using System.Globalization;
using System.Text;

namespace CreditOS.Integration.Worker.Dataverse;

/// <summary>
/// Builds alternate-key segments: cos_payments(cos_sourcesystem='SAP',cos_erpid='4711'),
/// salesorders(cos_channel=412500001,cos_channelorderref='W-1'). Values are OData literals made with
/// <see cref="Text"/> or <see cref="Number"/>.
/// </summary>
public static class ODataKey
{
    /// <summary>
    /// Microsoft documents that GET and PATCH by alternate key do not work when a key value contains any of these,
    /// even percent-encoded; such a value cannot be used as a key and must be refused before it is sent.
    /// </summary>
    public static readonly char[] ReservedCharacters = ['/', '#', '<', '>', '*', '%', '&', ':', '\\', '?', '+'];

    /// <remarks>
    /// No key values, or a column given twice, is refused before sending: <c>accounts()</c> addresses the whole entity set, and
    /// Dataverse's OData URI parser answers a key naming a column twice with 400 "Bad Request - Error in query syntax."
    /// (SegmentArgumentParser, "Duplicate name"; local-dataverse README, "Web API round 15 (session 23)").
    /// </remarks>
    public static string For(string entitySet, params (string Column, string Literal)[] keyValues)
    {
        ArgumentException.ThrowIfNullOrEmpty(entitySet);
        ArgumentNullException.ThrowIfNull(keyValues);
        if (keyValues.Length == 0)
        {
            throw new ArgumentException($"An alternate key of {entitySet} needs at least one column.", nameof(keyValues));
        }

        var repeated = keyValues.GroupBy(pair => pair.Column, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (repeated is not null)
        {
            throw new ArgumentException($"The alternate key of {entitySet} names '{repeated.Key}' {repeated.Count()} times; Dataverse refuses a key naming a column twice.", nameof(keyValues));
        }

        var builder = new StringBuilder(entitySet).Append('(');
        for (var index = 0; index < keyValues.Length; index++)
        {
            if (index > 0)
            {
                builder.Append(',');
            }

            builder.Append(keyValues[index].Column).Append('=').Append(keyValues[index].Literal);
        }

        return builder.Append(')').ToString();
    }

    /// <summary>An OData string literal: quotes doubled, then escaped for a URL path. Refuses the reserved characters.</summary>
    public static string Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (ReservedCharacter(value) is { } reserved)
        {
            throw new ArgumentException($"The key value '{value}' contains '{reserved}', which Dataverse cannot resolve in an alternate key.", nameof(value));
        }

        return StringLiteral(value);
    }

    /// <summary>An OData string literal for a URL ($filter values may hold any character): quotes doubled, then escaped.</summary>
    public static string StringLiteral(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + Uri.EscapeDataString(value.Replace("'", "''", StringComparison.Ordinal)) + "'";
    }

    /// <summary>
    /// A value of a query function's PropertyValues array for a URL: a JSON string ("…", backslash and double quote escaped, so an
    /// apostrophe needs nothing: ["OBrian","O'Brian"], Filter rows using OData, "Dataverse query functions"), then escaped.
    /// </summary>
    public static string JsonStringValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Uri.EscapeDataString("\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");
    }

    /// <summary>A whole-number literal (a choice value in a key).</summary>
    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The first reserved character in the value, or null when it may be used in an alternate key.</summary>
    public static char? ReservedCharacter(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var index = value.IndexOfAny(ReservedCharacters);
        return index < 0 ? null : value[index];
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
