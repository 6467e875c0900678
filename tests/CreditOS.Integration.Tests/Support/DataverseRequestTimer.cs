using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// Times the worker's Dataverse requests (a handler on each of its HTTP clients): the slowest one so far is the handling time a
/// <see cref="WorkerDrainBudget"/> stretches with, so a test's wait grows as the machine's load slows the worker down.
/// </summary>
public sealed class DataverseRequestTimer
{
    private long _slowestTicks;
    private long _requests;

    /// <summary>The slowest Dataverse request a worker made so far (a $batch with every plug-in, its stalls and throttling included).</summary>
    public TimeSpan Slowest => TimeSpan.FromTicks(Interlocked.Read(ref _slowestTicks));

    public long Requests => Interlocked.Read(ref _requests);

    public void Register(IServiceCollection services) =>
        services.ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler(() => new TimingHandler(this)));

    private void Record(TimeSpan elapsed)
    {
        Interlocked.Increment(ref _requests);
        var ticks = elapsed.Ticks;
        var slowest = Interlocked.Read(ref _slowestTicks);
        while (ticks > slowest)
        {
            var seen = Interlocked.CompareExchange(ref _slowestTicks, ticks, slowest);
            if (seen == slowest)
            {
                return;
            }

            slowest = seen;
        }
    }

    private sealed class TimingHandler(DataverseRequestTimer owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                owner.Record(Stopwatch.GetElapsedTime(started));
            }
        }
    }
}
