using System.Text.Json.Nodes;
using CreditOS.Integration.Worker.Dataverse;
using Microsoft.Extensions.Logging;

namespace CreditOS.Integration.Worker.Scheduling;

/// <summary>
/// Rescores a page of accounts by invoking the bound Custom API cos_RescoreAccount on each with Trigger = scheduled
/// (so the score history records scheduled scoring), many per $batch request, through the client's limiter and
/// retries. One account that cannot be scored (no currency, for example) is logged and does not stop the rest of the page.
/// </summary>
public sealed partial class WebApiCustomerBaseRescorer(DataverseWebApiClient client, ILogger<WebApiCustomerBaseRescorer> logger) : ICustomerBaseRescorer
{
    public async Task RescorePageAsync(IReadOnlyList<Guid> accountIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        var operations = accountIds
            .Select(id => BatchOperation.BoundAction(
                DataverseSchema.Account.EntitySet,
                id,
                DataverseSchema.Account.RescoreAction,
                new JsonObject { [DataverseSchema.Account.RescoreTrigger] = DataverseSchema.Account.ScheduledTrigger }))
            .ToList();
        var results = await client.ExecuteBatchAsync(operations, cancellationToken).ConfigureAwait(false);
        var failed = 0;
        for (var index = 0; index < results.Count; index++)
        {
            if (!results[index].Succeeded)
            {
                failed++;
                LogAccountNotRescored(accountIds[index], results[index].StatusCode, results[index].ErrorMessage);
            }
        }

        LogPageRescored(accountIds.Count - failed, failed);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} was not rescored ({Status}): {Reason}")]
    private partial void LogAccountNotRescored(Guid accountId, int status, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch rescore page: {Rescored} accounts rescored, {Failed} failed")]
    private partial void LogPageRescored(int rescored, int failed);
}
