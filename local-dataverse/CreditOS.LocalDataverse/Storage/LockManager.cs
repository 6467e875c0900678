using System.Diagnostics;
using CreditOS.LocalDataverse.Faults;

namespace CreditOS.LocalDataverse.Storage;

/// <summary>
/// Exclusive row locks held until the owning transaction ends, as SQL Server takes them for writes.
/// A transaction that needs a row another holds waits; a wait that would close a cycle is a deadlock and
/// the requester is chosen as the victim; a wait longer than the timeout fails as a SQL timeout.
/// </summary>
internal sealed class LockManager(TimeSpan timeout)
{
    private readonly object _gate = new();
    private readonly Dictionary<LockResource, Transaction> _owners = [];
    private readonly Dictionary<Transaction, LockResource> _waiting = [];

    /// <summary>How many transactions are waiting for a lock right now (for deterministic concurrency tests).</summary>
    public int WaitingCount
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    public void Acquire(Transaction transaction, LockResource resource)
    {
        var waited = Stopwatch.StartNew();
        lock (_gate)
        {
            try
            {
                while (true)
                {
                    if (!_owners.TryGetValue(resource, out var owner) || ReferenceEquals(owner, transaction))
                    {
                        _owners[resource] = transaction;
                        transaction.HeldLocks.Add(resource);
                        return;
                    }

                    if (WaitWouldDeadlock(transaction, owner))
                    {
                        throw DataverseFault.Create(
                            DataverseErrorCodes.GenericSqlError,
                            $"Generic SQL error. Transaction was deadlocked on lock resources ({resource}) with another process and has been chosen as the deadlock victim. Rerun the transaction.");
                    }

                    var remaining = timeout - waited.Elapsed;
                    if (remaining <= TimeSpan.Zero)
                    {
                        throw DataverseFault.Create(
                            DataverseErrorCodes.SqlTimeout,
                            // The published sentence (Troubleshoot Dataverse plug-ins, "Error: Sql error: Execution Timeout Expired"), then the figures.
                            $"Sql error: 'Execution Timeout Expired.  The timeout period elapsed prior to completion of the operation or the server is not responding.' (The local Dataverse waited {timeout.TotalSeconds:0.###} s for the lock on {resource}, held by another transaction.)");
                    }

                    _waiting[transaction] = resource;
                    Monitor.Wait(_gate, remaining);
                }
            }
            finally
            {
                _waiting.Remove(transaction);
            }
        }
    }

    public void ReleaseAll(Transaction transaction)
    {
        if (transaction.HeldLocks.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var resource in transaction.HeldLocks)
            {
                if (_owners.TryGetValue(resource, out var owner) && ReferenceEquals(owner, transaction))
                {
                    _owners.Remove(resource);
                }
            }

            transaction.HeldLocks.Clear();
            Monitor.PulseAll(_gate);
        }
    }

    // Follows owner -> the lock that owner waits for -> its owner ... ; reaching the requester closes a cycle.
    private bool WaitWouldDeadlock(Transaction requester, Transaction owner)
    {
        var current = owner;
        var visited = new HashSet<Transaction>();
        while (visited.Add(current))
        {
            if (!_waiting.TryGetValue(current, out var awaited) || !_owners.TryGetValue(awaited, out var next))
            {
                return false;
            }

            if (ReferenceEquals(next, requester))
            {
                return true;
            }

            current = next;
        }

        return false;
    }
}
