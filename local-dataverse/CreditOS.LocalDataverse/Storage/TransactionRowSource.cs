using CreditOS.LocalDataverse.Query;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Storage;

/// <summary>What the query engine reads: the rows visible to one transaction.</summary>
internal sealed class TransactionRowSource(MetadataCatalog metadata, Transaction transaction) : IRowSource
{
    public MetadataCatalog Metadata => metadata;

    public IEnumerable<Entity> Scan(string table) => transaction.Scan(table);

    public bool TrySeek(string table, string column, object key, out IEnumerable<Entity> rows) =>
        transaction.TrySeek(table, column, key, out rows);

    public bool TrySeekText(string table, string column, string value, out IEnumerable<Entity> rows) =>
        transaction.TrySeekText(table, column, value, out rows);

    public int? SeekTextCount(string table, string column, string value) =>
        transaction.Store.SeekTextCount(table, column, value);

    public int? SeekCount(string table, string column, object key) =>
        transaction.Store.SeekCount(table, column, key);
}
