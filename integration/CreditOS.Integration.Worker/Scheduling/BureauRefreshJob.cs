using CreditOS.Integration.Worker.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditOS.Integration.Worker.Scheduling;

/// <summary>Calls the bureau refresh hook once a day at the configured UTC time.</summary>
public sealed partial class BureauRefreshJob(IServiceScopeFactory scopes, IOptions<SchedulingOptions> options, TimeProvider clock, ILogger<BureauRefreshJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.BureauRefreshEnabled)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = clock.GetUtcNow();
                var next = NextRun(now, options.Value.BureauRefreshTimeOfDayUtc);
                await Task.Delay(next - now, clock, stoppingToken).ConfigureAwait(false);
                await RunGuardedAsync(DateOnly.FromDateTime(next.UtcDateTime), stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping between or during refreshes.
        }
    }

    public static DateTimeOffset NextRun(DateTimeOffset now, TimeSpan timeOfDayUtc)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) + timeOfDayUtc;
        return today > now ? today : today.AddDays(1);
    }

    /// <summary>A refresh that fails is logged and the job waits for the next day's; it never ends the worker.</summary>
    private async Task RunGuardedAsync(DateOnly day, CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(day, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogRefreshFailed(failure, day);
        }
    }

    public async Task<bool> RunAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var hook = scope.ServiceProvider.GetService<IBureauRefreshHook>();
            if (hook is null)
            {
                LogNoHook(day);
                return false;
            }

            await hook.RefreshAsync(day, cancellationToken).ConfigureAwait(false);
            LogRefreshed(day);
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Bureau refresh for {Day} failed; the next one runs tomorrow")]
    private partial void LogRefreshFailed(Exception failure, DateOnly day);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bureau refresh for {Day} skipped: no refresh hook is registered")]
    private partial void LogNoHook(DateOnly day);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bureau refresh for {Day} done")]
    private partial void LogRefreshed(DateOnly day);
}
