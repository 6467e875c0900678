using CreditOS.LocalDataverse.Faults;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Storage;

/// <summary>
/// One database transaction. Its writes are visible only to itself until commit (READ COMMITTED:
/// reads see committed rows plus the transaction's own writes, and never wait); every write takes an
/// exclusive row lock held until the transaction ends.
/// </summary>
internal sealed class Transaction(RowStore store, LockManager locks)
{
    private readonly Dictionary<string, Dictionary<Guid, Entity?>> _writes = new(StringComparer.Ordinal);
    private readonly List<Action> _afterCommit = [];

    public Guid Id { get; } = Guid.NewGuid();

    public HashSet<LockResource> HeldLocks { get; } = [];

    public bool IsCompleted { get; private set; }

    /// <summary>Set when a nested request failed inside this transaction: it can only roll back.</summary>
    public string? DoomedBecause { get; private set; }

    public RowStore Store => store;

    /// <summary>Rows this transaction wrote or removed so far (a change of its own view of the data).</summary>
    public long WriteCount { get; private set; }

    /// <summary>The grouped aggregates this transaction computed, valid while neither the store nor its own writes change.</summary>
    public Query.AggregateResultCache Aggregates { get; } = new();

    public Entity? Find(string table, Guid id)
    {
        if (_writes.TryGetValue(table, out var rows) && rows.TryGetValue(id, out var own))
        {
            return own;
        }

        return store.Find(table, id);
    }

    public IEnumerable<Entity> Scan(string table)
    {
        var committed = store.Scan(table);
        if (!_writes.TryGetValue(table, out var own) || own.Count == 0)
        {
            return committed;
        }

        return committed.Where(row => !own.ContainsKey(row.Id)).Concat(own.Values.OfType<Entity>());
    }

    public bool TrySeek(string table, string column, object key, out IEnumerable<Entity> rows)
    {
        var committed = store.Seek(table, column, key);
        if (committed is null)
        {
            rows = [];
            return false;
        }

        if (!_writes.TryGetValue(table, out var own) || own.Count == 0)
        {
            rows = committed;
            return true;
        }

        var normalized = IndexKey.Normalize(key);
        rows = committed
            .Where(row => !own.ContainsKey(row.Id))
            .Concat(own.Values.OfType<Entity>().Where(row => Matches(row, column, normalized)))
            .ToList();
        return true;
    }

    /// <summary>Visible rows whose text column equals the value by the query collation; false when the column has no text index.</summary>
    public bool TrySeekText(string table, string column, string value, out IEnumerable<Entity> rows)
    {
        var committed = store.SeekText(table, column, value);
        if (committed is null)
        {
            rows = [];
            return false;
        }

        if (!_writes.TryGetValue(table, out var own) || own.Count == 0)
        {
            rows = committed;
            return true;
        }

        rows = committed
            .Where(row => !own.ContainsKey(row.Id))
            .Concat(own.Values.OfType<Entity>().Where(row => row.Attributes.TryGetValue(column, out var held) && held is string text && Query.Collation.AreEqual(text, value)))
            .ToList();
        return true;
    }

    public void Lock(LockResource resource)
    {
        ThrowIfCompleted();
        locks.Acquire(this, resource);
    }

    public void LockRow(string table, Guid id) => Lock(LockResource.Row(table, id));

    /// <summary>Writes the row (inserted or replaced). The caller must hold its row lock.</summary>
    public void Put(string table, Entity row)
    {
        EnsureLocked(table, row.Id);
        WritesOf(table)[row.Id] = row;
        WriteCount++;
    }

    public void Remove(string table, Guid id)
    {
        EnsureLocked(table, id);
        WritesOf(table)[id] = null;
        WriteCount++;
    }

    public void AfterCommit(Action action) => _afterCommit.Add(action);

    public void Doom(string reason) => DoomedBecause ??= reason;

    /// <summary>Makes the writes visible to everyone and releases the locks; returns what was queued to run after commit.</summary>
    public IReadOnlyList<Action> Commit()
    {
        ThrowIfCompleted();
        if (DoomedBecause is not null)
        {
            Rollback();
            throw DataverseFault.Create(
                DataverseErrorCodes.NoActiveTransaction,
                Pipeline.SwallowedFaultGuard.NoActiveTransactionMessage + " " + DoomedBecause);
        }

        try
        {
            if (_writes.Count > 0)
            {
                store.Apply(_writes);
            }
        }
        finally
        {
            IsCompleted = true;
            locks.ReleaseAll(this);
        }

        return _afterCommit;
    }

    public void Rollback()
    {
        if (IsCompleted)
        {
            return;
        }

        IsCompleted = true;
        _writes.Clear();
        _afterCommit.Clear();
        locks.ReleaseAll(this);
    }

    private Dictionary<Guid, Entity?> WritesOf(string table)
    {
        ThrowIfCompleted();
        if (!_writes.TryGetValue(table, out var rows))
        {
            rows = [];
            _writes[table] = rows;
        }

        return rows;
    }

    private void EnsureLocked(string table, Guid id)
    {
        if (!HeldLocks.Contains(LockResource.Row(table, id)))
        {
            throw new InvalidOperationException($"Writing {table} {id} without holding its row lock.");
        }
    }

    private void ThrowIfCompleted()
    {
        if (IsCompleted)
        {
            throw new InvalidOperationException($"Transaction {Id} has already ended.");
        }
    }

    private static bool Matches(Entity row, string column, object? normalizedKey) =>
        row.Attributes.TryGetValue(column, out var value)
        && IndexKey.Comparer.Equals(IndexKey.Normalize(value), normalizedKey);
}
