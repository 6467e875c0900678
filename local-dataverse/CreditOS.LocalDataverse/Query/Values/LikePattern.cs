using System.Text;
using System.Text.RegularExpressions;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// SQL Server LIKE patterns as Dataverse passes them through: % any run, _ one character,
/// [abc] / [a-z] / [^abc] character sets; matched under the database collation (case- and accent-insensitive).
/// </summary>
internal sealed class LikePattern
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);
    private readonly Regex _regex;

    private LikePattern(Regex regex) => _regex = regex;

    public static LikePattern Compile(string pattern)
    {
        var folded = Collation.Fold(pattern);
        var expression = new StringBuilder("^");
        for (var index = 0; index < folded.Length; index++)
        {
            var character = folded[index];
            switch (character)
            {
                case '%':
                    expression.Append(".*");
                    break;
                case '_':
                    expression.Append('.');
                    break;
                case '[' when folded.IndexOf(']', index + 1) is var close and > 0:
                    expression.Append(CharacterSet(folded[(index + 1)..close]));
                    index = close;
                    break;
                default:
                    expression.Append(Regex.Escape(character.ToString()));
                    break;
            }
        }

        expression.Append('$');
        return new LikePattern(new Regex(expression.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, MatchTimeout));
    }

    public bool IsMatch(string value) => _regex.IsMatch(Collation.Fold(value));

    private static string CharacterSet(string body)
    {
        var negated = body.StartsWith('^');
        var members = negated ? body[1..] : body;
        var set = new StringBuilder(negated ? "[^" : "[");
        foreach (var character in members)
        {
            set.Append(character == '-' ? "-" : Regex.Escape(character.ToString()));
        }

        return set.Append(']').ToString();
    }
}
