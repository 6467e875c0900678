using System.Globalization;
using System.Text.RegularExpressions;

namespace CreditOS.Cli.Configuration;

/// <summary>A typed value checked against its column: the change text's canonical value (null: clear it), or the error.</summary>
public sealed record CheckedValue(string? Canonical, string? Error)
{
    public bool IsValid => Error is null;
}

/// <summary>
/// The one C# home for checking what a person typed for a configuration column before it is proposed (session 24), and for
/// showing a canonical value in labels. The rules and wording are the configuration change page's (definitions.js, session 23):
/// numbers with "." for decimals (commas or spaces between groups of three read as thousands separators), no more decimal places
/// than the column keeps (a money column its currency's when its precision source says so), within the column's minimum and
/// maximum; text within its length; choices and yes/no by label (or the value itself); lookups by the target row's primary name
/// (or id), ambiguous names refused; "(clear)" clears. The canonical form is <c>ConfigurationChanges.Canonical</c>'s: numbers
/// invariant with at least two decimals, whole numbers plain, yes/no, a choice's number, a row id, a line break as \n. The server
/// checks every value again (the guard); this check only says it first, with the figures.
/// </summary>
public static partial class ColumnValues
{
    public const string Clear = "(clear)";

    /// <summary>The decimal places the column keeps (money by its precision source; 2 when the definition says nothing).</summary>
    public static int Places(ColumnDefinition column, int? currencyPrecision)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (column.Kind == ColumnKind.WholeNumber)
        {
            return 0;
        }

