extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Testing.ServiceFaults;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using AccountIndustry = plugins::CreditOS.Dataverse.Model.AccountIndustry;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// What a customer's credit is matched and scored by besides its group: its industry (which picks the scoring rule set
/// when no group's applies, and the revenue reference of the Value score) and its ERP customer number (which the
/// integration worker matches ERP invoices and payments by). As Sam the sales rep (Write on the accounts of his
/// business unit) and Fiona the Finance approver, through the local Dataverse with every plugin.
/// </summary>
public sealed class CustomerIdentityControlTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public CustomerIdentityControlTests()
    {
        AnAccount().Named("Contoso Industrial").WithLimit(50_000).WithOpenReceivables(42_000).Create(world.Service);
        world.Service.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer)
        {
            [Account.Fields.AccountNumber] = "C-1001",
            [Account.Fields.IndustryCode] = new OptionSetValue((int)AccountIndustry.DurableManufacturing),
        });
    }

    public void Dispose() => world.Dispose();

    private IOrganizationService Sam => world.Context.As(FixedIds.SalesRep);

    [Fact]
    public void Sam_CannotMoveHisCustomerIntoAnotherIndustry_WhichPicksTheRulesItIsScoredBy_ButClassifiesANewOne_WhileFionaMay()
    {
        var refusal = Refused(() => Sam.Update(Industry(CreditTestIds.Customer, AccountIndustry.Financial)));
        var kept = world.Account(CreditTestIds.Customer).GetAttributeValue<OptionSetValue>(Account.Fields.IndustryCode).Value;

        AnAccount().WithId(CreditTestIds.SecondCustomer).Named("Fabrikam New").WithLimit(0).Create(world.Service);
        Sam.Update(Industry(CreditTestIds.SecondCustomer, AccountIndustry.Financial));
        world.Context.As(FixedIds.FinanceApprover).Update(Industry(CreditTestIds.Customer, AccountIndustry.Financial));

        Assert.Contains("The industry of account 'Contoso Industrial' cannot be changed by you (from 12 to 16)", refusal, StringComparison.Ordinal);
        Assert.Contains("scoring rules and the revenue reference", refusal, StringComparison.Ordinal);
        Assert.Equal((int)AccountIndustry.DurableManufacturing, kept);
        Assert.Equal((int)AccountIndustry.Financial, world.Account(CreditTestIds.SecondCustomer).GetAttributeValue<OptionSetValue>(Account.Fields.IndustryCode).Value);
        Assert.Equal((int)AccountIndustry.Financial, world.Account(CreditTestIds.Customer).GetAttributeValue<OptionSetValue>(Account.Fields.IndustryCode).Value);
    }

    [Fact]
    public void Sam_CannotRenumberOrUnnumberACustomerThatCarriesCredit_SoItsNextErpInvoicesStillReachIt_ButNumbersANewOne_WhileFionaMay()
    {
        var renumbered = Refused(() => Sam.Update(Number(CreditTestIds.Customer, "C-1001-OLD")));
        var cleared = Refused(() => Sam.Update(Number(CreditTestIds.Customer, null)));
        var kept = world.Account(CreditTestIds.Customer).GetAttributeValue<string>(Account.Fields.AccountNumber);

        var fresh = Sam.Create(new Entity(Account.EntityLogicalName) { [Account.Fields.Name] = "Fabrikam New" });
        Sam.Update(Number(fresh, "C-2002"));
        Sam.Update(Number(fresh, "C-2003"));
        world.Context.As(FixedIds.FinanceApprover).Update(Number(CreditTestIds.Customer, "C-1001-A"));

        Assert.Contains("The account number of 'Contoso Industrial' cannot be changed by you (from 'C-1001' to 'C-1001-OLD')", renumbered, StringComparison.Ordinal);
        Assert.Contains("cos_openreceivables 42,000.00", renumbered, StringComparison.Ordinal);
        Assert.Contains("the ERP customer number the customer's invoices, payments and channel orders are matched by", renumbered, StringComparison.Ordinal);
        Assert.Contains("(from 'C-1001' to 'none')", cleared, StringComparison.Ordinal);
        Assert.Equal("C-1001", kept);
        Assert.Equal("C-2003", world.Account(fresh).GetAttributeValue<string>(Account.Fields.AccountNumber));
        Assert.Equal("C-1001-A", world.Account(CreditTestIds.Customer).GetAttributeValue<string>(Account.Fields.AccountNumber));
        Assert.All(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.AccountErpNumberGuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, 4));
    }

    private static Entity Industry(Guid account, AccountIndustry industry) =>
        new(Account.EntityLogicalName, account) { [Account.Fields.IndustryCode] = new OptionSetValue((int)industry) };

    private static Entity Number(Guid account, string? number) => new(Account.EntityLogicalName, account) { [Account.Fields.AccountNumber] = number };
}
