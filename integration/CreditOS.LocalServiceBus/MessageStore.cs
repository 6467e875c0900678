using Microsoft.Data.Sqlite;

namespace CreditOS.LocalServiceBus;

/// <summary>
/// Every message and every change of its state, in SQLite (WAL): a send is accepted only after its row is written,
/// a completion only after its row is gone, so a restart of the process loses nothing and brings nothing back.
/// One connection, used under the entities' locks in turn (callers serialize through <see cref="_gate"/>).
/// </summary>
internal sealed class MessageStore : IDisposable
{
    private const string InsertRow = """
        INSERT INTO messages (entity, seq, payload, enqueued, expires, failed_deliveries, state, lock_token, locked_until)
        VALUES ($entity, $seq, $payload, $enqueued, $expires, $failed, $state, $lock, $until)
        """;

    private const int SqliteCorrupt = 11; // SQLITE_CORRUPT: "database disk image is malformed"
    private const int SqliteNotADatabase = 26; // SQLITE_NOTADB

    /// <summary>The line a held write prints (standard error) when it stops before its commit: a test waits for it, then kills the process.</summary>
    public const string HoldMarker = "LOCAL-SERVICEBUS-HOLD:";

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private readonly StoreWriteHold? _hold;
    private int _holdCandidates;
    private bool _disposed;
    private bool? _synced;

    /// <param name="hold">A test's fault point (session 29), null by default: the write it names stops before its commit.</param>
    public MessageStore(string path, StoreWriteHold? hold = null)
    {
        _hold = hold;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            _connection.Open();
            Execute("PRAGMA journal_mode=WAL;");
            RefuseIfDamaged(path);
            CreateTables();
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            _connection.Dispose();
            throw Damaged(path, [exception.Message]);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }

