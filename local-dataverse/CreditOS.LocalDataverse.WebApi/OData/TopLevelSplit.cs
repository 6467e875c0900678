using System.Text;
using CreditOS.LocalDataverse.Faults;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// Splits a query option's text ($expand, $apply) on a separator outside parentheses and quoted literals, the parts trimmed
/// and empty ones dropped: "a($select=x,y),b" on ',' is "a($select=x,y)" and "b".
/// </summary>
internal static class TopLevelSplit
{
    /// <param name="option">The query option the text belongs to ("$expand"), named in the syntax error.</param>
    public static List<string> Split(string text, char separator, string option)
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
            throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError, $"Syntax error in {option} '{text}': unbalanced parentheses or quotes.");
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
}
