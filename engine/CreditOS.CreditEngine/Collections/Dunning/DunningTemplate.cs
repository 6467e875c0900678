using System.Text;

namespace CreditOS.CreditEngine.Collections.Dunning;

/// <summary>
/// The placeholders a dunning template may use, written <c>{{name}}</c>: account, step, date, currency, count, total,
/// items (one line per invoice: number, due date, open amount, days overdue or until due). A placeholder creditOS does
/// not fill, or an unclosed one, is refused with its name: a customer never receives a half-filled letter.
/// </summary>
public static class DunningTemplate
{
    public static readonly IReadOnlyList<string> Placeholders = ["account", "step", "date", "currency", "count", "total", "items"];

    /// <summary>Refuses a template with an unknown or unclosed placeholder (the step row's check on save, and every render).</summary>
    public static void Validate(string? template, string what)
    {
        _ = Render(template, what, Placeholders.ToDictionary(p => p, _ => string.Empty, StringComparer.Ordinal));
    }

    public static string Render(string? template, string what, IReadOnlyDictionary<string, string> values)
    {
        Require.NotNull(values, "The placeholder values");
        if (string.IsNullOrWhiteSpace(template))
        {
            throw new CreditInputException(what + " is empty; write the text of the letter with placeholders such as {{items}}.");
        }

        var text = new StringBuilder(template!.Length + 256);
        var at = 0;
        while (at < template.Length)
        {
            var open = template.IndexOf("{{", at, StringComparison.Ordinal);
            if (open < 0)
            {
                text.Append(template, at, template.Length - at);
                break;
            }

            var close = template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new CreditInputException(what + " has a placeholder opened at character " + open + " and never closed with }}.");
            }

            var name = template.Substring(open + 2, close - open - 2).Trim();
            if (!values.TryGetValue(name, out var value))
            {
                throw new CreditInputException(what + " uses {{" + name + "}}, which creditOS does not fill; the placeholders are " + string.Join(", ", Placeholders.Select(p => "{{" + p + "}}")) + ".");
            }

            text.Append(template, at, open - at).Append(value);
            at = close + 2;
        }

        return text.ToString();
    }
}
