extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.PolicyBuilder;
using Plugin = plugins::CreditOS.Plugins.OrderCreditCheckPlugin;

namespace CreditOS.Plugins.Tests.Concurrency;

/// <summary>
/// Two grandchildren in different branches of one group (Holdings → Europe → Paris, Holdings → America → Boston; each
/// branch a group of its own too) order at the same moment: each order fits its own limit, its branch's group and the
/// holding's group alone, not together. The first save's transaction is held open until the second waits for a row
/// lock (the holding's), so they always overlap: exactly one is approved, the other refused with the holding's figures,
/// and neither deadlocks (locks are always claimed going up the hierarchy).
/// </summary>
[Collection(nameof(ConcurrencyCollection))]
public sealed class CorporateHierarchyConcurrencyTests
{
    private static readonly Guid Europe = new("c0000000-0000-4000-8000-0000000000b1");
    private static readonly Guid America = new("c0000000-0000-4000-8000-0000000000b2");

    [Fact]
    public async Task TwoGrandchildrenInDifferentBranches_OrderingTogether_ThatOnlyFitTheHoldingsGroupAlone_ExactlyOneIsApproved()
    {
        using var world = CreditWorld.WithPlugins(typeof(Plugin));
        world.Service.Update(APolicy().BlockingAbove(1.0m).Build());
        AnAccount().WithId(CreditTestIds.GroupParent).Named("Northwind Holdings").WithLimit(500_000).WithOpenReceivables(40_000).WithGroupLimit(100_000).Create(world.Service);
        AnAccount().WithId(Europe).Named("Northwind Europe").WithLimit(100_000).WithGroupLimit(80_000).SubsidiaryOf(CreditTestIds.GroupParent).Create(world.Service);
        AnAccount().WithId(America).Named("Northwind America").WithLimit(100_000).WithGroupLimit(80_000).SubsidiaryOf(CreditTestIds.GroupParent).Create(world.Service);
        AnAccount().WithId(CreditTestIds.Customer).Named("Northwind Paris").WithLimit(50_000).SubsidiaryOf(Europe).Create(world.Service);
        AnAccount().WithId(CreditTestIds.SecondCustomer).Named("Northwind Boston").WithLimit(50_000).SubsidiaryOf(America).Create(world.Service);
        await TwoGroupOrdersAtOnce.OnlyOneFitsTheHoldingsGroup(world, new("0d000000-0000-4000-8000-000000000013"));
    }
}
