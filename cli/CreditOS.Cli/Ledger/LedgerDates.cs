using System.Globalization;

namespace CreditOS.Cli.Ledger;

/// <summary>
/// Reads the dates of one ledger file. ISO dates (<c>yyyy-MM-dd</c>, with or without a time) are read as they are.
/// Dates that name their parts are read as they are too: year first with slashes or dots, SAP's <c>yyyyMMdd</c>, month
/// names (<c>02-Jan-2013</c>, <c>Jan 2, 2013</c>). Dates written with slashes, dots or dashes and the year last
/// (<c>1/2/2013</c>, <c>02.01.2013</c>, spreadsheets' <c>1/2/13</c>: two-digit years as .NET's invariant calendar reads
/// them, up to 2049) are read in the one
/// order the whole file shows: month first if some date's second part is above 12, day first if some date's first part
/// is; a file where neither shows (every part 12 or less) is refused rather than guessed at, because 01/02/2013 would
/// be 2 January in one country and 1 February in another and every day late would be wrong.
/// </summary>
public sealed class LedgerDates
{
    /// <summary>Dates that say which part is which: year first (ISO, with slashes, or SAP's yyyyMMdd, with or without a time) or a month's name.</summary>
    private static readonly string[] UnambiguousFormats =
    [
        "yyyy-MM-dd", "yyyy-M-d", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm",
        "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy/MM/dd", "yyyy/M/d", "yyyy/MM/dd HH:mm:ss", "yyyy.MM.dd", "yyyyMMdd",
        "d-MMM-yyyy", "dd-MMM-yyyy", "d-MMM-yy", "dd-MMM-yy", "d MMM yyyy", "dd MMM yyyy", "MMM d, yyyy", "MMM dd, yyyy",
        "d MMMM yyyy", "MMMM d, yyyy", "d-MMM-yyyy HH:mm:ss", "dd-MMM-yyyy HH:mm:ss",
    ];

