namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// A URL that goes past a row: <c>{set}(key)/{segment}[(relatedKey)][/{suffix}]</c>, as
/// <c>accounts(…)/contact_customer_accounts/$ref</c>, <c>accounts(…)/opportunity_customer_accounts(…)/$ref</c> (Associate and
/// disassociate table rows using the Web API) or <c>accounts(…)/primarycontactid</c> (Retrieve a table row using the Web API,
/// "Retrieve navigation property values"). Whether the segment is a navigation property or a column is the caller's to decide.
/// </summary>
internal sealed record NavigationPath(string Row, string Segment, string? RelatedKey, string Suffix)
{
    public const string Reference = "$ref";
    public const string Count = "$count";
    public const string Value = "$value";

    /// <summary>The parts of the path, or null when it does not go past a row's key.</summary>
    public static NavigationPath? Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.Trim('/');
        var open = trimmed.IndexOf('(', StringComparison.Ordinal);
        if (open < 0 || trimmed[..open].Contains('/', StringComparison.Ordinal) || Close(trimmed, open) is not { } close
            || close + 1 >= trimmed.Length || trimmed[close + 1] != '/')
        {
            return null;
        }

        var rest = trimmed[(close + 2)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var segment = slash < 0 ? rest : rest[..slash];
        var suffix = slash < 0 ? string.Empty : rest[(slash + 1)..];
        string? relatedKey = null;
        var keyOpen = segment.IndexOf('(', StringComparison.Ordinal);
        if (keyOpen > 0 && segment.EndsWith(')'))
        {
            relatedKey = segment[(keyOpen + 1)..^1];
            segment = segment[..keyOpen];
        }

        return segment.Length == 0 ? null : new NavigationPath(trimmed[..(close + 1)], segment, relatedKey, suffix);
    }

    /// <summary>The parenthesis closing the one at <paramref name="open"/>, quoted key values skipped.</summary>
    private static int? Close(string text, int open)
    {
        var quoted = false;
        for (var index = open + 1; index < text.Length; index++)
        {
            if (text[index] == '\'')
            {
                quoted = !quoted;
            }
            else if (!quoted && text[index] == ')')
            {
                return index;
            }
        }

        return null;
    }
}
