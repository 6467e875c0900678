using System.Globalization;

namespace CreditOS.Cli.Ledger;

/// <summary>
/// Reads the dates of one ledger file. ISO dates (<c>yyyy-MM-dd</c>, with or without a time) are read as they are.
/// Dates written with slashes, dots or dashes and the year last (<c>1/2/2013</c>, <c>02.01.2013</c>) are read in the one
/// order the whole file shows: month first if some date's second part is above 12, day first if some date's first part
/// is; a file where neither shows (every part 12 or less) is refused rather than guessed at, because 01/02/2013 would
/// be 2 January in one country and 1 February in another and every day late would be wrong.
/// </summary>
public sealed class LedgerDates
{
    private static readonly string[] IsoFormats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK"];
    private static readonly char[] Separators = ['/', '.', '-'];
    private readonly bool? _dayFirst;

    private LedgerDates(bool? dayFirst) => _dayFirst = dayFirst;

    /// <summary>How the file writes its year-last dates: "day first", "month first" or "ISO" when it has none.</summary>
    public string Order => _dayFirst switch { true => "day first", false => "month first", null => "ISO" };

    /// <summary>Learns the file's date order from every date field it holds (empty fields and ISO dates tell nothing).</summary>
    public static LedgerDates Learn(IEnumerable<(string Text, int Line)> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        (string Text, int Line)? monthFirstWitness = null;
        (string Text, int Line)? dayFirstWitness = null;
        (string Text, int Line)? ambiguous = null;
        foreach (var field in fields)
        {
            if (YearLastParts(field.Text) is not { } parts)
            {
                continue;
            }

            if (parts.Second > 12)
            {
                monthFirstWitness ??= field;
            }
            else if (parts.First > 12)
            {
                dayFirstWitness ??= field;
            }
            else
            {
                ambiguous ??= field;
            }
        }

        if (monthFirstWitness is { } month && dayFirstWitness is { } day)
        {
            throw new CreditOS.CreditEngine.Backtesting.BacktestFormatException(
                day.Line,
                "the date '" + day.Text + "' is written day first, but line " + month.Line.ToString(CultureInfo.InvariantCulture) + "'s '" + month.Text + "' month first; write every date one way (yyyy-MM-dd is safest).");
        }

        if (monthFirstWitness is not null || dayFirstWitness is not null)
        {
            return new LedgerDates(dayFirstWitness is not null);
        }

        if (ambiguous is { } unsure)
        {
            throw new CreditOS.CreditEngine.Backtesting.BacktestFormatException(
                unsure.Line,
                "the date '" + unsure.Text + "' could be read day first or month first, and no date in the file has a day above 12 to tell which; write the dates as yyyy-MM-dd.");
        }

        return new LedgerDates(null);
    }

    /// <summary>The date <paramref name="text"/> stands for, or null when it is not a date this file's order can read.</summary>
    public DateTime? Read(string text)
    {
        if (DateTime.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var iso))
        {
            return iso.Date;
        }

        if (_dayFirst is not { } dayFirst || YearLastParts(text) is not { } parts)
        {
            return null;
        }

        var (month, day) = dayFirst ? (parts.Second, parts.First) : (parts.First, parts.Second);
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(parts.Year, month)
            ? new DateTime(parts.Year, month, day, 0, 0, 0, DateTimeKind.Unspecified)
            : null;
    }

    /// <summary>The three numbers of a date written <c>a/b/yyyy</c> (or with dots or dashes, an optional time after a space), or null.</summary>
    private static (int First, int Second, int Year)? YearLastParts(string text)
    {
        var date = text.Trim().Split(' ', 2)[0];
        var parts = date.Split(Separators);
        if (parts.Length != 3 || parts[2].Length != 4 || parts[0].Length is < 1 or > 2 || parts[1].Length is < 1 or > 2)
        {
            return null;
        }

        return int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var second)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && year is >= 1900 and <= 2999
                ? (first, second, year)
                : null;
    }
}
