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

    /// <summary>The line a held write prints (standard error) when it stops before its commit: a test waits for it, then kills the process.</summary>
    public const string HoldMarker = "LOCAL-SERVICEBUS-HOLD:";

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private readonly StoreWriteHold? _hold;
    private int _holdCandidates;
    private bool _disposed;

    /// <param name="hold">A test's fault point (session 29), null by default: the write it names stops before its commit.</param>
    public MessageStore(string path, StoreWriteHold? hold = null)
    {
        _hold = hold;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=NORMAL;");
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
            using var transaction = _connection.BeginTransaction();
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

    public void Update(StoredMessage message)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = _connection.BeginTransaction();
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
            using var transaction = _connection.BeginTransaction();
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
            using var transaction = _connection.BeginTransaction();
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
