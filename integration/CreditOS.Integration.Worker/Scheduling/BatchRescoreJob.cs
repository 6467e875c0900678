using CreditOS.Integration.Worker.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditOS.Integration.Worker.Scheduling;

/// <summary>
/// Runs the full batch rescore of the customer base on a schedule, page by page, through the registered
/// <see cref="ICustomerBaseRescorer"/> (by default <see cref="WebApiCustomerBaseRescorer"/>).
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
        do
        {
            await RunOnceAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
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
            return total;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch rescore skipped: no customer-base rescorer is registered")]
    private partial void LogNoRescorer();

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch rescore handed {Count} accounts to the rescorer")]
    private partial void LogRescored(int count);
}
