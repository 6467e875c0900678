extern alias plugins;

using System.ServiceModel;
using System.Text.Json.Nodes;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using static CreditOS.Testing.ServiceFaults;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Api = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using CustomerGroup = plugins::CreditOS.Dataverse.Model.CustomerGroup;
using Guard = plugins::CreditOS.Dataverse.Credit.Accounts.CustomerSegmentGuard;
using GuardPlugin = plugins::CreditOS.Plugins.CustomerSegmentGuardPlugin;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 26 (session 33), round 25's left item: round 25 made a classification that loosens a scored customer's
/// credit a Finance approver's, measured by what the customer's scoring would put in force. A customer that has not been
/// scored on a history that shows it (entered classified, or classified while on starter terms) escaped the measure:
/// Sam entered Litware Inc as a key account, the ERP's history (24 paid invoices of 3,000.00 a month apart) was posted
/// by the integration worker, and its first scoring put in force 100,000.00 where the same customer entered unclassified
/// got 50,000.00 (measured on main's code), with no Finance approver involved. The Credit Administrators measure key
/// accounts against 10,000.00 of yearly purchases, unclassified customers against the shipped 120,000.00. A person's
/// classification of such a customer is now a Finance approver's when the configuration scores it otherwise.
/// As Sam (Sales Rep), Fiona (Finance Approver, her own row of 75,000.00), Frank (Finance Approver under the shipped
/// default row) and the integration worker, through the local Dataverse and its Web API with every plug-in.
/// </summary>
public sealed class FirstClassificationControlTests : IDisposable
{
    private static readonly Guid RuleSetId = new("e3000000-0000-4000-8000-0000000026a1");
    private static readonly Guid Litware = new("c0000000-0000-4000-8000-0000000026b1");
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public FirstClassificationControlTests() => ClassificationAuthorityControlTests.MeasureKeyAccountsAgainst10000(world, RuleSetId);

    public void Dispose() => world.Dispose();

    private IOrganizationService Sam => world.SalesRep;

