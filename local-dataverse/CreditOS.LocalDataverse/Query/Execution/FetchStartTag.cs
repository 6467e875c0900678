using System.Text.RegularExpressions;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// The FetchXML text without the paging attributes of its <c>fetch</c> start tag, read as text: the aggregate cache keys
/// every aggregate query on it, and parsing and re-serializing the whole document for that allocated more than the
/// query itself. Only the start tag is touched (paging attributes exist nowhere else); any text this reader is not sure
/// of (a declaration, a comment, an unterminated tag) answers null and the caller parses the document instead.
/// </summary>
internal static partial class FetchStartTag
{
    public static string? WithoutPaging(string fetchXml)
    {
        var start = 0;
        while (start < fetchXml.Length && char.IsWhiteSpace(fetchXml[start]))
        {
            start++;
        }

        if (string.CompareOrdinal(fetchXml, start, "<fetch", 0, 6) != 0 || start + 6 >= fetchXml.Length
            || !(char.IsWhiteSpace(fetchXml[start + 6]) || fetchXml[start + 6] is '>' or '/'))
        {
            return null;
        }

        var end = EndOfStartTag(fetchXml, start + 6);
        if (end < 0)
        {
            return null;
        }

        if (fetchXml.IndexOf("pag", start, end - start, StringComparison.Ordinal) < 0)
        {
            // No "page" and no "paging-cookie" anywhere in the start tag (the plug-ins' aggregates): nothing to strip, no regex.
            return start == 0 ? fetchXml : fetchXml[start..];
        }

        var tag = fetchXml[start..(end + 1)];
        // Every attribute is matched whole, value included, so text inside another attribute's value is never taken for one.
        var stripped = Attribute().Replace(tag, match => match.Groups["name"].Value is "page" or "paging-cookie" ? string.Empty : match.Value);
        return stripped.Length == tag.Length && start == 0 ? fetchXml : stripped + fetchXml[(end + 1)..];
    }

    /// <summary>The index of the start tag's closing '>', skipping quoted attribute values; -1 when there is none.</summary>
    private static int EndOfStartTag(string text, int from)
    {
        char? quote = null;
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is { } open)
            {
                if (c == open)
                {
                    quote = null;
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '<')
            {
                return -1;
            }
            else if (c == '>')
            {
                return i;
            }
        }

        return -1;
    }

    [GeneratedRegex("""\s+(?<name>[\w.:-]+)\s*=\s*(?:"[^"]*"|'[^']*')""", RegexOptions.CultureInvariant)]
    private static partial Regex Attribute();
}
