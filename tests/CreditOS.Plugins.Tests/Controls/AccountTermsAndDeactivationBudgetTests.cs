extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using DeactivationGuard = plugins::CreditOS.Dataverse.Credit.Accounts.AccountDeactivationGuard;
using TermsGuard = plugins::CreditOS.Dataverse.Credit.Accounts.PaymentTermsGuard;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// The call budgets of controls round 9's account guards: nothing when nothing is at stake (an account carrying no credit
/// deactivated, a first payment term given), at most their <c>MaximumCalls</c> (who SYSTEM is, whether the caller is a
/// Finance approver) to allow Finance or refuse a rep.
/// </summary>
public sealed class AccountTermsAndDeactivationBudgetTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public AccountTermsAndDeactivationBudgetTests()
    {
        var customer = AnAccount().WithLimit(25_000).Build();
        customer[Account.Fields.PaymentTermsCode] = new OptionSetValue(1);
        world.Service.Create(customer);
        AnInvoice().Numbered(1).Of(4_000m).IssuedDaysAgo(10).DueAfter(30).Create(world.Service);
        AnAccount().WithId(CreditTestIds.SecondCustomer).Named("Nothing at stake").Create(world.Service);
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void TheDeactivationGuard_CostsNothingWithNothingAtStake_AndAtMostItsBudgetToRefuseOrAllow()
    {
        var free = Measure<plugins::CreditOS.Plugins.AccountDeactivationGuardPlugin>(() => world.SalesRep.Execute(Deactivation(CreditTestIds.SecondCustomer)));
        var refused = Measure<plugins::CreditOS.Plugins.AccountDeactivationGuardPlugin>(() => Assert.ThrowsAny<Exception>(() => world.SalesRep.Execute(Deactivation(CreditTestIds.Customer))));
        var allowed = Measure<plugins::CreditOS.Plugins.AccountDeactivationGuardPlugin>(() => world.CreditManager.Execute(Deactivation(CreditTestIds.Customer)));

        Assert.Equal(0, free);
        Assert.InRange(refused, 1, DeactivationGuard.MaximumCalls);
        Assert.InRange(allowed, 1, DeactivationGuard.MaximumCalls);
    }

    [Fact]
    public void ThePaymentTermsGuard_CostsNothingForFirstTerms_AndAtMostItsBudgetToRefuseOrAllow()
    {
        var free = Measure<plugins::CreditOS.Plugins.PaymentTermsGuardPlugin>(() => world.SalesRep.Update(Terms(CreditTestIds.SecondCustomer, 3)));
        var refused = Measure<plugins::CreditOS.Plugins.PaymentTermsGuardPlugin>(() => Assert.ThrowsAny<Exception>(() => world.SalesRep.Update(Terms(CreditTestIds.Customer, 4))));
        var allowed = Measure<plugins::CreditOS.Plugins.PaymentTermsGuardPlugin>(() => world.CreditManager.Update(Terms(CreditTestIds.Customer, 4)));

        Assert.Equal(0, free);
        Assert.InRange(refused, 1, TermsGuard.MaximumCalls);
        Assert.InRange(allowed, 1, TermsGuard.MaximumCalls);
    }

    private static SetStateRequest Deactivation(Guid account) => new()
    {
        EntityMoniker = new EntityReference(Account.EntityLogicalName, account),
        State = new OptionSetValue(1),
        Status = new OptionSetValue(2),
    };

    private static Entity Terms(Guid account, int code) => new(Account.EntityLogicalName, account) { [Account.Fields.PaymentTermsCode] = new OptionSetValue(code) };

    private int Measure<TPlugin>(Action action)
    {
        world.ForgetExecutions();
        action();
        return Assert.Single(world.ExecutionsOf(typeof(TPlugin))).ServiceCalls;
    }
}
