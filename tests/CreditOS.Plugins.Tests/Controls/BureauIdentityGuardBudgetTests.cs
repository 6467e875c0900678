extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.BureauReportBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using IdentityGuard = plugins::CreditOS.Dataverse.Credit.Accounts.BureauIdentityGuard;
using Rating = plugins::CreditOS.Dataverse.Model.BureauReportRating;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// The call budget of the bureau identity guard (controls round 9, session 16): one call (the report on file) to let a rep
/// number an account without a report or company id, none to ask about an account with a company id, and at most
/// <see cref="IdentityGuard.MaximumCalls"/> to refuse a rep or allow Finance.
/// </summary>
public sealed class BureauIdentityGuardBudgetTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public BureauIdentityGuardBudgetTests()
    {
        AnAccount().WithLimit(25_000).Create(world.Service);
        ABureauReport().Rated(Rating.C).WithSolvency(35).ReportedDaysAgo(10).Create(world.Service);
        AnAccount().WithId(CreditTestIds.SecondCustomer).Named("Not at the bureau yet").Unscored().WithLimit(0).Create(world.Service);
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void TheBureauIdentityGuard_CostsOneCallForANewAccount_AndAtMostItsBudgetToRefuseOrAllow()
    {
        var free = Measure(() => world.SalesRep.Update(Number(CreditTestIds.SecondCustomer, "GB-01234567")));
        var refused = Measure(() => Assert.ThrowsAny<Exception>(() => world.SalesRep.Update(Number(CreditTestIds.Customer, "GB-09990001"))));
        var allowed = Measure(() => world.CreditManager.Update(Number(CreditTestIds.Customer, "GB-01234568")));
        world.Service.Update(new Entity(Account.EntityLogicalName, CreditTestIds.SecondCustomer) { [Account.Fields.BureauConnectId] = "GB-CS-0001" });
        var byCompanyId = Measure(() => Assert.ThrowsAny<Exception>(() => world.SalesRep.Update(Number(CreditTestIds.SecondCustomer, "GB-09990001"))));

        Assert.Equal(1, free);
        Assert.InRange(refused, 1, IdentityGuard.MaximumCalls);
        Assert.InRange(allowed, 1, IdentityGuard.MaximumCalls);
        Assert.InRange(byCompanyId, 0, IdentityGuard.MaximumCalls - 1);
    }

    private static Entity Number(Guid account, string registrationNumber) => new(Account.EntityLogicalName, account) { [Account.Fields.RegistrationNumber] = registrationNumber };

    private int Measure(Action action)
    {
        world.ForgetExecutions();
        action();
        return Assert.Single(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.BureauIdentityGuardPlugin))).ServiceCalls;
    }
}
