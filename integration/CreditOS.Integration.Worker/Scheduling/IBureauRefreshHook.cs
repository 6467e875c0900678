namespace CreditOS.Integration.Worker.Scheduling;

/// <summary>Refreshes bureau reports for the customers due for one (called once a day).</summary>
public interface IBureauRefreshHook
{
    Task RefreshAsync(DateOnly day, CancellationToken cancellationToken);
}
