using System.Collections.Concurrent;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Tests.Support;

/// <summary>A handler whose decision per delivery a test scripts; it records every delivery it saw.</summary>
public sealed class ScriptedHandler(Func<InboundMessage, int, SettleDecision> decide, TimeSpan? delayPerBatch = null) : IMessageBatchHandler
{
    public ConcurrentDictionary<string, int> Deliveries { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, int> Completed { get; } = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<SettleDecision>> HandleAsync(IReadOnlyList<InboundMessage> messages, CancellationToken cancellationToken)
    {
        if (delayPerBatch is { } delay)
        {
            await Task.Delay(delay, cancellationToken);
        }

        var decisions = new List<SettleDecision>();
        foreach (var message in messages)
        {
            var delivery = Deliveries.AddOrUpdate(message.MessageId, 1, (_, count) => count + 1);
            var decision = decide(message, delivery);
            if (decision.Kind == SettleKind.Complete)
            {
                Completed.AddOrUpdate(message.MessageId, 1, (_, count) => count + 1);
            }

            decisions.Add(decision);
        }

        return decisions;
    }
}

public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:F0}s waiting for: {what}");
            }

            await Task.Delay(25);
        }
    }
}