        return column.Kind == ColumnKind.Money && column.PrecisionSource == 2 && currencyPrecision is { } currency ? currency : column.Precision ?? 2;
    }

    /// <summary>What a person typed, checked; <paramref name="lookupRows"/> are the target rows (id, primary name) of a lookup.</summary>
    public static CheckedValue Check(ColumnDefinition column, string typed, int? currencyPrecision = null, IReadOnlyList<ColumnOption>? lookupRows = null)
    {
        ArgumentNullException.ThrowIfNull(column);
        var text = (typed ?? string.Empty).Trim();
        if (string.Equals(text, Clear, StringComparison.OrdinalIgnoreCase) || text.Length == 0)
        {
            return new CheckedValue(null, null);
        }

        return column.Kind switch
        {
            ColumnKind.Text => column.MaxLength is { } most && text.Length > most
                ? new CheckedValue(null, $"{column.Label}: {text.Length} characters; this column holds at most {most}.")
                : new CheckedValue(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal), null),
            ColumnKind.WholeNumber or ColumnKind.Decimal or ColumnKind.Money => Number(column, text, currencyPrecision),
            ColumnKind.YesNo or ColumnKind.Choice => Pick(column, text, column.Options, "a choice of this column"),
            ColumnKind.Lookup => Pick(column, text, lookupRows ?? [], "a row of " + string.Join(" or ", column.Targets)),
            _ => new CheckedValue(null, $"{column.Label}: this column's type is not edited by a configuration change."),
        };
    }

    /// <summary>A canonical value as a person reads it: numbers with the column's places, a choice's label, a row's name.</summary>
    public static string Display(ColumnDefinition column, string? canonical, int? currencyPrecision = null, IReadOnlyList<ColumnOption>? lookupRows = null)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (canonical is null)
        {
            return "(none)";
        }

        switch (column.Kind)
        {
            case ColumnKind.WholeNumber:
            case ColumnKind.Decimal:
            case ColumnKind.Money:
                return decimal.TryParse(canonical, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
                    ? Shown(number, Places(column, currencyPrecision))
                    : canonical;
            case ColumnKind.YesNo:
            case ColumnKind.Choice:
                return column.Options.FirstOrDefault(o => o.Value == canonical)?.Label ?? canonical + " (not a choice of this column)";
            case ColumnKind.Lookup:
                return lookupRows?.FirstOrDefault(r => string.Equals(r.Value, canonical, StringComparison.OrdinalIgnoreCase))?.Label
                    ?? "(a row that no longer exists: " + canonical + ")";
            default:
                return canonical;
        }
    }

    /// <summary>What the column takes, as the page's hint under a field says it.</summary>
    public static string Hint(ColumnDefinition column, int? currencyPrecision = null)
    {
        ArgumentNullException.ThrowIfNull(column);
        switch (column.Kind)
        {
            case ColumnKind.WholeNumber:
            case ColumnKind.Decimal:
            case ColumnKind.Money:
                var keeps = Places(column, currencyPrecision);
                var range = column.Min is { } min && column.Max is { } max ? "from " + Shown(min, keeps) + " to " + Shown(max, keeps)
                    : column.Min is { } least ? "at least " + Shown(least, keeps)
                    : column.Max is { } most ? "at most " + Shown(most, keeps) : "any amount";
                return (keeps == 0 ? "A whole number " : "A number with up to " + keeps + " decimal place" + (keeps == 1 ? "" : "s") + ", ") + range + ".";
            case ColumnKind.Text:
                return column.MaxLength is { } length ? "Up to " + length + " characters." : string.Empty;
            case ColumnKind.YesNo:
            case ColumnKind.Choice:
                return "One of: " + string.Join(", ", column.Options.Select(o => o.Label)) + ".";
            case ColumnKind.Lookup:
                return "A row of " + string.Join(" or ", column.Targets) + " by its name.";
            default:
                return string.Empty;
        }
    }

    private static CheckedValue Number(ColumnDefinition column, string text, int? currencyPrecision)
    {
        var bare = Grouped().IsMatch(text) ? text.Replace(",", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal) : text;
        if (!Plain().IsMatch(bare))
        {
            return new CheckedValue(null, $"{column.Label}: '{text}' is not a number (digits, with '.' before decimals).");
        }

        var parts = bare.Split('.');
        var decimals = parts.Length > 1 ? parts[1].Length : 0;
        var keeps = Places(column, currencyPrecision);
        if (decimals > keeps)
        {
            return new CheckedValue(null, $"{column.Label}: {text} has {decimals} decimal place{(decimals == 1 ? "" : "s")}; this column "
                + (keeps == 0 ? "takes whole numbers" : "keeps " + keeps) + ".");
        }

        var value = decimal.Parse(bare, NumberStyles.Number, CultureInfo.InvariantCulture);
        if (column.Min is { } min && value < min)
        {
            return new CheckedValue(null, $"{column.Label}: {Shown(value, keeps)} is below the minimum {Shown(min, keeps)}.");
        }

        if (column.Max is { } max && value > max)
        {
            return new CheckedValue(null, $"{column.Label}: {Shown(value, keeps)} is above the maximum {Shown(max, keeps)}.");
        }

        return new CheckedValue(
            column.Kind == ColumnKind.WholeNumber ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.00##########", CultureInfo.InvariantCulture),
            null);
    }

    private static CheckedValue Pick(ColumnDefinition column, string text, IReadOnlyList<ColumnOption> options, string what)
    {
        var byLabel = options.Where(o => string.Equals(o.Label, text, StringComparison.OrdinalIgnoreCase)).ToList();
        if (byLabel.Count > 1)
        {
            return new CheckedValue(null, $"{column.Label}: '{text}' names {byLabel.Count} rows; give the row's id instead ({string.Join(", ", byLabel.Select(o => o.Value))}).");
        }

        var found = byLabel.FirstOrDefault() ?? options.FirstOrDefault(o => string.Equals(o.Value, text, StringComparison.OrdinalIgnoreCase));
        return found is not null
            ? new CheckedValue(found.Value, null)
            : new CheckedValue(null, $"{column.Label}: '{text}' is not {what}; it takes {Listed(options)}.");
    }

    private static string Listed(IReadOnlyList<ColumnOption> options) =>
        options.Count == 0 ? "none here" : string.Join(", ", options.Take(12).Select(o => o.Label)) + (options.Count > 12 ? ", …" : string.Empty);

    private static string Shown(decimal value, int places) =>
        value.ToString("#,0" + (places > 0 ? "." + new string('0', places) : string.Empty), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^-?\d{1,3}([, ]\d{3})+(\.\d+)?$")]
    private static partial Regex Grouped();

    [GeneratedRegex(@"^-?\d+(\.\d+)?$")]
    private static partial Regex Plain();
}
