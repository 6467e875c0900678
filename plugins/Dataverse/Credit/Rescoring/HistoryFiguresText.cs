using System.Globalization;
using System.Text;

namespace CreditOS.Dataverse.Credit.Rescoring;

/// <summary>
/// The line format <see cref="HistoryFigures"/> keeps on the account (<c>kind|field|field…</c>, one line each), written
/// and read in place: every payment after the first of the day reads the figures and writes them back, and splitting the
/// text into line and field strings, and formatting every number into a string of its own, was most of what the figures
/// allocated. Numbers and days are written and read digit by digit where that is exact; anything else (a decimal with a
/// fraction, an exponent or more than 18 digits, a field the fast path does not take) goes through the framework's
/// invariant formatting and parsing as before, so the text and what it reads back are unchanged.
/// </summary>
internal static class HistoryFiguresText
{
    /// <summary>Appends an integer in invariant digits (what <c>int.ToString(InvariantCulture)</c> writes).</summary>
    public static StringBuilder AppendNumber(this StringBuilder text, int value) => text.AppendWhole(value);

    /// <summary>Appends a decimal as <c>ToString("G29", InvariantCulture)</c> writes it (no trailing zeros).</summary>
    public static StringBuilder AppendNumber(this StringBuilder text, decimal value) =>
        value == decimal.Truncate(value) && value >= long.MinValue && value <= long.MaxValue
            ? text.AppendWhole((long)value) // G29 writes a whole decimal as its digits (at most 29 of them: never an exponent)
            : text.Append(value.ToString("G29", CultureInfo.InvariantCulture));

    /// <summary>Appends a day as yyyy-MM-dd.</summary>
    public static StringBuilder AppendDay(this StringBuilder text, DateTime day) =>
        text.AppendDigits(day.Year, 4).Append('-').AppendDigits(day.Month, 2).Append('-').AppendDigits(day.Day, 2);

    private static StringBuilder AppendWhole(this StringBuilder text, long value)
    {
        if (value == long.MinValue)
        {
            return text.Append(value.ToString(CultureInfo.InvariantCulture));
        }

        if (value < 0)
        {
            text.Append('-');
            value = -value;
        }

        var digits = 1;
        for (var rest = value / 10; rest > 0; rest /= 10)
        {
            digits++;
        }

        return text.AppendDigits(value, digits);
    }

    private static StringBuilder AppendDigits(this StringBuilder text, long value, int digits)
    {
        var divisor = 1L;
        for (var i = 1; i < digits; i++)
        {
            divisor *= 10;
        }

        for (; divisor > 0; divisor /= 10)
        {
            text.Append((char)('0' + (value / divisor % 10)));
        }

        return text;
    }
}

/// <summary>
/// Reads the figures' text line by line and field by field without splitting it: a field the fast path cannot read
/// exactly is handed to the framework's parser as a string, so every field reads as <c>Split</c> and
/// <c>int.Parse</c> / <c>decimal.Parse</c> read it before. A field past the end of its line is an
/// <see cref="IndexOutOfRangeException"/>, as indexing the split line was; an unreadable one a <see cref="FormatException"/>.
/// </summary>
internal sealed class HistoryFiguresReader(string text, int start)
{
    private int _next = start;
    private int _lineEnd;
    private int _field;

