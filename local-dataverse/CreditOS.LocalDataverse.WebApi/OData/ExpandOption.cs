using System.Text;
using CreditOS.LocalDataverse.Faults;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// One item of $expand: a navigation property and the options in parentheses after it. "Use these options with $expand by adding
/// them in parentheses after the name of the navigation property. Separate each option with a semicolon (;)", several items
/// separated by commas, as in <c>$expand=primarycontactid($select=contactid,fullname),createdby($select=fullname)</c> (Join tables
/// using OData, webapi/query/join-tables). Commas, semicolons and parentheses inside quoted literals and nested options are kept.
/// </summary>
internal sealed record ExpandOption(string Name, IReadOnlyDictionary<string, string> Options, bool IsReference)
{
    public static IReadOnlyList<ExpandOption> Parse(string expand)
    {
        ArgumentNullException.ThrowIfNull(expand);
        var items = new List<ExpandOption>();
        foreach (var item in SplitTopLevel(expand, ','))
        {
            var open = item.IndexOf('(', StringComparison.Ordinal);
            var name = (open < 0 ? item : item[..open]).Trim();
            var options = new Dictionary<string, string>(StringComparer.Ordinal);
            if (open >= 0)
            {
                if (!item.EndsWith(')'))
                {
                    throw Syntax(expand, $"'{item}' does not end with ')'");
                }

                foreach (var option in SplitTopLevel(item[(open + 1)..^1], ';'))
                {
                    var equals = option.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0)
                    {
                        throw Syntax(expand, $"'{option}' is not an option=value pair");
                    }

                    options[option[..equals].Trim()] = option[(equals + 1)..].Trim();
                }
            }

            var isReference = name.EndsWith("/$ref", StringComparison.Ordinal);
            items.Add(new ExpandOption(isReference ? name[..^5] : name, options, isReference));
        }

        return items;
    }

    /// <summary>The text split on <paramref name="separator"/> outside parentheses and quoted literals; empty parts dropped.</summary>
    private static List<string> SplitTopLevel(string text, char separator)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        var quoted = false;
        foreach (var character in text)
        {
            if (character == '\'')
            {
                quoted = !quoted;
            }
            else if (!quoted && character == '(')
            {
                depth++;
            }
            else if (!quoted && character == ')')
            {
                depth--;
            }
            else if (!quoted && depth == 0 && character == separator)
            {
                Add(parts, current);
                continue;
            }

            current.Append(character);
        }

        if (depth != 0 || quoted)
        {
            throw Syntax(text, "unbalanced parentheses or quotes");
        }

        Add(parts, current);
        return parts;
    }

    private static void Add(List<string> parts, StringBuilder current)
    {
        var part = current.ToString().Trim();
        if (part.Length > 0)
        {
            parts.Add(part);
        }

        current.Clear();
    }

    private static Exception Syntax(string expand, string problem) =>
        DataverseFault.Create(WebApiErrorCodes.ODataPayloadError, $"Syntax error in $expand '{expand}': {problem}.");
}