    [Fact]
    public void Sam_CannotEnterHisNewCustomerAsAKeyAccount_SoItsFirstScoringOnTheErpHistoryPutsInForceWhatUnclassifiedWould()
    {
        var accounts = world.Dataverse.Count(Account.EntityLogicalName);
        world.ForgetExecutions();

        var refusal = Refused(() => Sam.Create(NewCustomer(CustomerGroup.KeyAccount)));

        Assert.Contains("Account 'Litware Inc' cannot be classified by you (customer group from none to KeyAccount)", refusal, StringComparison.Ordinal);
        Assert.Contains("purchases measured against 10,000.00 a year instead of 120,000.00", refusal, StringComparison.Ordinal);
        Assert.Equal(accounts, world.Dataverse.Count(Account.EntityLogicalName));
        Assert.All(world.ExecutionsOf(typeof(GuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, Guard.MaximumCreateCalls));

        // A classification the configuration scores as it scores an unclassified customer stays the rep's; posting the
        // ERP's history scores the customer (each invoice rescores it): 50,000.00, as unclassified.
        Sam.Create(NewCustomer(CustomerGroup.SmallBusiness));
        PostTheErpHistory();
        Assert.Equal(50_000m, Limit());
        Rescore(Sam);
        Assert.Equal(50_000m, Limit());

        // Scored, the customer's classification is Finance's and measured as round 25 measures it: Fiona's authority
        // (75,000.00) does not cover the 100,000.00 the key account's scoring would put in force.
        world.GiveFionaAnAuthorityOf(75_000m);
        var measured = Refused(() => world.CreditManager.Update(Group(CustomerGroup.KeyAccount)));
        Assert.Contains("raises the credit limit its scoring puts in force from 50,000.00 to 100,000.00 USD needs an approval authority of at least 100,000.00; yours is 75,000.00", measured, StringComparison.Ordinal);
        Assert.Equal(50_000m, Limit());
        Assert.All(world.ExecutionsOf(typeof(GuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, Guard.MaximumCalls));
    }

    [Fact]
    public void Sam_CannotClassifyHisStarterTermsCustomerAsAKeyAccount_BeforeItsHistoryShowsWhatThatDoes_WhileFrankMay()
    {
        var frank = world.FionaWithAnAuthorityOfAndFrank(75_000m);
        Sam.Create(NewCustomer(group: null));
        world.Context.As(WorkerId()).Create(AnInvoice().For(Litware).Numbered(1).Of(3_000m).IssuedDaysAgo(40).SettledDaysAgo(10).Build());
        Rescore(Sam);
        Assert.True(world.Account(Litware).GetAttributeValue<bool>(Account.Fields.IsStarterTerms));

        world.ForgetExecutions();
        var refusal = Refused(() => Sam.Update(Group(CustomerGroup.KeyAccount)));

        Assert.Contains("Account 'Litware Inc' cannot be classified by you (customer group from none to KeyAccount)", refusal, StringComparison.Ordinal);
        Assert.Contains("purchases measured against 10,000.00 a year instead of 120,000.00", refusal, StringComparison.Ordinal);
        Assert.Null(world.Account(Litware).GetAttributeValue<OptionSetValue>(Account.Fields.CustomerGroup));
        Assert.All(world.ExecutionsOf(typeof(GuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, Guard.MaximumCalls));

        // A Finance approver classifies it: nothing is measurable yet, so no authority figure is at stake.
        world.Context.As(frank).Update(Group(CustomerGroup.KeyAccount));
        Assert.Equal((int)CustomerGroup.KeyAccount, world.Account(Litware).GetAttributeValue<OptionSetValue>(Account.Fields.CustomerGroup).Value);
    }

    /// <summary>
    /// Controls round 27 (session 34), round 26's left item: a Finance approver's classification of a customer on starter
    /// terms. On main's code Fiona (authority 75,000.00) classified it as a key account; the ERP's history then ended
    /// starter terms and its scoring put in force 100,000.00, twice what it puts in force unclassified and beyond her
    /// authority. No limit can be compared while the history cannot show it, so the classification stakes what the
    /// scoring may put in force once starter terms end: up to the highest cap of the credit policies (the shipped
    /// Strategic policy's 1,000,000.00), which Frank's shipped default row (10,000,000.00) covers and hers does not.
    /// </summary>
    [Fact]
    public void Fiona_CannotClassifyAStarterTermsCustomerAsAKeyAccount_WhoseFirstScoringMayPutInForceMoreThanHerAuthority_WhileFrankMay()
    {
        var frank = world.FionaWithAnAuthorityOfAndFrank(75_000m);
        Sam.Create(NewCustomer(group: null));
        var worker = world.Context.As(WorkerId());
        var history = AHistoryOf(24, amount: 3_000m, everyDays: 30).ToList();
        history[0].For(Litware).Create(worker);
        Rescore(Sam);
        Assert.True(world.Account(Litware).GetAttributeValue<bool>(Account.Fields.IsStarterTerms));

        world.ForgetExecutions();
        var refusal = Refused(() => world.CreditManager.Update(Group(CustomerGroup.KeyAccount)));

        Assert.Contains("Account 'Litware Inc' cannot be classified by you (customer group from none to KeyAccount)", refusal, StringComparison.Ordinal);
        Assert.Contains(
            "classifying the customer before its history shows what that does lets its scoring, once starter terms end, put in force any credit limit up to the cap of policy 'Strategic', 1,000,000.00 USD needs an approval authority of at least 1,000,000.00; yours is 75,000.00",
            refusal,
            StringComparison.Ordinal);
        Assert.Null(world.Account(Litware).GetAttributeValue<OptionSetValue>(Account.Fields.CustomerGroup));
        Assert.All(world.ExecutionsOf(typeof(GuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, Guard.MaximumCalls));

        // Frank's authority covers the cap. The rest of the ERP's history ends starter terms: the key account's scoring
        // puts in force 100,000.00, the first limit Fiona's classification would have decided beyond her 75,000.00.
        world.Context.As(frank).Update(Group(CustomerGroup.KeyAccount));
        foreach (var invoice in history.Skip(1))
        {
            invoice.For(Litware).Create(worker);
        }

        Assert.False(world.Account(Litware).GetAttributeValue<bool>(Account.Fields.IsStarterTerms));
        Assert.Equal(100_000m, Limit());
    }

    /// <summary>
    /// Controls round 27: the same for a customer that cannot be scored (its currency cleared): Fiona's classification
    /// the configuration scores otherwise is measured against the highest cap as well; Frank's passes.
    /// </summary>
    [Fact]
    public void Fiona_CannotClassifyACustomerWithoutACurrencyAsAKeyAccount_BeyondHerAuthority_WhileFrankMay()
    {
        var frank = world.FionaWithAnAuthorityOfAndFrank(75_000m);
        Sam.Create(NewCustomer(group: null));

        // A row is created with a currency (the local Dataverse stamps one, as Dataverse does); a customer carrying no
        // figure may have it cleared (AccountCurrencyGuard), which leaves it unscorable.
        Sam.Update(new Entity(Account.EntityLogicalName, Litware) { [Account.Fields.TransactionCurrencyId] = null });
        Assert.Null(world.Account(Litware).GetAttributeValue<EntityReference>(Account.Fields.TransactionCurrencyId));

        world.ForgetExecutions();
        var refusal = Refused(() => world.CreditManager.Update(Group(CustomerGroup.KeyAccount)));

        Assert.Contains("up to the cap of policy 'Strategic', 1,000,000.00 needs an approval authority of at least 1,000,000.00; yours is 75,000.00", refusal, StringComparison.Ordinal);
        Assert.Null(world.Account(Litware).GetAttributeValue<OptionSetValue>(Account.Fields.CustomerGroup));
        Assert.All(world.ExecutionsOf(typeof(GuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, Guard.MaximumCalls));

        world.Context.As(frank).Update(Group(CustomerGroup.KeyAccount));
        Assert.Equal((int)CustomerGroup.KeyAccount, world.Account(Litware).GetAttributeValue<OptionSetValue>(Account.Fields.CustomerGroup).Value);
    }

    [Fact]
    public async Task Sam_OverTheWebApi_CannotEnterHisNewCustomerAsAKeyAccount()
    {
        await using var people = await PeopleOverTheWebApi.StartAsync(world, FixedIds.SalesRep);
        var accounts = world.Dataverse.Count(Account.EntityLogicalName);

        var answer = await WebApiCall.SendAsync(people[FixedIds.SalesRep], HttpMethod.Post, "accounts", new JsonObject
        {
            ["name"] = "Litware Inc",
            ["cos_customergroup"] = (int)CustomerGroup.KeyAccount,
        });

        WebApiCall.AssertRefused(answer, "purchases measured against 10,000.00 a year instead of 120,000.00");
        Assert.Equal(accounts, world.Dataverse.Count(Account.EntityLogicalName));
    }

    private static Entity NewCustomer(CustomerGroup? group)
    {
        var row = new Entity(Account.EntityLogicalName, Litware)
        {
            [Account.Fields.Name] = "Litware Inc",
            [Account.Fields.TransactionCurrencyId] = new EntityReference("transactioncurrency", CreditTestIds.Usd),
        };
        if (group is { } some)
        {
            row[Account.Fields.CustomerGroup] = new OptionSetValue((int)some);
        }

        return row;
    }

    private Guid WorkerId() => world.Context.AUser("creditOS worker").WithRole(SolutionRoles.Integration).Create();

    /// <summary>The ERP's history of the customer, posted by the integration worker: 24 invoices of 3,000.00 a month apart, paid on time.</summary>
    private void PostTheErpHistory()
    {
        var worker = world.Context.As(WorkerId());
        foreach (var invoice in AHistoryOf(24, amount: 3_000m, everyDays: 30))
        {
            invoice.For(Litware).Create(worker);
        }
    }

    private static Entity Group(CustomerGroup group) => new(Account.EntityLogicalName, Litware) { [Account.Fields.CustomerGroup] = new OptionSetValue((int)group) };

    private static void Rescore(IOrganizationService service) =>
        service.Execute(new OrganizationRequest(Api.UniqueName) { ["Target"] = new EntityReference(Account.EntityLogicalName, Litware) });

    private decimal Limit() => world.AccountMoney(Litware, Account.Fields.CreditLimit);
}