    /// <summary>Moves to the next non-empty line; false at the end of the text.</summary>
    public bool NextLine()
    {
        while (_next < text.Length)
        {
            var end = text.IndexOf('\n', _next);
            end = end < 0 ? text.Length : end;
            var begin = _next;
            _next = end + 1;
            if (end > begin)
            {
                _field = begin;
                _lineEnd = end;
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads the line's first field (its kind) and says whether it is <paramref name="kind"/>; reads it only when it is.</summary>
    public bool KindIs(string kind)
    {
        var length = Peek(out var begin);
        if (length != kind.Length || string.CompareOrdinal(text, begin, kind, 0, length) != 0)
        {
            return false;
        }

        Skip();
        return true;
    }

    /// <summary>True, and the field read, when the next field is "-" (a value the figures do not have).</summary>
    public bool Dash()
    {
        var length = Peek(out var begin);
        if (length != 1 || text[begin] != '-')
        {
            return false;
        }

        Skip();
        return true;
    }

    public string Text()
    {
        var length = Take(out var begin);
        return text.Substring(begin, length);
    }

    public int Int()
    {
        var length = Take(out var begin);
        var negative = length > 1 && text[begin] == '-';
        var digits = negative ? length - 1 : length;
        if (digits is < 1 or > 9 || !TryWhole(begin + (negative ? 1 : 0), digits, out var value))
        {
            return int.Parse(text.Substring(begin, length), NumberStyles.Integer, CultureInfo.InvariantCulture);
        }

        return (int)(negative ? -value : value);
    }

    public decimal Decimal()
    {
        var length = Take(out var begin);
        if (TryDecimal(begin, length, out var value))
        {
            return value;
        }

        return decimal.Parse(text.Substring(begin, length), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>A day as <see cref="HistoryFiguresText.AppendDay"/> writes it (yyyy-MM-dd); anything else is a FormatException.</summary>
    public DateTime Day()
    {
        var length = Take(out var begin);
        if (length != 10 || text[begin + 4] != '-' || text[begin + 7] != '-'
            || !TryWhole(begin, 4, out var year) || !TryWhole(begin + 5, 2, out var month) || !TryWhole(begin + 8, 2, out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth((int)year, (int)month))
        {
            throw new FormatException("Not a yyyy-MM-dd day: '" + text.Substring(begin, length) + "'.");
        }

        return new DateTime((int)year, (int)month, (int)day, 0, 0, 0, DateTimeKind.Utc);
    }

    /// <summary>
    /// <c>-?digits(.digits)?</c> with at most 18 digits and a value other than zero, as <c>decimal.Parse</c> reads it (the
    /// digits after the point are its scale); false for anything else, which the framework then parses.
    /// </summary>
    private bool TryDecimal(int begin, int length, out decimal value)
    {
        value = 0m;
        var negative = length > 0 && text[begin] == '-';
        var position = begin + (negative ? 1 : 0);
        var end = begin + length;
        var point = text.IndexOf('.', position, end - position);
        var wholeDigits = (point < 0 ? end : point) - position;
        var scale = point < 0 ? 0 : end - point - 1;
        var fraction = 0L;
        if (wholeDigits < 1 || (point >= 0 && scale < 1) || wholeDigits + scale > 18
            || !TryWhole(position, wholeDigits, out var mantissa) || (scale > 0 && !TryWhole(point + 1, scale, out fraction)))
        {
            return false;
        }

        for (var i = 0; i < scale; i++)
        {
            mantissa *= 10;
        }

        mantissa += fraction;
        if (mantissa == 0)
        {
            return false; // zero's sign and scale are left to decimal.Parse
        }

        value = new decimal((int)(mantissa & 0xFFFFFFFF), (int)(mantissa >> 32), 0, negative, (byte)scale);
        return true;
    }

    private bool TryWhole(int begin, int digits, out long value)
    {
        value = 0;
        for (var i = begin; i < begin + digits; i++)
        {
            var digit = text[i] - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    // The next field's start and length (no tuples: the plug-ins build for .NET Framework 4.6.2 without System.ValueTuple).
    private int Peek(out int begin)
    {
        if (_field > _lineEnd)
        {
            throw new IndexOutOfRangeException("The figures' line has fewer fields than its kind needs.");
        }

        begin = _field;
        var bar = text.IndexOf('|', _field, _lineEnd - _field);
        return (bar < 0 ? _lineEnd : bar) - _field;
    }

    private void Skip() => Take(out _);

    private int Take(out int begin)
    {
        var length = Peek(out begin);
        _field = begin + length + 1;
        return length;
    }
}
