using System.ComponentModel.DataAnnotations;

namespace CreditOS.Integration.Worker.Configuration;

/// <summary>How each queue's message pump gathers and processes batches.</summary>
public sealed class PumpOptions
{
    public const string SectionName = "Pump";

    /// <summary>Messages handed to a handler at once (Dataverse writes them in one $batch).</summary>
    [Range(1, 1000)]
    public int MaxBatchSize { get; set; } = 250;

    /// <summary>How long a partly filled batch waits for more messages before it is processed.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Batches of one queue processed at the same time.</summary>
    [Range(1, 32)]
    public int MaxConcurrentBatches { get; set; } = 4;

    /// <summary>How long a receive waits on an idle queue before checking for shutdown.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30")]
    public TimeSpan IdleReceiveWait { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a receive may outlive its own wait before the connection counts as silent and is replaced.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan LinkSilenceAllowance { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Pause after a batch had to be abandoned for a transient failure, so redeliveries do not burn the delivery limit. On
    /// the Service Bus transport each message is held this long × its delivery count (at most 5 ×) before it is abandoned.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan TransientFailurePause { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Service Bus transport: how many messages a receiver may hold before their abandon (see TransientFailurePause) at
    /// once; a message beyond it is abandoned at once rather than held. Each held message keeps its lock renewed. Session 17
    /// gave the receiver this much credit beyond Broker:Prefetch, since with prefetch a held message kept a credit until it
    /// was settled (Azure/azure-amqp#275); since session 19 the receiver prefetches nothing and a held message takes no
    /// credit from the next receive (measured), so this is only the cap on held messages.
    /// </summary>
    [Range(0, 5000)]
    public int MaxHeldMessages { get; set; } = 100;

    /// <summary>
    /// Service Bus transport (session 23): how many times a message that waits for another one (a payment for its invoice, a
    /// reversal for its payment: <c>SettleDecision.Wait</c>) is handled again within the same delivery, each after a further
    /// hold of TransientFailurePause with its lock renewed, before it is abandoned. Waiting then costs time, not deliveries:
    /// before, every hold ended in an abandon, so under broker restarts a payment whose invoice came a few seconds late used
    /// up MaxDeliveryCount and was dead-lettered (ServiceBusLockLostStreamTests seed 21002). 0: abandon after the first hold.
    /// </summary>
    [Range(0, 20)]
    public int RechecksPerDelivery { get; set; } = 3;

    /// <summary>
    /// How long the host waits, after SIGTERM (a platform stopping the container, Ctrl+C), for the pumps' in-flight work before
    /// it gives up and the process exits (the generic host's HostOptions.ShutdownTimeout, session 29; unset it was .NET's
    /// 30 s, chosen by no one). The in-flight work at a stop is bounded by the queues' lock duration: a stop cancels the
    /// handlers' Dataverse calls and cuts holds short, so what is left is settling what each batch holds (completions of
    /// what committed, abandons of the rest: Pump:MaxConcurrentBatches × Pump:MaxBatchSize messages per queue, one round trip
    /// each) and closing the receivers; no lock is renewed during it, so once the lock duration has passed every message
    /// the worker still holds is back on its queue and a settlement could only fail MessageLockLost. Waiting longer buys
    /// nothing; exiting sooner leaves messages locked until their locks run out (redelivered then with one more delivery
    /// counted, never lost). Set it to the queues' lock duration (1 minute in the deployment guide, Service Bus' default)
    /// and the platform's grace period above it (Kubernetes' terminationGracePeriodSeconds, 30 s by default).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromMinutes(1);
}
