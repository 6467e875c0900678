using System.Diagnostics;

namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// The broker's account of a queue after a worker's graceful stop (session 35). Messages the stop gave back can be handed
/// straight back to the stopping worker's own receive link (it still holds credit from a receive that got fewer messages
/// than it asked for); with no prefetch the official client releases each as it arrives (no receive call waits), the broker
/// hands it back again while the credit lasts, and the close's drain ends that: the last releases reach the broker after the
/// stop has returned. Azure Service Bus does the same (they are ordinary dispositions). So "right after the stop" such a
/// message is still locked for a moment; what must never happen is a message left on its lock (30 s in these tests), which
/// only the lock's expiry would bring back.
/// </summary>
public static class QueueAfterStop
{
    /// <summary>How long the closing receiver's releases may take to land: a third of the tests' 30 s lock, so a message left on its lock is still caught.</summary>
    public static readonly TimeSpan ReleaseGrace = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Reads <paramref name="queue"/> at once and then until every message on it is ready (not locked), at most
    /// <paramref name="grace"/>; the report says what the first look found and what was still not ready at the end.
    /// </summary>
    public static async Task<QueueAfterStopReport> UntilEveryMessageReadyAsync(LocalServiceBusForWorker bus, string queue, int max, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(bus);
        var watch = Stopwatch.StartNew();
        var first = bus.Server.DescribeMessages(queue, max);
        var firstNotReady = NotReady(first);
        var last = first;
        while (NotReady(last).Count > 0 && watch.Elapsed < grace)
        {
            await Task.Delay(20);
            last = bus.Server.DescribeMessages(queue, max);
        }

        return new QueueAfterStopReport(firstNotReady, NotReady(last), last, watch.Elapsed);
    }

    private static List<string> NotReady(IEnumerable<string> lines) =>
        lines.Where(line => !line.EndsWith(", ready", StringComparison.Ordinal)).ToList();
}

/// <param name="NotReadyAtFirst">Messages not ready when the queue was first read right after the stop (releases in transit).</param>
/// <param name="NotReadyAtEnd">Messages still not ready when the grace ran out: left on their lock.</param>
/// <param name="Messages">Every message on the queue at the last read.</param>
/// <param name="Waited">How long the releases took to land (or the whole grace).</param>
public sealed record QueueAfterStopReport(IReadOnlyList<string> NotReadyAtFirst, IReadOnlyList<string> NotReadyAtEnd, IReadOnlyList<string> Messages, TimeSpan Waited)
{
    public string Summary =>
        $"{NotReadyAtFirst.Count} of {Messages.Count} message(s) not ready right after the stop, {NotReadyAtEnd.Count} still not after {Waited.TotalMilliseconds:0} ms";
}
