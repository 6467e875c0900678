using CreditOS.LocalDataverse.Query;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Security;

/// <summary>
/// The rows a query may see as the calling user: every table it touches needs the Read privilege (or the query
/// faults), and only rows that privilege's depth reaches come back, in joins and aggregates alike.
/// A secured column the caller may not read is null to the whole query: conditions, links, orders, groups and aggregates
/// see rows without it ("the field value is substituted with null during the evaluation of the filter"; aggregating,
/// grouping and ordering alike: "Use field security to control access to field values", Developer Guide for Dynamics 365
/// Customer Engagement). An index on such a column is not used, so a seek cannot find rows by the hidden value.
/// </summary>
internal sealed class SecuredRowSource(
    IRowSource inner, Action<string> requireRead, Func<string, Entity, bool> canRead, Func<string, IReadOnlySet<string>> hiddenColumns) : IRowSource
{
    private readonly Dictionary<string, IReadOnlySet<string>> _hidden = new(StringComparer.Ordinal);

    public MetadataCatalog Metadata => inner.Metadata;

    public IEnumerable<Entity> Scan(string table)
    {
        requireRead(table);
        return Masked(table, inner.Scan(table).Where(row => canRead(table, row)));
    }

    public bool TrySeek(string table, string column, object key, out IEnumerable<Entity> rows)
    {
        requireRead(table);
        if (Hidden(table).Contains(column) || !inner.TrySeek(table, column, key, out var found))
        {
            rows = [];
            return false;
        }

        rows = Masked(table, found.Where(row => canRead(table, row)));
        return true;
    }

    public bool TrySeekText(string table, string column, string value, out IEnumerable<Entity> rows)
    {
        requireRead(table);
        if (Hidden(table).Contains(column) || !inner.TrySeekText(table, column, value, out var found))
        {
            rows = [];
            return false;
        }

        rows = Masked(table, found.Where(row => canRead(table, row)));
        return true;
    }

    public int? SeekTextCount(string table, string column, string value) =>
        Hidden(table).Contains(column) ? null : inner.SeekTextCount(table, column, value);

    public int? SeekCount(string table, string column, object key) =>
        Hidden(table).Contains(column) ? null : inner.SeekCount(table, column, key);

    private IReadOnlySet<string> Hidden(string table)
    {
        if (!_hidden.TryGetValue(table, out var hidden))
        {
            hidden = hiddenColumns(table);
            _hidden[table] = hidden;
        }

        return hidden;
    }

    /// <summary>The rows as the caller may see them: a copy without the hidden columns when the table has any, else the store's own.</summary>
    private IEnumerable<Entity> Masked(string table, IEnumerable<Entity> rows)
    {
        var hidden = Hidden(table);
        return hidden.Count == 0 ? rows : rows.Select(row => Without(row, hidden));
    }

    private static Entity Without(Entity row, IReadOnlySet<string> hidden)
    {
        var copy = new Entity(row.LogicalName, row.Id) { RowVersion = row.RowVersion };
        foreach (var (name, value) in row.Attributes)
        {
            if (!hidden.Contains(name))
            {
                copy.Attributes[name] = value;
            }
        }

        return copy;
    }
}
