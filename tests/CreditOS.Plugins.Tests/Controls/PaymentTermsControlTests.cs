extern alias plugins;

using System.ServiceModel;
using System.Text.Json.Nodes;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Testing.ServiceFaults;
using Account = plugins::CreditOS.Dataverse.Model.Account;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 9: an account's payment terms (<c>paymenttermscode</c>), which Finance approves with a new customer's
/// initial limit (the credit flow writes them), were any editor's: Sam (Write on the accounts of his business unit) moved
/// his customer from Net 30 to Net 60 or cleared them. Now a Finance approver or the credit flow changes terms an account
/// has; giving terms to an account without any stays open. As Sam and Fiona, with every plug-in, through the organization
/// service and the Web API.
/// </summary>
public sealed class PaymentTermsControlTests : IDisposable
{
    private const int Net30 = 1;
    private const int Net60 = 4;
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public PaymentTermsControlTests()
    {
        var customer = AnAccount().Named("Fourth Coffee").WithLimit(25_000).Build();
        customer[Account.Fields.PaymentTermsCode] = new OptionSetValue(Net30);
        world.Service.Create(customer);
        AnAccount().WithId(CreditTestIds.SecondCustomer).Named("No terms yet").Create(world.Service);
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void Sam_CannotLengthenNorClearHisCustomersPaymentTerms_ButGivesTermsToAnAccountWithout_AndFionaChangesThem()
    {
        var lengthened = Refused(() => world.SalesRep.Update(Terms(CreditTestIds.Customer, Net60)));
        var cleared = Refused(() => world.SalesRep.Update(Terms(CreditTestIds.Customer, null)));
        world.SalesRep.Update(Terms(CreditTestIds.Customer, Net30)); // the same terms re-sent: no change
        world.SalesRep.Update(Terms(CreditTestIds.SecondCustomer, Net60));

        Assert.Contains("The payment terms of account 'Fourth Coffee' cannot be changed by you (from Net 30 to Net 60)", lengthened, StringComparison.Ordinal);
        Assert.Contains("(from Net 30 to none)", cleared, StringComparison.Ordinal);
        Assert.Contains("Ask a holder of the 'creditOS Finance Approver' role", lengthened, StringComparison.Ordinal);
        Assert.Equal(Net30, TermsOf(CreditTestIds.Customer));
        Assert.Equal(Net60, TermsOf(CreditTestIds.SecondCustomer));

        world.CreditManager.Update(Terms(CreditTestIds.Customer, Net60));
        Assert.Equal(Net60, TermsOf(CreditTestIds.Customer));
    }

    [Fact]
    public async Task Sam_OverTheWebApi_CannotLengthenHisCustomersPaymentTerms()
    {
        await using var people = await PeopleOverTheWebApi.StartAsync(world, FixedIds.SalesRep);

        var answer = await WebApiCall.SendAsync(
            people[FixedIds.SalesRep], HttpMethod.Patch, "accounts(" + CreditTestIds.Customer.ToString("D") + ")", new JsonObject { ["paymenttermscode"] = Net60 });

        WebApiCall.AssertRefused(answer, "(from Net 30 to Net 60)");
        Assert.Equal(Net30, TermsOf(CreditTestIds.Customer));
    }

    private static Entity Terms(Guid account, int? code) => new(Account.EntityLogicalName, account)
    {
        [Account.Fields.PaymentTermsCode] = code is { } value ? new OptionSetValue(value) : null,
    };

    private int? TermsOf(Guid account) => world.Account(account).GetAttributeValue<OptionSetValue>(Account.Fields.PaymentTermsCode)?.Value;
}
