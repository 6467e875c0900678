using System.Buffers.Binary;
using Azure.Messaging.ServiceBus;
using Microsoft.Data.Sqlite;

namespace CreditOS.LocalServiceBus.Tests;

/// <summary>
/// The broker's store damaged on disk (session 31): a commit torn while being written, a power loss, a file cut short, an
/// index that lost entries. The broker recovers what it acknowledged or refuses to start, naming the file; it never starts
/// with fewer messages than it acknowledged.
/// </summary>
public sealed class StoreDamageTests
{
    private static QueueDefinition Payments() => new() { Name = "payments", LockDuration = TimeSpan.FromSeconds(30) };

    [Fact]
    public void Every_write_a_client_is_told_about_is_synced_to_disk_before_the_answer()
    {
        var directory = Directory.CreateTempSubdirectory("creditos-sb-sync-").FullName;
        try
        {
            using var store = new MessageStore(Path.Combine(directory, "bus.db"));
            var sent = Message("payments", 1);

            // 2 = FULL: in WAL mode the log is synced at every commit. NORMAL (1) syncs it only at checkpoints, and SQLite
            // documents that such a commit "might roll back following a power loss or system crash": an acknowledged send
            // lost, a completed payment back. The setting a write leaves is the one its commit ran with.
            store.Insert("payments", [sent]);
            Assert.Equal(2, store.SynchronousSetting); // a send

            sent.LockToken = Guid.NewGuid();
            sent.LockedUntil = DateTimeOffset.UtcNow.AddSeconds(30);
            store.Update(sent, synced: false);
            Assert.Equal(1, store.SynchronousSetting); // a lock taken: a power loss may undo it (the message comes back sooner)

            sent.LockToken = null;
            sent.LockedUntil = null;
            sent.FailedDeliveries = 1;
            store.Update(sent);
            Assert.Equal(2, store.SynchronousSetting); // an abandon

            var second = Message("payments", 2);
            store.Insert("payments", [second]);
            store.Delete(second);
            Assert.Equal(2, store.SynchronousSetting); // a completion

            store.Move(sent, Message("payments/$DeadLetterQueue", 1));
            Assert.Equal(2, store.SynchronousSetting); // a dead letter
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static StoredMessage Message(string entity, long sequenceNumber) => new()
    {
        Entity = entity, SequenceNumber = sequenceNumber, Payload = [1, 2, 3], EnqueuedAt = DateTimeOffset.UtcNow, State = MessageState.Active,
    };

    [Fact]
    public async Task A_commit_torn_while_being_written_loses_nothing_that_was_acknowledged()
    {
        await using var bus = new LocalServiceBusFixture(options => options.Queues.Add(Payments()));
        var path = bus.Options.DatabasePath;
        var crash = Path.Combine(Path.GetDirectoryName(path)!, "crash.db");
        await using (var client = bus.Client())
        {
            await using var sender = client.CreateSender("payments");
            for (var index = 1; index <= 19; index++)
            {
                await sender.SendMessageAsync(new ServiceBusMessage($"p{index}") { MessageId = $"p-{index}" });
            }

            // What is on disk after 19 acknowledged sends (the broker still running: nothing checkpointed, the sends in the log).
            File.Copy(path, crash);
            var acknowledged = File.ReadAllBytes(path + "-wal");
            await sender.SendMessageAsync(new ServiceBusMessage("p20") { MessageId = "p-20" });
            var withTheTwentieth = File.ReadAllBytes(path + "-wal");
            Assert.True(withTheTwentieth.Length > acknowledged.Length, "the 20th send added no record to the log");

            // The power goes while the 20th commit is being written: half of its record reaches the disk.
            var torn = withTheTwentieth.AsSpan(0, acknowledged.Length + ((withTheTwentieth.Length - acknowledged.Length) / 2)).ToArray();
            File.WriteAllBytes(crash + "-wal", torn);
        }

        bus.Server.Dispose();
        var restarted = new LocalServiceBusServer(new LocalServiceBusOptions
        {
            Port = bus.Options.Port, TlsPort = bus.Options.TlsPort, DatabasePath = crash, Queues = { Payments() },
        });
        try
        {
            Assert.Equal(19, restarted.CountOf("payments"));
            Assert.Equal(19, restarted.LastSequenceNumberOf("payments"));
        }
        finally
        {
            restarted.Dispose();
        }
    }

    [Fact]
    public async Task A_store_cut_short_is_refused_naming_the_file()
    {
        await using var bus = new LocalServiceBusFixture(options => options.Queues.Add(Payments()));
        await SendAsync(bus, 200, payloadBytes: 2_000);
        bus.Server.Dispose(); // the last connection closes: the log is checkpointed into the file
        var path = bus.Options.DatabasePath;
        var length = new FileInfo(path).Length;
        using (var file = File.OpenWrite(path))
        {
            file.SetLength(length / 2);
        }

        var refusal = Assert.Throws<InvalidDataException>(() => new LocalServiceBusServer(bus.Options));
        Assert.Contains(path, refusal.Message, StringComparison.Ordinal);
        Assert.Contains("damaged", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_whose_index_lost_entries_is_refused_rather_than_loaded_short()
    {
        await using var bus = new LocalServiceBusFixture(options => options.Queues.Add(Payments()));
        await SendAsync(bus, 10, payloadBytes: 10);
        bus.Server.Dispose();
        var path = bus.Options.DatabasePath;

        // The messages' primary-key index is what the broker loads an entity by. Its leaf page loses its last three cells (the
        // page's cell count cut from 10 to 7), as a page written half over would; the table still holds all ten rows.
        long pageSize, root;
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA page_size;";
            pageSize = (long)command.ExecuteScalar()!;
            command.CommandText = "SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_messages_1';";
            root = (long)command.ExecuteScalar()!;
        }

        var bytes = File.ReadAllBytes(path);
        var page = checked((int)((root - 1) * pageSize));
        Assert.Equal(0x0A, bytes[page]); // a leaf page of an index
        var cells = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(page + 3, 2));
        Assert.Equal(10, cells);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(page + 3, 2), 7);
        File.WriteAllBytes(path, bytes);

        // Started on it, the broker used to load 7 of the 10 messages it had acknowledged, without a word.
        var refusal = Assert.Throws<InvalidDataException>(() => new LocalServiceBusServer(bus.Options));
        Assert.Contains(path, refusal.Message, StringComparison.Ordinal);
        Assert.Contains("missing from index", refusal.Message, StringComparison.Ordinal);
    }

    private static async Task SendAsync(LocalServiceBusFixture bus, int count, int payloadBytes)
    {
        await using var client = bus.Client();
        await using var sender = client.CreateSender("payments");
        foreach (var chunk in Enumerable.Range(1, count).Chunk(50))
        {
            await sender.SendMessagesAsync(chunk.Select(index => new ServiceBusMessage(new string('x', payloadBytes)) { MessageId = $"p-{index}" }));
        }

        Assert.Equal(count, bus.Server.CountOf("payments"));
    }
}
