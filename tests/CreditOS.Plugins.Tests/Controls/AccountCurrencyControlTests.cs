extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Testing.ServiceFaults;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using Currency = plugins::CreditOS.Dataverse.Model.TransactionCurrency;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Session 10: an account's credit is kept in its currency, and Dataverse keeps a row's money figures as they are when its
/// currency changes. Sam the sales rep (Write on accounts of his business unit) moves a yen customer with a limit of
/// 1,500,000 yen into dollars so his 1,000,000-dollar order would be checked against "1,500,000"; Fiona (Write on every
/// account) and Ada the System Administrator try it too. Through the local Dataverse with every plugin of the assembly.
/// </summary>
public sealed class AccountCurrencyControlTests : IDisposable
{
    private static readonly Guid Jpy = new("e0000000-0000-4000-8000-0000000000a1");
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public AccountCurrencyControlTests()
    {
        world.Service.Create(new Entity(Currency.EntityLogicalName, Jpy)
        {
            [Currency.Fields.CurrencyName] = "Yen",
            [Currency.Fields.ISOCurrencyCode] = "JPY",
            [Currency.Fields.CurrencySymbol] = "¥",
            [Currency.Fields.ExchangeRate] = 150m,
            [Currency.Fields.CurrencyPrecision] = 0,
        });
        AnAccount().Named("Kyoto Trading").InCurrency(Jpy).WithLimit(1_500_000).WithOpenReceivables(300_000).Create(world.Service);
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void Sam_CannotMoveACustomerWithCreditIntoAnotherCurrency_SoTheSameFiguresCountAsDollars_NorCanFinanceOrAda_ButANewCustomersCurrencyIsStillCorrected()
    {
        var sam = world.Context.As(FixedIds.SalesRep);
        world.ForgetExecutions();

        var bySam = Refused(() => sam.Update(IntoCurrency(CreditTestIds.Customer, CreditTestIds.Usd)));
        var byFiona = Refused(() => world.Context.As(FixedIds.FinanceApprover).Update(IntoCurrency(CreditTestIds.Customer, CreditTestIds.Usd)));
        var byAda = Refused(() => world.Context.As(FixedIds.AdminUser).Update(IntoCurrency(CreditTestIds.Customer, CreditTestIds.Usd)));
        // In the same save as an ordinary change, the whole save is refused.
        var withTheName = Refused(() =>
        {
            var change = IntoCurrency(CreditTestIds.Customer, CreditTestIds.Usd);
            change[Account.Fields.Name] = "Kyoto Trading Ltd";
            sam.Update(change);
        });

        foreach (var refusal in new[] { bySam, byFiona, byAda, withTheName })
        {
            Assert.Contains("The currency of account 'Kyoto Trading' cannot be changed", refusal, StringComparison.Ordinal);
            Assert.Contains("creditlimit 1,500,000.00", refusal, StringComparison.Ordinal);
            Assert.Contains("cos_openreceivables 300,000.00", refusal, StringComparison.Ordinal);
        }

        var kept = world.Account(CreditTestIds.Customer);
        Assert.Equal(Jpy, kept.GetAttributeValue<EntityReference>(Account.Fields.TransactionCurrencyId).Id);
        Assert.Equal("Kyoto Trading", kept.GetAttributeValue<string>(Account.Fields.Name));

        // What the move was for: a dollar order is still not checked against the yen figures.
        var order = Assert.Throws<FaultException<OrganizationServiceFault>>(() => AnOrder().Of(1_000_000).InCurrency(CreditTestIds.Usd).Create(sam)).Detail.Message;
        Assert.Contains("is not the currency the credit of Kyoto Trading is kept in (JPY)", order, StringComparison.Ordinal);
        Assert.Equal(0, world.CountOrders());

        // A customer without credit figures yet (Sam's new account) may have its currency corrected, at no cost.
        var fresh = sam.Create(new Entity(Account.EntityLogicalName)
        {
            [Account.Fields.Name] = "Osaka Newco",
            [Account.Fields.TransactionCurrencyId] = new EntityReference(Currency.EntityLogicalName, CreditTestIds.Usd),
        });
        world.ForgetExecutions();
        sam.Update(IntoCurrency(fresh, Jpy));
        Assert.Equal(Jpy, world.Account(fresh).GetAttributeValue<EntityReference>(Account.Fields.TransactionCurrencyId).Id);
        Assert.All(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.AccountCurrencyGuardPlugin)), run => Assert.Equal(0, run.ServiceCalls));
    }

    [Fact]
    public void TheGuard_CostsNoCallToRefuse_OnceSystemsIdIsKnownInTheOrganization_AndNothingWhenTheCurrencyDoesNotChange()
    {
        var sam = world.Context.As(FixedIds.SalesRep);
        // Who SYSTEM is was asked once in this organization (one call, by the first guard that needed it); never again.
        Assert.True(plugins::CreditOS.Dataverse.Credit.Guards.CreditFlowIdentity.Knows(world.Dataverse.OrganizationId));
        world.ForgetExecutions();

        sam.Update(IntoCurrency(CreditTestIds.Customer, Jpy));
        Refused(() => sam.Update(IntoCurrency(CreditTestIds.Customer, CreditTestIds.Eur)));

        var runs = world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.AccountCurrencyGuardPlugin));
        Assert.Equal(2, runs.Count);
        Assert.Equal(0, runs[0].ServiceCalls);
        Assert.Equal(0, runs[1].ServiceCalls);
    }

    private static Entity IntoCurrency(Guid account, Guid currency) =>
        new(Account.EntityLogicalName, account) { [Account.Fields.TransactionCurrencyId] = new EntityReference(Currency.EntityLogicalName, currency) };
}
