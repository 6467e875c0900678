extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.PolicyBuilder;
using Plugin = plugins::CreditOS.Plugins.OrderCreditCheckPlugin;

namespace CreditOS.Plugins.Tests.Concurrency;

/// <summary>
/// Two subsidiaries of one group order at the same moment: each order fits its own limit and the group alone, not
/// together. The first save's transaction is kept open until the second waits for a row lock (the group parent's),
/// so they always overlap: exactly one is approved, the other is refused with the group's figures, and neither
/// deadlocks (subsidiary locks are always taken before the parent's).
/// </summary>
[Collection(nameof(ConcurrencyCollection))]
public sealed class CreditGroupConcurrencyTests
{
    [Fact]
    public async Task TwoSubsidiariesOrderingTogether_ThatOnlyFitTheGroupAlone_ExactlyOneIsApproved()
    {
        using var world = CreditWorld.WithPlugins(typeof(Plugin));
        world.Service.Update(APolicy().BlockingAbove(1.0m).Build());
        AnAccount().WithId(CreditTestIds.GroupParent).Named("Northwind Holdings").WithLimit(100_000).WithOpenReceivables(40_000).WithGroupLimit(100_000).Create(world.Service);
        AnAccount().WithId(CreditTestIds.Customer).Named("Northwind Retail").WithLimit(50_000).SubsidiaryOf(CreditTestIds.GroupParent).Create(world.Service);
        AnAccount().WithId(CreditTestIds.SecondCustomer).Named("Northwind Trade").WithLimit(50_000).SubsidiaryOf(CreditTestIds.GroupParent).Create(world.Service);
        await TwoGroupOrdersAtOnce.OnlyOneFitsTheHoldingsGroup(world, new("0d000000-0000-4000-8000-000000000012"));
    }
}
