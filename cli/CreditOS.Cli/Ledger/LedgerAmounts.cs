using System.Globalization;
using System.Text;
using CreditOS.CreditEngine.Backtesting;

namespace CreditOS.Cli.Ledger;

/// <summary>
/// Reads the amounts of one ledger file as exports write them: a currency symbol or ISO code before or after the figure
/// (<c>$1,234.50</c>, <c>1.234,50 EUR</c>), thousands grouped by commas, dots, spaces or apostrophes, negatives with a
/// leading or trailing minus (SAP writes <c>120.00-</c>) or in parentheses. Which mark is the decimal one is learned
/// from the whole file, as <see cref="LedgerDates"/> learns the date order: a file whose amounts show both a decimal dot
/// (<c>1,234.50</c>, <c>12.5</c>) and a decimal comma (<c>1.234,50</c>, <c>12,5</c>) is refused naming both lines, and
/// a file where the only marks are single separators before exactly three digits (<c>1,234</c>: a thousand, or one
/// and a quarter?) is refused rather than guessed at.
/// </summary>
public sealed class LedgerAmounts
{
    private readonly char _decimal;

    private LedgerAmounts(char decimalMark) => _decimal = decimalMark;

    /// <summary>The decimal mark the file uses: '.' or ','.</summary>
    public char DecimalMark => _decimal;

    /// <summary>Learns the file's decimal mark from every amount field it holds.</summary>
    public static LedgerAmounts Learn(IEnumerable<(string Text, int Line)> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        (string Text, int Line)? dotWitness = null;
        (string Text, int Line)? commaWitness = null;
        (string Text, int Line)? unsure = null;
        foreach (var field in fields)
        {
            var figure = Figure(field.Text);
            switch (DecimalMarkShown(figure))
            {
                case '.':
                    dotWitness ??= field;
                    break;
                case ',':
                    commaWitness ??= field;
                    break;
                case '?':
                    unsure ??= field;
                    break;
            }
        }

        if (dotWitness is { } dot && commaWitness is { } comma)
        {
            throw new BacktestFormatException(
                comma.Line,
                "the amount '" + comma.Text + "' has a decimal comma, but line " + dot.Line.ToString(CultureInfo.InvariantCulture) + "'s '" + dot.Text + "' a decimal point; write every amount one way.");
        }

        if (dotWitness is null && commaWitness is null && unsure is { } ambiguous)
        {
            throw new BacktestFormatException(
                ambiguous.Line,
                "the amount '" + ambiguous.Text + "' could be read with a thousands separator or a decimal mark, and no amount in the file tells which; write amounts with a dot for decimals and no thousands separator.");
        }

        return new LedgerAmounts(commaWitness is null ? '.' : ',');
    }

    /// <summary>The amount <paramref name="text"/> stands for, or null when it is not an amount.</summary>
    public decimal? Read(string text)
    {
        var figure = Figure(text);
        var negative = false;
        if (figure.StartsWith('(') && figure.EndsWith(')'))
        {
            negative = true;
            figure = figure[1..^1].Trim();
        }

        if (figure.EndsWith('-'))
        {
            negative = !negative;
            figure = figure[..^1].Trim();
        }
        else if (figure.StartsWith('-'))
        {
            negative = !negative;
            figure = figure[1..].Trim();
        }
        else if (figure.StartsWith('+'))
        {
            figure = figure[1..].Trim();
        }

        figure = Figure(figure);
        if (figure.Length == 0 || !char.IsDigit(figure[0]) && figure[0] != _decimal)
        {
            return null;
        }

        var grouping = _decimal == '.' ? ',' : '.';
        var plain = new StringBuilder(figure.Length);
        var decimals = -1;
        foreach (var c in figure)
        {
            if (char.IsDigit(c))
            {
                plain.Append(c);
                if (decimals >= 0)
                {
                    decimals++;
                }
            }
            else if (c == _decimal && decimals < 0)
            {
                plain.Append('.');
                decimals = 0;
            }
            else if ((c == grouping || IsSpaceGroup(c)) && decimals < 0)
            {
                continue;
            }
            else
            {
                return null;
            }
        }

        return decimal.TryParse(plain.ToString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? negative ? -value : value
            : null;
    }

    /// <summary>The figure without a currency symbol or code around it (<c>$</c>, <c>€</c>, <c>USD1,234.56</c>, <c>12,00 EUR</c>, <c>Fr.</c>).</summary>
    private static string Figure(string text)
    {
        var figure = new string([.. text.Trim().Where(c => char.GetUnicodeCategory(c) != UnicodeCategory.CurrencySymbol)]).Replace("CHF", string.Empty, StringComparison.Ordinal).Trim();
        if (figure.StartsWith("Fr.", StringComparison.Ordinal))
        {
            figure = figure[3..].Trim();
        }

        // An ISO code before or after the figure, with or without a space (USD1,234.56; 1.234,56EUR).
        var sign = figure.StartsWith('-') || figure.StartsWith('(') ? figure[..1] : string.Empty;
        var rest = figure[sign.Length..].TrimStart();
        if (rest.Length > 3 && IsCurrencyCode(rest[..3]) && !char.IsLetter(rest[3]))
        {
            figure = sign + rest[3..].Trim();
        }

        if (figure.Length > 3 && IsCurrencyCode(figure[^3..]) && !char.IsLetter(figure[^4]))
        {
            figure = figure[..^3];
        }

        return figure.Trim();
    }

    private static bool IsCurrencyCode(string text) => text.All(c => c is >= 'A' and <= 'Z');

    private static bool IsSpaceGroup(char c) => c is ' ' or '\u00A0' or '\u202F' or '\'';

    /// <summary>'.' or ',' when the figure shows its decimal mark, '?' when it could be either, '\0' when it shows none.</summary>
    private static char DecimalMarkShown(string figure)
    {
        var lastDot = figure.LastIndexOf('.');
        var lastComma = figure.LastIndexOf(',');
        if (lastDot >= 0 && lastComma >= 0)
        {
            return lastDot > lastComma ? '.' : ',';
        }

        var last = Math.Max(lastDot, lastComma);
        if (last < 0)
        {
            return '\0';
        }

        var mark = figure[last];
        var digitsAfter = figure[(last + 1)..].TakeWhile(char.IsDigit).Count();
        var marks = figure.Count(c => c == mark);
        if (marks > 1)
        {
            // 1,234,567 or 1.234.567: the repeated mark groups thousands, so the other one is the decimal mark.
            return mark == '.' ? ',' : '.';
        }

        return digitsAfter == 3 ? '?' : mark;
    }
}
