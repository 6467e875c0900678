using CreditOS.Integration.Worker.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditOS.Integration.Worker.Scheduling;

/// <summary>
/// Runs the full batch rescore of the customer base on a schedule, page by page, through the registered
/// <see cref="ICustomerBaseRescorer"/> (by default <see cref="WebApiCustomerBaseRescorer"/>), then writes the day's
/// portfolio KPI snapshot (<see cref="PortfolioKpiSnapshotWriter"/>).
/// </summary>
public sealed partial class BatchRescoreJob(IServiceScopeFactory scopes, IOptions<SchedulingOptions> options, TimeProvider clock, ILogger<BatchRescoreJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.BatchRescoreEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.BatchRescoreInterval, clock);
        try
        {
            do
            {
                await RunGuardedAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the pass in progress ends here and the next start begins a fresh one.
        }
    }

    /// <summary>
    /// A pass that fails (Dataverse unreachable, throttled beyond its retries, …) is logged and the job waits for its
    /// next tick: one bad night must not end the schedule, nor the worker that hosts it.
    /// </summary>
    private async Task RunGuardedAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunOnceAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogRunFailed(failure, options.Value.BatchRescoreInterval);
        }
    }

    /// <summary>One full pass over the customer base; returns how many accounts were handed to the rescorer.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var rescorer = scope.ServiceProvider.GetService<ICustomerBaseRescorer>();
            if (rescorer is null)
            {
                LogNoRescorer();
                return 0;
            }

            var pager = scope.ServiceProvider.GetRequiredService<AccountPager>();
            var total = 0;
            await foreach (var page in pager.PagesAsync(cancellationToken).ConfigureAwait(false))
            {
                await rescorer.RescorePageAsync(page, cancellationToken).ConfigureAwait(false);
                total += page.Count;
            }

            LogRescored(total);
            if (options.Value.KpiSnapshotEnabled)
            {
                // The day's KPIs from the fresh scores: the credit manager's dashboard and its history.
                var snapshot = await scope.ServiceProvider.GetRequiredService<PortfolioKpiSnapshotWriter>().WriteAsync(cancellationToken).ConfigureAwait(false);
                LogSnapshotWritten(snapshot.Day, snapshot.Kpis.AccountCount);
            }

            return total;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Portfolio KPI snapshot of {Day:yyyy-MM-dd} written ({Accounts} accounts)")]
    private partial void LogSnapshotWritten(DateTime day, int accounts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Batch rescore failed; the next pass starts in {Interval}")]
    private partial void LogRunFailed(Exception failure, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch rescore skipped: no customer-base rescorer is registered")]
    private partial void LogNoRescorer();

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch rescore handed {Count} accounts to the rescorer")]
    private partial void LogRescored(int count);
}
