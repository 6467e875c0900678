namespace CreditOS.Integration.Worker.Scheduling;

/// <summary>
/// Rescores one page of accounts in scheduled scoring mode (the default invokes the cos_RescoreAccount Custom API). Called by
/// the batch rescore job once per page, so each call stays within Dataverse's limits.
/// </summary>
public interface ICustomerBaseRescorer
{
    Task RescorePageAsync(IReadOnlyList<Guid> accountIds, CancellationToken cancellationToken);
}
