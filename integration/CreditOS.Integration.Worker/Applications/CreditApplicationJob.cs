using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditOS.Integration.Worker.Applications;

/// <summary>Runs <see cref="CreditApplicationBureauStep"/> every <see cref="CreditApplicationOptions.PollInterval"/>; a failed pass is logged and the next one runs.</summary>
public sealed partial class CreditApplicationJob(IServiceScopeFactory scopes, IOptions<CreditApplicationOptions> options, TimeProvider clock, ILogger<CreditApplicationJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
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
            // Stopping: an application in flight is picked up again by the next start.
        }
    }

    private async Task RunGuardedAsync(CancellationToken stoppingToken)
    {
        try
        {
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                await scope.ServiceProvider.GetRequiredService<CreditApplicationBureauStep>().RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogPassFailed(failure, options.Value.PollInterval);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A credit application pass failed; the next runs in {Interval}")]
    private partial void LogPassFailed(Exception failure, TimeSpan interval);
}
