using CreditOS.Integration.Worker.Scheduling;

namespace CreditOS.Integration.Worker.Bureau;

/// <summary>The daily refresh hook: the monitoring run; an interrupted run fails the day's refresh with the bureau's reason.</summary>
public sealed class BureauMonitoringRefresh(BureauMonitoringJob job) : IBureauRefreshHook
{
    public async Task RefreshAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var result = await job.RunAsync(cancellationToken).ConfigureAwait(false);
        if (!result.Completed)
        {
            throw new InvalidOperationException($"The bureau refresh of {day:yyyy-MM-dd} stopped: {result.Interrupted} Done before it stopped: {result}. The next run resumes (events are pulled with an overlapping window).");
        }
    }
}
