using System.Globalization;
using System.ServiceModel;
using CreditOS.LocalDataverse.Faults;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// The resource part of a Web API URL: an entity set, optionally followed by a key in parentheses, either a
/// GUID (accounts(00000000-…)) or alternate-key values (cos_payments(cos_sourcesystem='SAP',cos_erpid='1')).
/// </summary>
public sealed record ResourcePath(string EntitySet, Guid? Id, IReadOnlyList<KeyValuePair<string, string>> KeyValues)
{
    public bool HasKey => Id is not null || KeyValues.Count > 0;

    /// <summary>The alternate-key columns whose value was written as a quoted string literal ('…') rather than bare.</summary>
    public IReadOnlySet<string> QuotedKeys { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public static ResourcePath Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.Trim('/');
        var open = trimmed.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return new ResourcePath(trimmed, null, []);
        }

        if (!trimmed.EndsWith(')'))
        {
            throw DataverseFault.InvalidArgument($"Resource path '{path}' is not an entity set with a key.");
        }

        var entitySet = trimmed[..open];
        var inside = trimmed[(open + 1)..^1];
        if (Guid.TryParse(inside, out var id))
        {
            return new ResourcePath(entitySet, id, []);
        }

        var quoted = new HashSet<string>(StringComparer.Ordinal);
        return new ResourcePath(entitySet, null, ParseKeyValues(inside, path, quoted)) { QuotedKeys = quoted };
    }

    private static List<KeyValuePair<string, string>> ParseKeyValues(string text, string path, HashSet<string> quoted)
    {
        var values = new List<KeyValuePair<string, string>>();
        var position = 0;
        while (position < text.Length)
        {
            var equals = text.IndexOf('=', position);
            if (equals < 0)
            {
                throw DataverseFault.InvalidArgument($"Key segment of '{path}' is not name=value pairs.");
            }

            var name = text[position..equals].Trim();
            if (!IsIdentifier(name) || values.Exists(pair => pair.Key == name))
            {
                // A key named twice, or a GUID mixed with named values: the OData URI parser's syntax error.
                throw KeySyntaxError();
            }

            position = SkipSpaces(text, equals + 1);
            string value;
            if (position < text.Length && text[position] == '\'')
            {
                var literal = new System.Text.StringBuilder();
                position++;
                while (true)
                {
                    if (position >= text.Length)
                    {
                        throw DataverseFault.InvalidArgument($"Unterminated string in the key of '{path}'.");
                    }

                    if (text[position] == '\'')
                    {
                        if (position + 1 < text.Length && text[position + 1] == '\'')
                        {
                            literal.Append('\'');
                            position += 2;
                            continue;
                        }

                        position++;
                        break;
                    }

                    literal.Append(text[position++]);
                }

                value = literal.ToString();
                quoted.Add(name);
                RefuseReservedCharacters(name, value, path);
                position = SkipSpaces(text, position);
            }
            else
            {
                var end = text.IndexOf(',', position);
                end = end < 0 ? text.Length : end;
                value = text[position..end].Trim();
                position = end;
            }

            values.Add(new KeyValuePair<string, string>(name, value));
            if (position < text.Length && text[position] == ',')
            {
                position++;
                if (SkipSpaces(text, position) == text.Length)
                {
                    throw KeySyntaxError();
                }
            }
        }

        return values;
    }

    /// <summary>
    /// "Bad Request - Error in query syntax." (400, code 0x0 as for the library's other URI errors): what the OData URI parser Dataverse
    /// uses answers when a key segment names a property twice, ends with a comma, or mixes a bare value with named ones
    /// (SegmentArgumentParser.TryParseFromUri returns false: "Duplicate name", "Trailing comma", "We cannot mix named and non-named
    /// values"; ODataPathParser then throws ExceptionUtil.CreateSyntaxError, OData/odata.net). Web API round 15: the local host
    /// took the last of two values, ignored the trailing comma, and answered "no such attribute" for a mix. Spaces around '=' and
    /// ',' are skipped, as the library's lexer does (they were taken into the value, so a quoted key value read as unquoted).
    /// </summary>
    private static FaultException<Microsoft.Xrm.Sdk.OrganizationServiceFault> KeySyntaxError() =>
        DataverseFault.Create(WebApiErrorCodes.UriParserError, "Bad Request - Error in query syntax.");

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');

    private static int SkipSpaces(string text, int position)
    {
        while (position < text.Length && text[position] == ' ')
        {
            position++;
        }

        return position;
    }

    /// <summary>
    /// Microsoft documents that retrieving or updating by an alternate key fails when a key value contains any of
    /// / # &lt; &gt; * % &amp; : \ ? + (the path is decoded once; a value encoded twice stays refused). The local Web API refuses them the same way.
    /// </summary>
    public static readonly char[] ReservedKeyCharacters = ['/', '#', '<', '>', '*', '%', '&', ':', '\\', '?', '+'];

    private static void RefuseReservedCharacters(string name, string value, string path)
    {
        var index = value.IndexOfAny(ReservedKeyCharacters);
        if (index >= 0)
        {
            throw DataverseFault.InvalidArgument(
                $"The alternate key value '{value}' of '{name}' in '{path}' contains '{value[index]}'. Dataverse cannot address a row by an alternate key value containing any of / # < > * % & : \\ ? + ; use the row's id or keep these characters out of key values.");
        }
    }

    public override string ToString() => Id is { } id
        ? string.Create(CultureInfo.InvariantCulture, $"{EntitySet}({id:D})")
        : KeyValues.Count == 0 ? EntitySet : $"{EntitySet}({string.Join(',', KeyValues.Select(pair => QuotedKeys.Contains(pair.Key) ? $"{pair.Key}='{pair.Value.Replace("'", "''", StringComparison.Ordinal)}'" : $"{pair.Key}={pair.Value}"))})";
}