        SetSynchronous(synced: true);
    }

    /// <summary>The store's durability setting as SQLite reports it (0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA), for a test.</summary>
    internal long SynchronousSetting
    {
        get
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                using var command = _connection.CreateCommand();
                command.CommandText = "PRAGMA synchronous;";
                return (long)command.ExecuteScalar()!;
            }
        }
    }

    /// <summary>
    /// A store damaged on disk (a file cut short, a page overwritten) is refused before anything is loaded: started on it, the
    /// broker would fail later on whichever message sits on a damaged page, or, where only an index is damaged, load fewer
    /// messages than it acknowledged without a word. SQLite's own check reads every page and compares every index with its table.
    /// A torn last record of the log (a commit cut off while being written) is not damage: SQLite ignores it on recovery.
    /// </summary>
    private void RefuseIfDamaged(string path)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check(20);";
        var findings = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                findings.Add(reader.GetString(0));
            }
        }

        if (findings is not ["ok"])
        {
            throw Damaged(path, findings);
        }
    }

    private static InvalidDataException Damaged(string path, IReadOnlyList<string> findings) => new(
        $"The local Service Bus store '{path}' is damaged, so the broker refuses to start on it rather than lose or invent messages "
        + $"it acknowledged. SQLite found: {string.Join("; ", findings)}. Restore the file from a backup or, if its messages may "
        + "go, move it away and start on a new one.");

    private void CreateTables()
    {
        Execute("""
            CREATE TABLE IF NOT EXISTS messages (
                entity TEXT NOT NULL COLLATE NOCASE,
                seq INTEGER NOT NULL,
                payload BLOB NOT NULL,
                enqueued INTEGER NOT NULL,
                expires INTEGER NULL,
                failed_deliveries INTEGER NOT NULL,
                state INTEGER NOT NULL,
                lock_token TEXT NULL,
                locked_until INTEGER NULL,
                PRIMARY KEY (entity, seq));
            CREATE TABLE IF NOT EXISTS sequences (
                entity TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
                last INTEGER NOT NULL);
            """);
    }

    public long LastSequenceNumber(string entity)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT last FROM sequences WHERE entity = $entity";
            command.Parameters.AddWithValue("$entity", entity);
            return command.ExecuteScalar() is long last ? last : 0;
        }
    }

    public List<StoredMessage> Load(string entity)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT seq, payload, enqueued, expires, failed_deliveries, state, lock_token, locked_until FROM messages WHERE entity = $entity ORDER BY seq";
            command.Parameters.AddWithValue("$entity", entity);
            using var reader = command.ExecuteReader();
            var messages = new List<StoredMessage>();
            while (reader.Read())
            {
                messages.Add(new StoredMessage
                {
                    Entity = entity,
                    SequenceNumber = reader.GetInt64(0),
                    Payload = (byte[])reader[1],
                    EnqueuedAt = new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero),
                    ExpiresAt = reader.IsDBNull(3) ? null : new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
                    FailedDeliveries = reader.GetInt32(4),
                    State = (MessageState)reader.GetInt32(5),
                    LockToken = reader.IsDBNull(6) ? null : Guid.Parse(reader.GetString(6)),
                    LockedUntil = reader.IsDBNull(7) ? null : new DateTimeOffset(reader.GetInt64(7), TimeSpan.Zero),
                });
            }

            return messages;
        }
    }

    /// <summary>Inserts messages and advances the entity's sequence in one transaction.</summary>
    public void Insert(string entity, IReadOnlyList<StoredMessage> messages)
    {
        if (messages.Count > 0)
        {
            InsertCopies(entity, messages.Max(message => message.SequenceNumber), messages);
        }
    }

    /// <summary>
    /// Inserts rows (each in its own <see cref="StoredMessage.Entity"/>: a topic's subscriptions) and advances the sequence of
    /// <paramref name="sequenceEntity"/> (the topic) to <paramref name="lastSequenceNumber"/>, all in one transaction.
    /// </summary>
    public void InsertCopies(string sequenceEntity, long lastSequenceNumber, IReadOnlyList<StoredMessage> messages)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = BeginWrite();
            foreach (var message in messages)
            {
                using var command = _connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = InsertRow;
                Bind(command, message);
                command.ExecuteNonQuery();
            }

            using (var sequence = _connection.CreateCommand())
            {
                sequence.Transaction = transaction;
                sequence.CommandText = "INSERT INTO sequences (entity, last) VALUES ($entity, $last) ON CONFLICT(entity) DO UPDATE SET last = max(last, excluded.last)";
                sequence.Parameters.AddWithValue("$entity", sequenceEntity);
                sequence.Parameters.AddWithValue("$last", lastSequenceNumber);
                sequence.ExecuteNonQuery();
            }

            BeforeCommit(StoreWriteHold.Insert, sequenceEntity);
            transaction.Commit();
        }
    }

    /// <param name="synced">False only for a lock taken or renewed (see <see cref="BeginWrite"/>).</param>
    public void Update(StoredMessage message, bool synced = true)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = BeginWrite(synced);
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE messages SET payload = $payload, failed_deliveries = $failed, state = $state, lock_token = $lock, locked_until = $until
                WHERE entity = $entity AND seq = $seq
                """;
            Bind(command, message);
            command.ExecuteNonQuery();
            BeforeCommit(StoreWriteHold.Update, message.Entity);
            transaction.Commit();
        }
    }

    public void Delete(StoredMessage message)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = BeginWrite();
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM messages WHERE entity = $entity AND seq = $seq";
            command.Parameters.AddWithValue("$entity", message.Entity);
            command.Parameters.AddWithValue("$seq", message.SequenceNumber);
            command.ExecuteNonQuery();
            BeforeCommit(StoreWriteHold.Delete, message.Entity);
            transaction.Commit();
        }
    }

    /// <summary>Moves a message to another entity (its dead-letter queue) in one transaction: never in both, never in neither.</summary>
    public void Move(StoredMessage from, StoredMessage to)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = BeginWrite();
            using (var delete = _connection.CreateCommand())
            {
                delete.Transaction = transaction;
                delete.CommandText = "DELETE FROM messages WHERE entity = $entity AND seq = $seq";
                delete.Parameters.AddWithValue("$entity", from.Entity);
                delete.Parameters.AddWithValue("$seq", from.SequenceNumber);
                delete.ExecuteNonQuery();
            }

            using (var insert = _connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = InsertRow;
                Bind(insert, to);
                insert.ExecuteNonQuery();
            }

            BeforeCommit(StoreWriteHold.Move, from.Entity);
            transaction.Commit();
        }
    }

    /// <summary>
    /// Closes the store under the same gate as every operation: a restart (the server disposed while a link's handler is
    /// still writing) waits for that write to finish instead of closing the connection under it, and a write that comes
    /// after fails as one sent to a stopped broker would (the client is not told it was stored, so it retries).
    /// </summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _connection.Dispose();
        }
    }

    /// <summary>
    /// The fault point (off unless configured): the write <see cref="_hold"/> names has been written in its transaction and
    /// not committed; the thread stops here, under the store's gate, so the process can be killed while it persists. It
    /// never goes on: a process nobody kills ends itself when the hold's patience runs out.
    /// </summary>
    private void BeforeCommit(string operation, string entity)
    {
        if (_hold is not { } hold
            || !string.Equals(hold.Operation, operation, StringComparison.OrdinalIgnoreCase)
            || (!string.IsNullOrEmpty(hold.Entity) && !string.Equals(hold.Entity, entity, StringComparison.OrdinalIgnoreCase))
            || Interlocked.Increment(ref _holdCandidates) != hold.After + 1)
        {
            return;
        }

        Console.Error.WriteLine($"{HoldMarker} {operation} #{hold.After + 1} on '{entity}' written, not committed; holding it until the process is killed");
        Console.Error.Flush();
        Thread.Sleep(hold.Patience);
        Environment.FailFast($"The local Service Bus held a {operation} on '{entity}' before its commit for {hold.Patience.TotalSeconds:0} s and nobody killed the process (LocalServiceBus:HoldWriteBeforeCommit is a test's fault point).");
    }

    /// <summary>
    /// Opens a write's transaction, its commit synced to disk or not. Synced (PRAGMA synchronous FULL, session 31): every
    /// write a client is told about (a send, a completion, a dead letter, an abandon, a deferral) is in the log on disk
    /// before the answer. Under NORMAL, which this store used before, the log is synced only at checkpoints, and "a
    /// transaction committed in WAL mode with synchronous=NORMAL might roll back following a power loss or system crash"
    /// (SQLite, PRAGMA synchronous): an acknowledged send could vanish, a completed payment come back. Not synced: taking
    /// and renewing a lock, which a power loss may undo harmlessly (the message comes back sooner, as after a lost lock;
    /// Service Bus keeps no lock across a failover either). The log is written in order and a synced commit syncs what
    /// came before it, so a lost lock write never takes a synced write with it.
    /// </summary>
    private SqliteTransaction BeginWrite(bool synced = true)
    {
        SetSynchronous(synced);
        return _connection.BeginTransaction();
    }

    private void SetSynchronous(bool synced)
    {
        if (_synced != synced)
        {
            Execute(synced ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
            _synced = synced;
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void Bind(SqliteCommand command, StoredMessage message)
    {
        command.Parameters.AddWithValue("$entity", message.Entity);
        command.Parameters.AddWithValue("$seq", message.SequenceNumber);
        command.Parameters.AddWithValue("$payload", message.Payload);
        command.Parameters.AddWithValue("$enqueued", message.EnqueuedAt.UtcTicks);
        command.Parameters.AddWithValue("$expires", message.ExpiresAt is { } expires ? expires.UtcTicks : DBNull.Value);
        command.Parameters.AddWithValue("$failed", message.FailedDeliveries);
        command.Parameters.AddWithValue("$state", (int)message.State);
        command.Parameters.AddWithValue("$lock", message.LockToken is { } token ? token.ToString() : DBNull.Value);
        command.Parameters.AddWithValue("$until", message.LockedUntil is { } until ? until.UtcTicks : DBNull.Value);
    }
}
