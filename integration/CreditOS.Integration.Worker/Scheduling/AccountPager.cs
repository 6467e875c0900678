using CreditOS.Integration.Worker.Configuration;
using CreditOS.Integration.Worker.Dataverse;
using Microsoft.Extensions.Options;

namespace CreditOS.Integration.Worker.Scheduling;

/// <summary>Pages through every active account's id, at most the configured page size (≤ 5,000) per request.</summary>
public sealed class AccountPager(DataverseWebApiClient client, IOptions<SchedulingOptions> options)
{
    private const string ActiveAccounts = "statecode eq 0";

    public async IAsyncEnumerable<IReadOnlyList<Guid>> PagesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var url = $"{DataverseSchema.Account.EntitySet}?$select={DataverseSchema.Account.Id}&$filter={ActiveAccounts}&$orderby={DataverseSchema.Account.Id}";
        await foreach (var page in client.GetPagesAsync(url, options.Value.BatchRescorePageSize, cancellationToken).ConfigureAwait(false))
        {
            yield return page.Select(row => row[DataverseSchema.Account.Id]!.GetValue<Guid>()).ToList();
        }
    }
}
