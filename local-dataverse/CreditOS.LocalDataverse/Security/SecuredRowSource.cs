using CreditOS.LocalDataverse.Query;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Security;

/// <summary>
/// The rows a query may see as the calling user: every table it touches needs the Read privilege (or the query
/// faults), and only rows that privilege's depth reaches come back, in joins and aggregates alike.
/// </summary>
internal sealed class SecuredRowSource(IRowSource inner, Action<string> requireRead, Func<string, Entity, bool> canRead) : IRowSource
{
    public MetadataCatalog Metadata => inner.Metadata;

    public IEnumerable<Entity> Scan(string table)
    {
        requireRead(table);
        return inner.Scan(table).Where(row => canRead(table, row));
    }

    public bool TrySeek(string table, string column, object key, out IEnumerable<Entity> rows)
    {
        requireRead(table);
        if (!inner.TrySeek(table, column, key, out var found))
        {
            rows = [];
            return false;
        }

        rows = found.Where(row => canRead(table, row));
        return true;
    }

    public bool TrySeekText(string table, string column, string value, out IEnumerable<Entity> rows)
    {
        requireRead(table);
        if (!inner.TrySeekText(table, column, value, out var found))
        {
            rows = [];
            return false;
        }

        rows = found.Where(row => canRead(table, row));
        return true;
    }

    public int? SeekTextCount(string table, string column, string value) => inner.SeekTextCount(table, column, value);
}
