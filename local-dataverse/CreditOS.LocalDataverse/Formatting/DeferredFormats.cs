using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Formatting;

/// <summary>
/// A returned row's formatted values, made when the caller first reads <c>Entity.FormattedValues</c> (session 31: the
/// query engine formatted every value of every row it returned, about a tenth of the payment posting's account read, and
/// plug-ins seldom read them). Each entry keeps its own copy of the value and the currency's format as read, so the text is
/// what formatting at the read gave, whatever the caller or a later write does to the row or the currency meanwhile; the
/// entries are filled in the order the row's columns were read, as before.
/// </summary>
internal sealed class DeferredFormats : DeferredFormattedValues
{
    private readonly List<Entry> _entries;

    private DeferredFormats(int capacity) => _entries = new List<Entry>(capacity);

    /// <summary>
    /// The row's deferred formats, given to it now if it has no formatted values yet; null when it has some already
    /// (made by a caller or read before), which are then filled at once as before.
    /// </summary>
    /// <param name="capacity">Room for this many values at once (a wide row would otherwise regrow the list several times).</param>
    public static DeferredFormats? Of(Entity row, int capacity = 8)
    {
        if (row.PendingFormattedValues is DeferredFormats pending)
        {
            return pending;
        }

        if (row.HasFormattedValues)
        {
            return null;
        }

        var made = new DeferredFormats(capacity);
        row.DeferFormattedValues(made);
        return made;
    }

    /// <summary>A text known now (a lookup's primary name).</summary>
    public void AddText(string key, string text) => _entries.Add(new Entry(key, text, null, null, null, null));

    /// <summary>A value to format when read; values that never have a formatted text (text, ids, party lists) are not kept.</summary>
    public void Add(string key, TableDefinition table, ColumnDefinition column, object value, CurrencyFormat? currency)
    {
        if (FormattedValueFormatter.HasFormattedValue(value))
        {
            _entries.Add(new Entry(key, null, table, column, Snapshot(value), currency));
        }
    }

    internal override void FillInto(FormattedValueCollection target)
    {
        foreach (var entry in _entries)
        {
            var text = entry.Text ?? FormattedValueFormatter.Format(entry.Table!, entry.Column!, entry.Value!, entry.Currency, static format => format).Text;
            if (text is not null)
            {
                target[entry.Key] = text;
            }
        }
    }

    /// <summary>The value as read: Money and OptionSetValue can be changed by the caller, other formatted kinds are immutable boxes.</summary>
    private static object Snapshot(object value) => value switch
    {
        Money money => new Money(money.Value),
        OptionSetValue option => new OptionSetValue(option.Value),
        _ => value,
    };

    private readonly record struct Entry(string Key, string? Text, TableDefinition? Table, ColumnDefinition? Column, object? Value, CurrencyFormat? Currency);
}
