namespace CreditOS.LocalDataverse.Query;

/// <summary>The rows the query engine may read: those visible to the calling transaction (committed rows plus the caller's own uncommitted writes).</summary>
public interface IRowSource
{
    CreditOS.Solution.Metadata.MetadataCatalog Metadata { get; }

    /// <summary>Every visible row of the table. These are the store's own instances: read them, never mutate or return them.</summary>
    IEnumerable<Microsoft.Xrm.Sdk.Entity> Scan(string table);

    /// <summary>Visible rows whose column equals the key, answered by an index (primary key, every lookup/customer/owner column, alternate-key columns). False when that column has no index.</summary>
    bool TrySeek(string table, string column, object key, out IEnumerable<Microsoft.Xrm.Sdk.Entity> rows);

    /// <summary>Visible rows whose text column equals the value as the query collation compares text (case, accents, trailing spaces ignored). False when that column has no such index (the default).</summary>
    bool TrySeekText(string table, string column, string value, out IEnumerable<Microsoft.Xrm.Sdk.Entity> rows)
    {
        rows = [];
        return false;
    }

    /// <summary>About how many rows <see cref="TrySeekText"/> would return (committed rows), to pick the most selective condition; null when the column has no such index.</summary>
    int? SeekTextCount(string table, string column, string value) => null;

    /// <summary>About how many rows <see cref="TrySeek"/> would return (committed rows), to pick the more selective index for a join; null when unknown.</summary>
    int? SeekCount(string table, string column, object key) => null;
}
