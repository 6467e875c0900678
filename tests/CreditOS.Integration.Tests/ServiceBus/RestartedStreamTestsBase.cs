using CreditOS.Integration.Tests.Support;
using CreditOS.LocalDataverse.WebApi.OData;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// The audit rounds' streams' fault: the local Service Bus (lock 5 s, MaxDeliveryCount 5) restarted once, 200 ms after the 2nd
/// $batch reaches the local Dataverse, while that batch's answer and completions are on the way. The lifetime is
/// <see cref="ServiceBusStreamTestsBase"/>'s; each stream test owns its messages and its assertions.
/// </summary>
public abstract class RestartedStreamTestsBase() : ServiceBusStreamTestsBase(TimeSpan.FromSeconds(5), maxDeliveryCount: 5)
{
    /// <summary>The receivable step rescores asynchronously: wait until the accounts' open receivables stop moving.</summary>
    private protected Task WaitForRescoringAsync(IEnumerable<Guid> accounts) => Local.WaitForOpenReceivablesToSettleAsync(accounts);

    private protected override WebApiResult? OnBatch(int number, WebApiRequest request)
    {
        if (number == 2)
        {
            RestartAfter(TimeSpan.FromMilliseconds(200));
        }

        return null;
    }
}
