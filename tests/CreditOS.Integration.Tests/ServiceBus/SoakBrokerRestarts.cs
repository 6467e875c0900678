using CreditOS.Integration.Tests.Support;
using CreditOS.LocalDataverse.WebApi.OData;
using Microsoft.Extensions.DependencyInjection;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Broker restarts timed at the soak's awkward moments (session 20), drawn from the run's seed, one restart at a time:
/// <list type="bullet">
/// <item><b>During a $batch</b>: the local Dataverse's fault hook stops the broker as a <c>$batch</c> arrives and starts it
/// again while the batch runs, so the writes commit while every worker's links are gone.</item>
/// <item><b>Between the commit and the complete</b>: a handler on the worker's Dataverse HTTP client holds a committed
/// <c>$batch</c> answer, stops and restarts the broker, then hands the answer on, so the worker settles messages whose receive
/// link died after their writes committed (Service Bus answers <c>MessageLockLost</c>; the message comes back and its
/// redelivery must change nothing).</item>
/// </list>
/// Scheduled restarts (<see cref="RestartAsync"/>) take the same gate, so two never overlap.
/// An awkward-moment restart drawn while the test itself is sending (<see cref="LocalServiceBusForWorker.SendAsync"/>) is
/// skipped and counted (<see cref="HeldBack"/>), not waited for (session 27, seed 27102: a restart during the test's send of
/// the late invoices, the official client's retry stored that chunk twice and the test stopped before its ledger check).
/// Skipped rather than delayed because the moment is the point: waiting would hold the $batch request (a stall the seed did
/// not draw, past the 3 s lock) or restart after the batch or its settlement is over. The draw is made as before (the
/// draws' sequence is unchanged) and a skipped restart does not count towards <see cref="MaxEach"/>, so a later $batch can
/// still draw one. Scheduled restarts still land during the test's sends, as since session 17 (its sender's outbox).
/// </summary>
internal sealed class SoakBrokerRestarts(int seed, LocalServiceBusForWorker bus, int maxEach)
{
    private readonly LocalServiceBusForWorker _bus = bus;
    private readonly int _maxEach = maxEach;
    private readonly Random _random = new(seed ^ 0xB0A7);
    private readonly Lock _draws = new();
    private int _restarting; // 1 while a restart is under way: the gate every restart takes
    private int _duringBatch;
    private int _afterCommit;
    private int _heldBack;

    public List<string> Events { get; } = [];

    /// <summary>At most this many restarts during a $batch, and as many between a commit and its settlement.</summary>
    public int MaxEach => _maxEach;

    public int DuringBatch => Volatile.Read(ref _duringBatch);

    public int AfterCommit => Volatile.Read(ref _afterCommit);

    /// <summary>Awkward-moment restarts drawn while the test was sending, and skipped.</summary>
    public int HeldBack => Volatile.Read(ref _heldBack);

    /// <summary>A scheduled restart: the broker down for <paramref name="downMs"/>, unless another restart is under way (then none).</summary>
    public async Task<bool> RestartAsync(int downMs)
    {
        if (!TryEnter())
        {
            return false;
        }

        try
        {
            _bus.Stop();
            await Task.Delay(downMs);
            _bus.Start();
            return true;
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>The local Dataverse's fault hook: stops the broker as some $batch requests arrive (never refuses the request).</summary>
    public WebApiResult? OnRequest(WebApiRequest request)
    {
        if (request.Path != "$batch" || Volatile.Read(ref _duringBatch) >= _maxEach || !Draw(0.08, out var downMs) || !TryEnter())
        {
            return null;
        }

        if (!_bus.StopUnlessSending())
        {
            HoldBack("during a $batch");
            return null;
        }

        Interlocked.Increment(ref _duringBatch);
        Note($"broker down {downMs} ms during a $batch");
        _ = Task.Run(async () =>
        {
            await Task.Delay(downMs);
            _bus.Start();
            Leave();
        });
        return null;
    }

    /// <summary>Adds the between-commit-and-complete hook to a worker's HTTP clients (it acts on committed $batch answers only).</summary>
    public void Register(IServiceCollection services) =>
        services.ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler(() => new AfterCommitHandler(this)));

    private bool TryEnter() => Interlocked.CompareExchange(ref _restarting, 1, 0) == 0;

    private void Leave() => Volatile.Write(ref _restarting, 0);

    private void HoldBack(string moment)
    {
        Interlocked.Increment(ref _heldBack);
        Note($"restart {moment} skipped: the test was sending");
        Leave();
    }

    private bool Draw(double probability, out int downMs)
    {
        lock (_draws)
        {
            downMs = 200 + _random.Next(1_800);
            return _random.NextDouble() < probability;
        }
    }

    private void Note(string what)
    {
        lock (Events)
        {
            Events.Add(what);
        }
    }

    private sealed class AfterCommitHandler(SoakBrokerRestarts owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Method == HttpMethod.Post && request.RequestUri?.AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal) == true
                && response.IsSuccessStatusCode && Volatile.Read(ref owner._afterCommit) < owner._maxEach && owner.Draw(0.08, out var downMs)
                && owner.TryEnter())
            {
                if (!owner._bus.StopUnlessSending())
                {
                    owner.HoldBack("between a $batch's commit and its settlement");
                    return response;
                }

                try
                {
                    Interlocked.Increment(ref owner._afterCommit);
                    owner.Note($"broker down {downMs} ms between a $batch's commit and its settlement");
                    await Task.Delay(downMs, CancellationToken.None);
                    owner._bus.Start();
                }
                finally
                {
                    owner.Leave();
                }
            }

            return response;
        }
    }
}
