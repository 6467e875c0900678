using System.Collections.Concurrent;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CreditOS.Integration.Tests.Scheduling;

/// <summary>
/// A scheduled run that fails (here the first one, as in a Dataverse outage) is logged and the job keeps its
/// schedule: the next tick runs again and the hosted service never ends. Time is a FakeTimeProvider.
/// </summary>
public sealed class ScheduledJobFailureTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);
    private readonly WaitCountingClock _clock = new(new DateTimeOffset(2026, 11, 23, 0, 30, 0, TimeSpan.Zero));
    private LocalDataverseOverHttp _local = null!;

    public async Task InitializeAsync()
    {
        _local = await LocalDataverseOverHttp.StartAsync(withOrderCheck: false);
        _local.AddAccount("S-001");
        _local.AddAccount("S-002");
    }

    public async Task DisposeAsync() => await _local.DisposeAsync();

    [Fact]
    public async Task BatchRescore_AfterAFailedPass_RunsAgainOnTheNextTick_AndKeepsRunning()
    {
        var rescorer = new FailingFirstRescorer();
        await using var worker = Worker(
            new Dictionary<string, string?> { ["Scheduling:BatchRescoreEnabled"] = "true", ["Scheduling:BatchRescoreInterval"] = Interval.ToString() },
            services => services.AddSingleton<ICustomerBaseRescorer>(rescorer).AddSingleton<BatchRescoreJob>());
        var job = worker.Services.GetRequiredService<BatchRescoreJob>();

        await job.StartAsync(CancellationToken.None);
        await rescorer.Calls.WaitForAsync(1);
        _clock.Advance(Interval);
        await rescorer.Calls.WaitForAsync(2);

        Assert.Single(rescorer.RescoredPages);
        Assert.Equal(2, rescorer.RescoredPages.Single().Count);
        Assert.False(job.ExecuteTask!.IsCompleted, "the job ended after a failed pass");
        await job.StopAsync(CancellationToken.None);
        Assert.True(job.ExecuteTask.IsCompletedSuccessfully, "stopping the job must end it cleanly");
    }

    [Fact]
    public async Task BureauRefresh_AfterAFailedDay_RunsTheNextDay_AndKeepsRunning()
    {
        var hook = new FailingFirstHook();
        await using var worker = Worker(
            new Dictionary<string, string?> { ["Scheduling:BureauRefreshEnabled"] = "true", ["Scheduling:BureauRefreshTimeOfDayUtc"] = "02:00:00" },
            services => services.AddSingleton<IBureauRefreshHook>(hook).AddSingleton<BureauRefreshJob>());
        var job = worker.Services.GetRequiredService<BureauRefreshJob>();

        await job.StartAsync(CancellationToken.None);
        await AdvanceUntilAsync(() => hook.Days.Count >= 2);

        Assert.Equal([new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 24)], hook.Days.Take(2));
        Assert.False(job.ExecuteTask!.IsCompleted, "the job ended after a failed refresh");
        await job.StopAsync(CancellationToken.None);
        Assert.True(job.ExecuteTask.IsCompletedSuccessfully, "stopping the job must end it cleanly");
    }

    private WorkerUnderTest Worker(Dictionary<string, string?> overrides, Action<IServiceCollection> configure) =>
        WorkerUnderTest.Create(WorkerConfiguration.For(_local.Server.BaseUri, overrides), services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            configure(services);
        });

    /// <summary>
    /// Moves the fake clock an hour at a time, each step only once the job waits again: the job reads the clock when it
    /// starts waiting, so a step taken while it is still starting (a loaded machine) would move its first run a day on.
    /// </summary>
    private async Task AdvanceUntilAsync(Func<bool> done)
    {
        for (var hour = 0; hour < 96 && !done(); hour++)
        {
            await WaitUntilAsync(() => done() || _clock.HasPendingWait, "the job did not start waiting for its next run");
            _clock.Advance(TimeSpan.FromHours(1));
        }

        await WaitUntilAsync(done, "the job did not run again within four simulated days");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), failure);
    }

    /// <summary>
    /// A FakeTimeProvider that knows whether a wait is pending: each of the job's waits (Task.Delay) makes one timer, and
    /// a timer that fired no longer counts, so between a run and the job's next wait nothing is pending.
    /// </summary>
    private sealed class WaitCountingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private int _made;
        private int _fired;

        public bool HasPendingWait => Volatile.Read(ref _made) > Volatile.Read(ref _fired);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref _made);
            return base.CreateTimer(
                s =>
                {
                    Interlocked.Increment(ref _fired);
                    callback(s);
                },
                state, dueTime, period);
        }
    }

    private sealed class FailingFirstRescorer : ICustomerBaseRescorer
    {
        public CallCounter Calls { get; } = new();

        public ConcurrentQueue<IReadOnlyList<Guid>> RescoredPages { get; } = new();

        public Task RescorePageAsync(IReadOnlyList<Guid> accountIds, CancellationToken cancellationToken)
        {
            if (Calls.Increment() == 1)
            {
                throw new HttpRequestException("Dataverse is unreachable (simulated outage).");
            }

            RescoredPages.Enqueue(accountIds);
            return Task.CompletedTask;
        }
    }

    private sealed class FailingFirstHook : IBureauRefreshHook
    {
        public ConcurrentQueue<DateOnly> Days { get; } = new();

        public Task RefreshAsync(DateOnly day, CancellationToken cancellationToken)
        {
            Days.Enqueue(day);
            return Days.Count == 1 ? throw new TimeoutException("The bureau did not answer (simulated).") : Task.CompletedTask;
        }
    }

    /// <summary>Counts calls and lets a test wait for the n-th.</summary>
    private sealed class CallCounter
    {
        private int _count;

        public int Increment() => Interlocked.Increment(ref _count);

        public async Task WaitForAsync(int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (Volatile.Read(ref _count) < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"call {count} did not happen within 30 seconds");
                await Task.Delay(10);
            }
        }
    }
}
