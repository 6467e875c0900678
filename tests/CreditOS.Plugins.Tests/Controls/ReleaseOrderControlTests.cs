extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 12 (session 19), round 11's leftover: held orders and orders awaiting prepayment are released in turn,
/// and the turn was the order's <c>createdon</c>. Backdating a new order is refused (`RecordedOnGuard`, round 8), but an
/// old order brought into the queue by a rep, moved from another customer (or reactivated), kept its old date and went
/// first: Rita's 2,500.00 order for a starter customer had waited for the customer's prepayment; Sam moved his own order
/// of June 2025 onto the same customer; the customer's 2,500.00 payment released Sam's order and left Rita's waiting. The
/// turn is now when the credit check last held the order (<c>cos_creditcheckedon</c>, credit-owned, stamped by the check
/// with every decision), so an order enters the queue when it is held, as Sam and Rita (Sales Rep) through the local
/// Dataverse with every plug-in.
/// </summary>
public sealed class ReleaseOrderControlTests : IDisposable
{
    private static readonly Guid OldOrder = new("e2000000-0000-4000-8000-0000000000c7");
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();
    private readonly Guid rita;

    public ReleaseOrderControlTests()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        AnAccount().WithId(CreditTestIds.SecondCustomer).Named("Fabrikam").WithLimit(100_000).Create(world.Service);
        var old = AnOrder().WithId(OldOrder).For(CreditTestIds.SecondCustomer).Of(2_500m).Build();
        old[SalesOrder.Fields.Name] = "Standing order June 2025";
        old["overriddencreatedon"] = new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        old["ownerid"] = new EntityReference("systemuser", FixedIds.SalesRep);
        world.Service.Create(old);
        rita = world.Context.AUser("Rita Rep").WithRole(SolutionRoles.SalesRep).WithProfile(SolutionFieldSecurityProfiles.CreditReaders).Create();
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void Sam_CannotJumpTheReleaseQueue_ByMovingHisOldOrderOntoTheCustomer_ForTheQueueRunsFromWhenEachOrderWasHeld()
    {
        var ritas = AnOrder().WithId(CreditTestIds.SecondOrder).Of(2_500m).Create(world.Context.As(rita));
        Assert.Equal((int)CreditStatus.AwaitingPrepayment, world.CreditStatusOf(ritas));
        world.Context.Clock.Advance(TimeSpan.FromMinutes(5));

        world.SalesRep.Update(new Entity(SalesOrder.EntityLogicalName, OldOrder)
        {
            [SalesOrder.Fields.CustomerId] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
        });
        Assert.Equal((int)CreditStatus.AwaitingPrepayment, world.CreditStatusOf(OldOrder));
        world.Context.Clock.Advance(TimeSpan.FromMinutes(5));

        APayment().Of(2_500m).WithErpId("PREPAY-RITA").Create(world.Service);

        Assert.Equal((int)CreditStatus.Released, world.CreditStatusOf(ritas));
        Assert.Equal((int)CreditStatus.AwaitingPrepayment, world.CreditStatusOf(OldOrder));
    }
}
