extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Payment = plugins::CreditOS.Dataverse.Model.Payment;

namespace CreditOS.Plugins.Tests.Concurrency;

/// <summary>
/// Two payments naming no invoice posted to one account at the same moment (session 18, ruled out for soak seed 17002):
/// each adds its amount to the account's unapplied cash, a read-modify-write of one account column. The first posting's
/// transaction is kept open after it wrote the figure until the second waits for the account's lock (claimed before the
/// second reads the figure), so the second adds to what the first left: nothing is lost.
/// </summary>
[Collection(nameof(ConcurrencyCollection))]
public sealed class UnappliedCashPaymentsRaceTests
{
    [Fact]
    public async Task TwoPaymentsOfUnappliedCashAtOnce_BothAddUp()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        APayment().WithErpId("PAY-0").Of(30m).Create(world.Service);
        HoldOpenUntilAnotherWaitsPlugin.HoldFirst(world.Dataverse, plugins::CreditOS.Dataverse.Framework.Messages.Create, Payment.EntityLogicalName, new Guid("0d000000-0000-4000-8000-0000000000a3"));

        var first = HoldOpenUntilAnotherWaitsPlugin.StartHeld(() => APayment().WithErpId("PAY-1").Of(70m).Create(world.Dataverse.GetOrganizationService()));
        APayment().WithErpId("PAY-2").Of(200m).Create(world.Dataverse.GetOrganizationService());
        await first;

        Assert.True(HoldOpenUntilAnotherWaitsPlugin.SawAnotherWaiting, "the second payment did not wait for the first one's lock");
        Assert.Equal(300m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.UnappliedCash));
    }
}
