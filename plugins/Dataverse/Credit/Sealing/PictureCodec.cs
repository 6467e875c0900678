using System.Globalization;
using System.Text;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Sealing;

/// <summary>
/// A row's columns as text and back, typed, for a sealed picture (<see cref="SealedPicture"/>): each column as
/// <c>name|type|length|value</c>, so any text (reasons, history figures) round-trips exactly. Only the plug-in assembly reads
/// and writes it (the worker carries it sealed), so no metadata is needed: the type travels with the value. The types are
/// those the credit picture writes; another is refused rather than guessed.
/// </summary>
internal static class PictureCodec
{
    public static string Write(IEnumerable<KeyValuePair<string, object?>> columns)
    {
        var text = new StringBuilder();
        foreach (var column in columns.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            // Type and value; no tuple, which .NET Framework 4.6.2 has no type for.
            var encoded = Encode(column.Key, column.Value);
            text.Append(column.Key).Append('|').Append(encoded[0]).Append('|')
                .Append(encoded[1].Length.ToString(CultureInfo.InvariantCulture)).Append('|').Append(encoded[1]);
        }

        return text.ToString();
    }

    public static List<KeyValuePair<string, object?>> Read(string text)
    {
        var columns = new List<KeyValuePair<string, object?>>();
        var at = 0;
        while (at < text.Length)
        {
            var name = Next(text, ref at);
            var type = Next(text, ref at);
            var length = int.Parse(Next(text, ref at), NumberStyles.None, CultureInfo.InvariantCulture);
            if (length < 0 || at + length > text.Length)
            {
                throw new FormatException("A sealed picture's column " + name + " runs past its end.");
            }

            columns.Add(new KeyValuePair<string, object?>(name, Decode(name, type, text.Substring(at, length))));
            at += length;
        }

        return columns;
    }

    private static string Next(string text, ref int at)
    {
        var bar = text.IndexOf('|', at);
        if (bar < 0)
        {
            throw new FormatException("A sealed picture ends inside a column's header.");
        }

        var part = text.Substring(at, bar - at);
        at = bar + 1;
        return part;
    }

    private static string[] Encode(string column, object? value) => value switch
    {
        null => ["null", string.Empty],
        string text => ["s", text],
        decimal number => ["d", number.ToString(CultureInfo.InvariantCulture)],
        int whole => ["i", whole.ToString(CultureInfo.InvariantCulture)],
        long whole => ["l", whole.ToString(CultureInfo.InvariantCulture)],
        double real => ["f", real.ToString("R", CultureInfo.InvariantCulture)],
        bool flag => ["b", flag ? "1" : "0"],
        OptionSetValue option => ["o", option.Value.ToString(CultureInfo.InvariantCulture)],
        Money money => ["m", money.Value.ToString(CultureInfo.InvariantCulture)],
        EntityReference reference => ["r", reference.LogicalName + "," + reference.Id.ToString("D")],
        DateTime moment => ["t", moment.Ticks.ToString(CultureInfo.InvariantCulture) + "," + ((int)moment.Kind).ToString(CultureInfo.InvariantCulture)],
        Guid id => ["g", id.ToString("D")],
        _ => throw new InvalidPluginExecutionException("Column " + column + " holds a " + value.GetType().Name + ", which a sealed picture does not carry."),
    };

    private static object? Decode(string column, string type, string value)
    {
        var invariant = CultureInfo.InvariantCulture;
        switch (type)
        {
            case "null": return null;
            case "s": return value;
            case "d": return decimal.Parse(value, NumberStyles.Number, invariant);
            case "i": return int.Parse(value, NumberStyles.Integer, invariant);
            case "l": return long.Parse(value, NumberStyles.Integer, invariant);
            case "f": return double.Parse(value, NumberStyles.Float, invariant);
            case "b": return value == "1";
            case "o": return new OptionSetValue(int.Parse(value, NumberStyles.Integer, invariant));
            case "m": return new Money(decimal.Parse(value, NumberStyles.Number, invariant));
            case "g": return Guid.Parse(value);
            case "r":
            {
                var comma = value.IndexOf(',');
                return new EntityReference(value.Substring(0, comma), Guid.Parse(value.Substring(comma + 1)));
            }

            case "t":
            {
                var comma = value.IndexOf(',');
                return new DateTime(long.Parse(value.Substring(0, comma), NumberStyles.Integer, invariant), (DateTimeKind)int.Parse(value.Substring(comma + 1), NumberStyles.Integer, invariant));
            }

            default:
                throw new FormatException("A sealed picture's column " + column + " has type '" + type + "', which it does not carry.");
        }
    }
}
