namespace CreditOS.LocalDataverse.Query;

/// <summary>The rows the query engine may read: those visible to the calling transaction (committed rows plus the caller's own uncommitted writes).</summary>
public interface IRowSource
{
    CreditOS.Solution.Metadata.MetadataCatalog Metadata { get; }

    /// <summary>Every visible row of the table. These are the store's own instances: read them, never mutate or return them.</summary>
    IEnumerable<Microsoft.Xrm.Sdk.Entity> Scan(string table);

    /// <summary>Visible rows whose column equals the key, answered by an index (primary key, every lookup/customer/owner column, alternate-key columns). False when that column has no index.</summary>
    bool TrySeek(string table, string column, object key, out IEnumerable<Microsoft.Xrm.Sdk.Entity> rows);
}
