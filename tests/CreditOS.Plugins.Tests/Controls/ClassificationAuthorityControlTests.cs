extern alias plugins;

using System.ServiceModel;
using System.Text.Json.Nodes;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using static CreditOS.Testing.ServiceFaults;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Api = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using CustomerGroup = plugins::CreditOS.Dataverse.Model.CustomerGroup;
using Defaults = plugins::CreditOS.CreditEngine.Configuration.DefaultCreditConfiguration;
using Guard = plugins::CreditOS.Dataverse.Credit.Accounts.CustomerSegmentGuard;
using GuardPlugin = plugins::CreditOS.Plugins.CustomerSegmentGuardPlugin;
using Records = plugins::CreditOS.Dataverse.Credit.Configuration.CreditConfigurationRecords;
using SegmentReference = plugins::CreditOS.CreditEngine.Scoring.SegmentRevenueReference;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 25 (session 32): a customer's classification picks the scoring rules and the revenue reference its
/// Value score measures purchases against (<c>RuleSetSelector</c>, <c>CreditConfiguration.RevenueReferenceFor</c>), so it
/// moves the customer's tier and the limit every later rescoring puts in force. Contoso Industrial buys 36,000.00 a year
/// and pays on time (Value 58.2, Risk 16.3: Preferred, limit 50,000.00); the Credit Administrators measure key accounts
/// against 10,000.00 of yearly purchases. Before this round Sam classified his unclassified customer as a key account
/// (a first classification is the rep's, round 12) and pressed Rescore: Value 91, Strategic, limit 100,000.00, with no
/// Finance approver and no authority involved; an approver whose authority is 75,000.00 could do the same by
/// reclassifying. A classification that loosens the customer's credit (a higher limit, or prepayment lifted) is now a
/// Finance approver's within their approval authority, as a suspension lift or a group exit is (rounds 4, 5, 11).
/// As Sam (Sales Rep), Fiona (Finance Approver, her own row of 75,000.00) and Frank (Finance Approver under the shipped
/// default row) through the local Dataverse with every plug-in.
/// </summary>
public sealed class ClassificationAuthorityControlTests : IDisposable
{
    private static readonly Guid RuleSetId = new("e3000000-0000-4000-8000-0000000025a1");
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public ClassificationAuthorityControlTests()
    {
        MeasureKeyAccountsAgainst10000(world, RuleSetId);
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        foreach (var invoice in AHistoryOf(24, amount: 3_000m, everyDays: 30))
        {
            invoice.Create(world.Service);
        }

        Rescore(world.Service);
    }

    public void Dispose() => world.Dispose();

    /// <summary>The Credit Administrators' rule set version measuring key accounts against 10,000.00 of yearly purchases (also round 26's).</summary>
    internal static void MeasureKeyAccountsAgainst10000(CreditWorld world, Guid ruleSetId)
    {
        var configuration = Defaults.Create() with { RevenueReferences = [new SegmentReference(nameof(CustomerGroup.KeyAccount), 10_000m)] };
        foreach (var row in Records.SeedScoringRows(configuration, ruleSetId, CreditTestIds.TierId, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)))
        {
            world.Service.Create(row);
        }
    }

    private IOrganizationService Sam => world.SalesRep;

    [Fact]
    public void Sam_CannotClassifyHisCustomerAsAKeyAccount_WhichWouldDoubleItsLimit_ButClassifiesItWhereItsCreditStays()
    {
        Assert.Equal(50_000m, Limit());

        world.ForgetExecutions();
        var refusal = Refused(() => Sam.Update(Group(CustomerGroup.KeyAccount)));
        Rescore(Sam);
        var order = AnOrder().Of(90_000).Create(Sam);

        Assert.Contains("Account 'Contoso Industrial' cannot be classified by you (customer group from none to KeyAccount)", refusal, StringComparison.Ordinal);
        Assert.Contains("would put in force a credit limit of 100,000.00 where the customer has 50,000.00", refusal, StringComparison.Ordinal);
        Assert.Null(world.Account(CreditTestIds.Customer).GetAttributeValue<OptionSetValue>(Account.Fields.CustomerGroup));
        Assert.Equal(50_000m, Limit());
        Assert.NotEqual((int)CreditStatus.Approved, world.CreditStatusOf(order));
        Assert.All(world.ExecutionsOf(typeof(GuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, Guard.MaximumCalls));

        // A classification under which the customer's credit stays as it is remains the rep's to make.
        Sam.Update(Group(CustomerGroup.SmallBusiness));
        Rescore(Sam);
        Assert.Equal((int)CustomerGroup.SmallBusiness, world.Account(CreditTestIds.Customer).GetAttributeValue<OptionSetValue>(Account.Fields.CustomerGroup).Value);
        Assert.Equal(50_000m, Limit());
        Assert.All(world.ExecutionsOf(typeof(GuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, Guard.MaximumCalls));
    }

    [Fact]
    public void Fiona_CannotReclassifyTheCustomerBeyondHerAuthority_WhileFrankMay_AndSamsOrderIsThenApprovedOnTheLimitFrankPutInForce()
    {
        var frank = world.FionaWithAnAuthorityOfAndFrank(75_000m);
        Sam.Update(Group(CustomerGroup.SmallBusiness));

        world.ForgetExecutions();
        var refusal = Refused(() => world.CreditManager.Update(Group(CustomerGroup.KeyAccount)));
        Rescore(Sam);

        Assert.Contains("Account 'Contoso Industrial' cannot be classified by you (customer group from SmallBusiness to KeyAccount)", refusal, StringComparison.Ordinal);
        Assert.Contains("raises the credit limit its scoring puts in force from 50,000.00 to 100,000.00 USD needs an approval authority of at least 100,000.00; yours is 75,000.00", refusal, StringComparison.Ordinal);
        Assert.Equal((int)CustomerGroup.SmallBusiness, world.Account(CreditTestIds.Customer).GetAttributeValue<OptionSetValue>(Account.Fields.CustomerGroup).Value);
        Assert.Equal(50_000m, Limit());
        Assert.All(world.ExecutionsOf(typeof(GuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, Guard.MaximumCalls));

        world.Context.As(frank).Update(Group(CustomerGroup.KeyAccount));
        Rescore(Sam);
        var order = AnOrder().Of(90_000).Create(Sam);

        Assert.Equal(100_000m, Limit());
        Assert.Equal((int)CreditStatus.Approved, world.CreditStatusOf(order));
    }

    [Fact]
    public async Task Sam_OverTheWebApi_CannotClassifyHisCustomerAsAKeyAccount()
    {
        await using var people = await PeopleOverTheWebApi.StartAsync(world, FixedIds.SalesRep);

        var answer = await WebApiCall.SendAsync(people[FixedIds.SalesRep], HttpMethod.Patch, "accounts(" + CreditTestIds.Customer.ToString("D") + ")", new JsonObject
        {
            ["cos_customergroup"] = (int)CustomerGroup.KeyAccount,
        });

        WebApiCall.AssertRefused(answer, "would put in force a credit limit of 100,000.00 where the customer has 50,000.00");
        Assert.Null(world.Account(CreditTestIds.Customer).GetAttributeValue<OptionSetValue>(Account.Fields.CustomerGroup));
    }

    private static Entity Group(CustomerGroup group) => new(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.CustomerGroup] = new OptionSetValue((int)group) };

    private static void Rescore(IOrganizationService service) =>
        service.Execute(new OrganizationRequest(Api.UniqueName) { ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) });

    private decimal Limit() => world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit);
}
