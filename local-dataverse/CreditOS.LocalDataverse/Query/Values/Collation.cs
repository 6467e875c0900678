using System.Globalization;
using System.Text;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// String comparison as Dataverse's default database collation (Latin1_General_CI_AI) does it:
/// case- and accent-insensitive, trailing spaces ignored in comparisons.
/// </summary>
internal static class Collation
{
    private const CompareOptions Options =
        CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace | CompareOptions.IgnoreKanaType | CompareOptions.IgnoreWidth;

    private static readonly CompareInfo Comparer = CultureInfo.InvariantCulture.CompareInfo;

    public static int Compare(string left, string right) =>
        Comparer.Compare(left.TrimEnd(' '), right.TrimEnd(' '), Options);

    public static bool AreEqual(string left, string right) => Compare(left, right) == 0;

    /// <summary>A form in which equal strings are identical: used for hashing (joins, grouping) and LIKE matching.</summary>
    public static string Fold(string value)
    {
        // ASCII (ids, codes, most names) has nothing to decompose and no marks: its fold is its upper case, and an ASCII
        // string with no lower-case letter is its own fold (no copy; the query engine folds every compared text value).
        var lower = false;
        var ascii = true;
        foreach (var character in value)
        {
            if (character >= 0x80)
            {
                ascii = false;
                break;
            }

            lower |= character is >= 'a' and <= 'z';
        }

        if (ascii)
        {
            return lower ? value.ToUpperInvariant() : value;
        }

        var decomposed = value.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var character in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(character) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(char.ToUpperInvariant(character));
            }
        }

        return folded.ToString();
    }

    /// <summary>Whether every character is ASCII (whose fold is its upper case).</summary>
    public static bool IsAscii(string value)
    {
        foreach (var character in value)
        {
            if (character >= 0x80)
            {
                return false;
            }
        }

        return true;
    }

    public static string FoldForEquality(string value) => Fold(value.TrimEnd(' '));
}
