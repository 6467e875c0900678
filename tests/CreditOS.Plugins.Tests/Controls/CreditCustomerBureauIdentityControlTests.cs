extern alias plugins;

using System.ServiceModel;
using System.Text.Json.Nodes;
using CreditOS.Plugins.Tests.Applications;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Controls.CleanCompanyApplication;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using AppTable = plugins::CreditOS.Dataverse.Model.CreditApplication;
using Bureau = plugins::CreditOS.Dataverse.Model.BureauReport;
using Status = plugins::CreditOS.Dataverse.Model.CreditApplicationStatus;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 10: round 9 kept a credit application (and a retyped bureau identity) from filing another company's
/// report over a customer's report on file. A customer scored from its ERP history has none, and no bureau company id:
/// Sam (Create/Write on his applications, Write on his unit's accounts) applied for his credit customer Litware Inc (limit
/// 50,000.00) with a clean company's registration number; the worker's lookup filed that company's report on it (rating A,
/// solvency 90, no judgment), the assessment made GB-CS-0999 the account's bureau company id, which monitoring then follows
/// for good, and Finance got an "initial limit" of 80,000.00 to decide for a customer that already buys on credit. Typing
/// the number on the account and queuing monitoring did the same. Now an application for a customer that buys on credit
/// (a limit above zero, not on starter terms; engine <c>ApplicationSubject.BuysOnCredit</c>) is refused, and such a
/// customer's bureau identity is Finance's (<c>BureauIdentityGuard</c>). As Sam, Fiona and the worker, with every plug-in.
/// </summary>
public sealed class CreditCustomerBureauIdentityControlTests : IDisposable
{
    private const string CleanNumber = "GB-09990001";
    private readonly CreditApplicationWorld env = new();

    public CreditCustomerBureauIdentityControlTests()
    {
        AnAccount().Named("Litware Inc").WithLimit(50_000).WithOpenReceivables(12_000).Create(env.World.Service);
    }

    public void Dispose() => env.Dispose();

    [Fact]
    public void Sam_CannotApplyForHisCreditCustomer_UnderACleanCompanysNumber_SoNoReportIsFiledNorIsItsCompanyIdTaken()
    {
        var application = env.Sam.Create(AnApplicationFor(CreditTestIds.Customer, CleanNumber));

        var submitted = Record.Exception(() => env.Submit(env.Sam, application));
        TheWorkersLookupPass(env, CreditTestIds.Customer);

        Assert.Empty(ReportsOn(CreditTestIds.Customer));
        Assert.Null(env.World.Account(CreditTestIds.Customer).GetAttributeValue<string>(Account.Fields.BureauConnectId));
        var refusal = Assert.IsType<FaultException<OrganizationServiceFault>>(submitted).Detail.Message;
        Assert.Contains("Credit application 'Litware Inc' names Litware Inc, which already buys on credit (credit limit 50,000.00, open receivables 12,000.00)", refusal, StringComparison.Ordinal);
        Assert.Contains("Ask for a different limit from the account's Credit tab", refusal, StringComparison.Ordinal);
        Assert.Equal((int)Status.Draft, CreditApplicationWorld.Status(env.Application(application)));
    }

    [Fact]
    public void Sam_CannotGiveHisCreditCustomerACleanCompanysNumber_ForMonitoringToEnrolItBy_WhileFionaMay()
    {
        var refused = Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Sam.Update(Identity(CleanNumber))).Detail.Message;

        Assert.Contains("The bureau identity of account 'Litware Inc' cannot be changed by you (cos_registrationnumber from none to 'GB-09990001'; cos_countrycode from none to 'GB')", refused, StringComparison.Ordinal);
        Assert.Contains("the account has credit (a credit limit of 50,000.00, not on starter terms)", refused, StringComparison.Ordinal);
        Assert.Null(env.World.Account(CreditTestIds.Customer).GetAttributeValue<string>(Account.Fields.RegistrationNumber));

        env.Fiona.Update(Identity("GB-04712345"));
        Assert.Equal("GB-04712345", env.World.Account(CreditTestIds.Customer).GetAttributeValue<string>(Account.Fields.RegistrationNumber));
    }

    [Fact]
    public async Task Sam_OverTheWebApi_CannotSubmitAnApplicationForHisCreditCustomer()
    {
        var application = env.Sam.Create(AnApplicationFor(CreditTestIds.Customer, CleanNumber));
        await using var people = await PeopleOverTheWebApi.StartAsync(env.World, FixedIds.SalesRep);

        var answer = await WebApiCall.SendAsync(
            people[FixedIds.SalesRep], HttpMethod.Post, "cos_creditapplications(" + application.ToString("D") + ")/Microsoft.Dynamics.CRM.cos_SubmitCreditApplication", new JsonObject());

        WebApiCall.AssertRefused(answer, "which already buys on credit (credit limit 50,000.00");
        Assert.Equal((int)Status.Draft, CreditApplicationWorld.Status(env.Application(application)));
    }

    private static Entity Identity(string registrationNumber) => new(Account.EntityLogicalName, CreditTestIds.Customer)
    {
        [Account.Fields.RegistrationNumber] = registrationNumber,
        [Account.Fields.CountryCode] = "GB",
    };

    private IReadOnlyList<Entity> ReportsOn(Guid account)
    {
        var query = new QueryExpression(Bureau.EntityLogicalName) { ColumnSet = new ColumnSet(Bureau.Fields.ReportDate) };
        query.Criteria.AddCondition(Bureau.Fields.AccountId, ConditionOperator.Equal, account);
        return env.World.Service.RetrieveMultiple(query).Entities.ToList();
    }
}
