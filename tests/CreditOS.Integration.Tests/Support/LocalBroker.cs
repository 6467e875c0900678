using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Amqp;
using Amqp.Framing;

namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// The real local AMQP 1.0 broker started by eng/broker/rabbitmq-up.sh. Tests that need it fail (never skip)
/// with a clear message when it is not running.
/// </summary>
public static class LocalBroker
{
    public const string Host = "127.0.0.1";
    public const int Port = 5672;
    public const string UserName = "creditos";
    public const string Password = "creditos-local";
    public const string PaymentsQueue = "creditos.erp.payments";
    public const string ReceivablesQueue = "creditos.erp.receivables";
    public const string BureauQueue = "creditos.bureau.reports";
    public const string OrderIntakeQueue = "creditos.orders.intake";
    public const string WebShopReplies = "creditos.replies.webshop";
    public const string EdiReplies = "creditos.replies.edi";
    public const string PartnerPortalReplies = "creditos.replies.partnerportal";

    /// <summary>Service Bus' default MaxDeliveryCount, configured as x-delivery-limit by the up script.</summary>
    public const int DeliveryLimit = 10;

    public static string QueueAddress(string queue) => $"/amq/queue/{queue}";

    public static string DeadLetterAddress(string queue) => $"/amq/queue/{queue}.dlq";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static async Task EnsureRunningAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(Host, Port).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception exception) when (exception is SocketException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"The local AMQP broker is not reachable on {Host}:{Port}. Start it with 'sudo eng/broker/rabbitmq-up.sh' (it installs RabbitMQ if missing) and run the tests again.",
                exception);
        }
    }

    public static async Task<Connection> ConnectAsync() =>
        await new ConnectionFactory().CreateAsync(new Address(Host, Port, UserName, Password, "/", "AMQP"));

    public static Message TextMessage(string messageId, string subject, string body, string? replyTo = null) => new()
    {
        BodySection = new Data { Binary = Encoding.UTF8.GetBytes(body) },
        Header = new Header { Durable = true },
        Properties = new Properties { MessageId = messageId, Subject = subject, ReplyTo = replyTo },
    };

    public static async Task SendAsync(string queue, IEnumerable<Message> messages)
    {
        var connection = await ConnectAsync();
        try
        {
            var session = new Session(connection);
            var sender = new SenderLink(session, "test-sender-" + Guid.NewGuid().ToString("N"), QueueAddress(queue));
            await Task.WhenAll(messages.Select(message => sender.SendAsync(message)));
            await sender.CloseAsync();
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    /// <summary>Receives and accepts everything at an address until it stays empty for the quiet period.</summary>
    public static async Task<List<Message>> DrainAsync(string address, TimeSpan? quiet = null)
    {
        var connection = await ConnectAsync();
        var drained = new List<Message>();
        try
        {
            var session = new Session(connection);
            var receiver = new ReceiverLink(session, "test-drain-" + Guid.NewGuid().ToString("N"), address);
            receiver.SetCredit(500);
            Message? message;
            while ((message = await receiver.ReceiveAsync(quiet ?? TimeSpan.FromMilliseconds(400))) is not null)
            {
                receiver.Accept(message);
                drained.Add(message);
            }

            await receiver.CloseAsync();
        }
        finally
        {
            await connection.CloseAsync();
        }

        return drained;
    }

    public static async Task PurgeAsync(params string[] queues)
    {
        foreach (var queue in queues)
        {
            await DrainAsync(QueueAddress(queue), TimeSpan.FromMilliseconds(200));
            if (!queue.StartsWith("creditos.replies.", StringComparison.Ordinal))
            {
                await DrainAsync(DeadLetterAddress(queue), TimeSpan.FromMilliseconds(200));
            }
        }
    }

    /// <summary>Drains the dead-letter queues of <paramref name="queues"/>: message id → DeadLetterReason ("(none)" when missing).</summary>
    public static async Task<Dictionary<string, string>> DeadLetterReasonsAsync(IEnumerable<string> queues)
    {
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var queue in queues)
        {
            foreach (var message in await DrainAsync(DeadLetterAddress(queue)))
            {
                reasons[message.Properties.MessageId] = Property(message, "DeadLetterReason") ?? "(none)";
            }
        }

        return reasons;
    }

    public static string? Property(Message message, string name) =>
        message.ApplicationProperties?.Map.TryGetValue(name, out var value) == true ? value?.ToString() : null;

    public static string Body(Message message) => message.BodySection is Data data ? Encoding.UTF8.GetString(data.Binary) : message.Body?.ToString() ?? string.Empty;

    /// <summary>Stops and starts the broker node with the repository's scripts (as CI does).</summary>
    public static async Task RestartAsync()
    {
        await RunScriptAsync("rabbitmq-down.sh");
        await RunScriptAsync("rabbitmq-up.sh");
    }

    public static Task StopAsync() => RunScriptAsync("rabbitmq-down.sh");

    public static Task StartAsync() => RunScriptAsync("rabbitmq-up.sh");

    /// <summary>
    /// Messages the broker still holds for each queue, ready or delivered and not yet settled (rabbitmqctl's
    /// 'messages'). Zero means nothing is waiting and no settlement is outstanding: a completion whose disposition was
    /// lost in a restart shows here again until its redelivery is settled.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, long>> HeldAsync(params string[] queues)
    {
        using var process = Process.Start(new ProcessStartInfo("rabbitmqctl", ["-q", "list_queues", "name", "messages"]) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("Could not start rabbitmqctl.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl list_queues failed ({process.ExitCode}): {await error}");
        }

        var held = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split('\t');
            if (fields.Length == 2 && queues.Contains(fields[0], StringComparer.Ordinal) && long.TryParse(fields[1], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var count))
            {
                held[fields[0]] = count;
            }
        }

        var missing = queues.Where(queue => !held.ContainsKey(queue)).ToList();
        return missing.Count == 0 ? held : throw new InvalidOperationException($"rabbitmqctl did not list {string.Join(", ", missing)}.");
    }

    private static async Task RunScriptAsync(string script)
    {
        var path = Path.Combine(RepositoryRoot, "eng", "broker", script);
        using var process = Process.Start(new ProcessStartInfo("bash", [path]) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"Could not start {path}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed ({process.ExitCode}): {await output} {await error}");
        }
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CreditOS.Crm.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Repository root (CreditOS.Crm.sln) not found above the test binaries.");
    }
}

/// <summary>Broker tests share the real queues, so they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BrokerCollection
{
    public const string Name = "Local AMQP broker";
}
