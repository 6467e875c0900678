using System.Globalization;
using System.Text.RegularExpressions;

namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// What a stopped worker process took from each queue and what it settled, read from its log (session 32): every batch the
/// Service Bus pump receives is logged with its count ("received N message(s)"), and every settlement goes through
/// <c>ServiceBusSettler</c>, which logs exactly one line per message whether it completed, abandoned, dead-lettered or could
/// not settle it. A process that stopped cleanly received as many messages as it settled, queue by queue.
/// </summary>
/// <remarks>
/// Why not "nothing locked after the exit" (the assertion until session 32): a message the stopping worker abandons goes
/// straight back to the same receive link when that link still holds credit from a receive that got fewer than it asked
/// for, and the official client's close cannot give it back in time (Azure/azure-amqp issue 229 asks for a drain on close;
/// Azure/azure-sdk-for-python issue 47999 shows it against Service Bus itself). Such a message stays locked until its lock
/// runs out and is then delivered to the next process: a delay of one lock duration, never a loss. What the worker owns is
/// that it settles every message it took.
/// </remarks>
public static partial class StoppedWorkerReceipts
{
    /// <summary>Queue by queue, messages received minus settlements logged; only queues where the two differ.</summary>
    public static IReadOnlyDictionary<string, (int Received, int Settled)> Unsettled(string log)
    {
        var received = new Dictionary<string, int>(StringComparer.Ordinal);
        var settled = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in log.Split('\n'))
        {
            if (ReceivedLine().Match(line) is { Success: true } batch)
            {
                Add(received, batch.Groups["queue"].Value, int.Parse(batch.Groups["count"].Value, CultureInfo.InvariantCulture));
            }
            else if (SettledLine().Match(line) is { Success: true } settlement)
            {
                Add(settled, settlement.Groups["queue"].Value, 1);
            }
        }

        return received.Keys.Union(settled.Keys)
            .Select(queue => (Queue: queue, Received: received.GetValueOrDefault(queue), Settled: settled.GetValueOrDefault(queue)))
            .Where(entry => entry.Received != entry.Settled)
            .ToDictionary(entry => entry.Queue, entry => (entry.Received, entry.Settled), StringComparer.Ordinal);
    }

    private static void Add(Dictionary<string, int> counts, string queue, int count) => counts[queue] = counts.GetValueOrDefault(queue) + count;

    [GeneratedRegex(@"ServiceBusMessagePump\[\d+\] (?<queue>\S+): received (?<count>\d+) message\(s\)")]
    private static partial Regex ReceivedLine();

    [GeneratedRegex(@"ServiceBusSettler\[\d+\] (?<queue>\S+): (completed message|abandoned message|dead-lettered message|could not settle message) ")]
    private static partial Regex SettledLine();
}