    /// <summary>What exports write in a date column for "no date" (an open invoice's settlement): read as empty.</summary>
    private static readonly HashSet<string> NoDate = new(StringComparer.OrdinalIgnoreCase)
    {
        "null", "na", "n/a", "#n/a", "none", "nan", "nat", "-", "0", "00000000", "0000-00-00", "00.00.0000", "00/00/0000",
    };
    private static readonly char[] Separators = ['/', '.', '-'];
    private static readonly System.Text.RegularExpressions.Regex NanosecondTail = new(@"(:\d\d\.\d{7})\d+", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    private static readonly System.Text.RegularExpressions.Regex ClockDateWithZone = new(
        @"^(?<date>\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}(:\d{2}(\.\d{1,9})?)?\s*(Z|UTC|GMT|[+-]\d{2}(:?\d{2})?)$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.IgnoreCase);
    private readonly bool? _dayFirst;

    private LedgerDates(bool? dayFirst, string evidence = "")
    {
        _dayFirst = dayFirst;
        Evidence = evidence;
    }

    /// <summary>Why the order was taken, with the figures: how many dates can only be read that way, and one of them.</summary>
    public string Evidence { get; }

    /// <summary>The reading of year-last dates in the given order, to try it before the order is known.</summary>
    internal static LedgerDates Assuming(bool dayFirst) => new(dayFirst);

    /// <summary>How the file writes its year-last dates: "day first", "month first" or "ISO" when it has none.</summary>
    public string Order => _dayFirst switch { true => "day first", false => "month first", null => "ISO" };

    /// <summary>Learns the file's date order from every date field it holds (empty fields and ISO dates tell nothing).</summary>
    public static LedgerDates Learn(IEnumerable<(string Text, int Line)> fields) => Learn(fields, null);

    /// <summary>
    /// As <see cref="Learn(IEnumerable{ValueTuple{string, int}})"/>; when no date tells the order, <paramref name="impossible"/>
    /// counts, for one reading (day first = true), the rows it would make impossible (due or settled before the invoice
    /// date). One reading with none where the other has some settles it, as a person reading the file would decide;
    /// otherwise the file is refused.
    /// </summary>
    public static LedgerDates Learn(IEnumerable<(string Text, int Line)> fields, Func<bool, int>? impossible)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var monthFirstCount = 0;
        var dayFirstCount = 0;
        var yearLast = 0;
        (string Text, int Line)? monthFirstWitness = null;
        (string Text, int Line)? dayFirstWitness = null;
        (string Text, int Line)? ambiguous = null;
        foreach (var field in fields)
        {
            if (YearLastParts(field.Text) is not { } parts)
            {
                continue;
            }

            yearLast++;
            if (parts.Second > 12)
            {
                monthFirstWitness ??= field;
                monthFirstCount++;
            }
            else if (parts.First > 12)
            {
                dayFirstWitness ??= field;
                dayFirstCount++;
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

        if ((monthFirstWitness ?? dayFirstWitness) is { } witness)
        {
            var dayFirst = dayFirstWitness is not null;
            return new LedgerDates(
                dayFirst,
                (dayFirst ? dayFirstCount : monthFirstCount).ToString(CultureInfo.InvariantCulture) + " of " + yearLast.ToString(CultureInfo.InvariantCulture)
                + " dates written with the year last can only be read " + (dayFirst ? "day" : "month") + " first, e.g. line " + witness.Line.ToString(CultureInfo.InvariantCulture)
                + "'s '" + witness.Text + "'; none only the other way");
        }

        if (ambiguous is { } undecided && impossible is not null)
        {
            var dayFirstImpossible = impossible(true);
            var monthFirstImpossible = impossible(false);
            // A few malformed rows are found in real ledgers either way: only a clear difference (3 rows or more) decides.
            if ((dayFirstImpossible == 0) != (monthFirstImpossible == 0) && Math.Max(dayFirstImpossible, monthFirstImpossible) >= 3)
            {
                var dayFirst = dayFirstImpossible == 0;
                return new LedgerDates(
                    dayFirst,
                    "no date has a day above 12, but read " + (dayFirst ? "month" : "day") + " first " + Math.Max(dayFirstImpossible, monthFirstImpossible).ToString(CultureInfo.InvariantCulture)
                    + " row(s) would be due or settled before their invoice date, read " + (dayFirst ? "day" : "month") + " first none (e.g. line " + undecided.Line.ToString(CultureInfo.InvariantCulture) + "'s '" + undecided.Text + "')");
            }
        }

        if (ambiguous is { } unsure)
        {
            throw new CreditOS.CreditEngine.Backtesting.BacktestFormatException(
                unsure.Line,
                "the date '" + unsure.Text + "' could be read day first or month first, and no date in the file has a day above 12 to tell which; write the dates as yyyy-MM-dd.");
        }

        return new LedgerDates(null);
    }

    /// <summary>
    /// Whether an export wrote "no date" in the field: empty, NULL, N/A, SAP's 00000000, or a database's stand-in for
    /// an empty date (Finance and Operations' 1900-01-01, SQL Server's 1753-01-01, .NET's 0001-01-01, 9999-12-31).
    /// </summary>
    public static bool IsNoDate(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length == 0 || NoDate.Contains(trimmed) || (ReadUnambiguous(trimmed) is { } date && IsStandInForNoDate(date));
    }

    private static bool IsStandInForNoDate(DateTime date) =>
        date.Year is <= 1753 or >= 9999 || (date.Year == 1900 && date.DayOfYear == 1);

    /// <summary>
    /// A date that says which part is which; also SAP's <c>yyyyMMdd</c> as a data frame writes it from a float column
    /// (<c>20200210.0</c>) and a spreadsheet's serial day number (<c>43871</c>: days since 1899-12-30, read between
    /// 1954 and 2119 so no amount-like small number passes as a date).
    /// </summary>
    private static DateTime? ReadUnambiguous(string text)
    {
        // A data frame writes nanoseconds (2020-03-30 00:00:00.000000000); .NET reads at most seven fraction digits.
        text = NanosecondTail.Replace(text, "$1");

        // A date and time with a zone (2024-03-01T00:00:00+01:00, 2024-03-01 09:30:00 UTC, Postgres's +01) is read as
        // the calendar day its own clock shows: the day the invoice bears. Until session 21 the time was moved to UTC
        // first, so midnight in Paris became the day before and an invoice settled at 15:00 the same day stayed put:
        // days late moved by one and invoices paid on their due date turned late.
        if (ClockDateWithZone.Match(text) is { Success: true } zoned)
        {
            return DateTime.TryParseExact(zoned.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var clockDate) ? clockDate : null;
        }

        if (DateTime.TryParseExact(text, UnambiguousFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var iso))
        {
            return iso.Date;
        }

        if (text.Length > 9 && text[8] == '.' && text.AsSpan(9).Trim('0').IsEmpty
            && DateTime.TryParseExact(text[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var compact))
        {
            return compact.Date;
        }

        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var serial)
            && serial is >= 20000 and < 80000
                ? new DateTime(1899, 12, 30, 0, 0, 0, DateTimeKind.Unspecified).AddDays((double)decimal.Truncate(serial))
                : null;
    }

    /// <summary>The date <paramref name="text"/> stands for, or null when it is not a date this file's order can read.</summary>
    public DateTime? Read(string text)
    {
        if (ReadUnambiguous(text) is { } unambiguous)
        {
            return unambiguous;
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
        if (parts.Length != 3 || parts[2].Length is not (2 or 4) || parts[0].Length is < 1 or > 2 || parts[1].Length is < 1 or > 2)
        {
            return null;
        }

        return int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var second)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && (parts[2].Length == 2 || year is >= 1900 and <= 2999)
                ? (first, second, parts[2].Length == 2 ? CultureInfo.InvariantCulture.Calendar.ToFourDigitYear(year) : year)
                : null;
    }
}
