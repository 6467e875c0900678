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
using static CreditOS.Plugins.Tests.Builders.BureauReportBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using AppTable = plugins::CreditOS.Dataverse.Model.CreditApplication;
using Bureau = plugins::CreditOS.Dataverse.Model.BureauReport;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using Rating = plugins::CreditOS.Dataverse.Model.BureauReportRating;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;
using Status = plugins::CreditOS.Dataverse.Model.CreditApplicationStatus;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 9: a credit application names its customer account and the company's registration number, and the
/// worker's lookup files the report of the company that number finds on that account, dated today. Sam (Sales Rep:
/// Create/Write on his own applications, AppendTo on the accounts of his business unit) entered an application for his
/// customer suspended on a judgment, with another (clean) company's registration number; the worker filed that company's
/// report (rating A, solvency 90, no judgment), the rescoring read it as the latest and lifted the suspension: no lift
/// recorded, no Finance, and Sam's 20,000.00 order was no longer Refused (it awaited prepayment). Now submitting an application
/// for an account with a bureau report on file is refused (engine <c>ApplicationSubject</c>), through the organization
/// service and the Web API; a new customer's application, and its resubmission after the lookup, still pass
/// (<c>CreditApplicationTests</c>).
/// </summary>
public sealed class CreditApplicationSubjectControlTests : IDisposable
{
    private readonly CreditApplicationWorld env = new();

    public CreditApplicationSubjectControlTests()
    {
        // Sam's customer: a 50,000.00 limit, suspended on the judgment the bureau reported 10 days ago.
        AnAccount().Named("Litware Inc").WithLimit(50_000).Create(env.World.Service);
        ABureauReport().Rated(Rating.C).WithSolvency(35).WithJudgments(1).ReportedDaysAgo(10).Create(env.World.Service);
    }

    public void Dispose() => env.Dispose();

    [Fact]
    public void Sam_CannotApplyForHisSuspendedCustomer_UnderAnotherCompanysRegistrationNumber_SoNoCleanReportIsFiledOverItsJudgment()
    {
        Assert.True(Suspended());
        var application = env.Sam.Create(AnApplicationFor(CreditTestIds.Customer, "GB-09990001"));

        var submitted = Record.Exception(() => env.Submit(env.Sam, application));
        TheWorkersLookupPass(env, CreditTestIds.Customer);
        var order = env.World.Order(AnOrder().Of(20_000m).Create(env.Sam));

        // Still suspended on its judgment: the order is refused, no other report was filed.
        Assert.Equal((int)CreditStatus.Refused, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.True(Suspended());
        Assert.Single(ReportsOn(CreditTestIds.Customer));
        var refusal = Assert.IsType<FaultException<OrganizationServiceFault>>(submitted).Detail.Message;
        Assert.Contains("Credit application 'Litware Inc' names Litware Inc, which already has a bureau report on file (dated "
            + CreditTestIds.Today.AddDays(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            + ": rating C, solvency 35, 1 judgment(s); the account is suspended)", refusal, StringComparison.Ordinal);
        Assert.Contains("Ask for a different limit from the account's Credit tab", refusal, StringComparison.Ordinal);
        Assert.Equal((int)Status.Draft, CreditApplicationWorld.Status(env.Application(application)));
    }

    [Fact]
    public async Task Sam_OverTheWebApi_CannotSubmitAnApplicationForHisSuspendedCustomer()
    {
        var application = env.Sam.Create(AnApplicationFor(CreditTestIds.Customer, "GB-09990001"));
        await using var people = await PeopleOverTheWebApi.StartAsync(env.World, FixedIds.SalesRep);

        var answer = await WebApiCall.SendAsync(
            people[FixedIds.SalesRep], HttpMethod.Post, "cos_creditapplications(" + application.ToString("D") + ")/Microsoft.Dynamics.CRM.cos_SubmitCreditApplication", new JsonObject());

        WebApiCall.AssertRefused(answer, "which already has a bureau report on file");
        Assert.Equal((int)Status.Draft, CreditApplicationWorld.Status(env.Application(application)));
        Assert.True(Suspended());
    }

    private bool Suspended() => env.World.Account(CreditTestIds.Customer).GetAttributeValue<bool?>(Account.Fields.IsSuspended) == true;

    private IReadOnlyList<Entity> ReportsOn(Guid account)
    {
        var query = new QueryExpression(Bureau.EntityLogicalName) { ColumnSet = new ColumnSet(Bureau.Fields.ReportDate) };
        query.Criteria.AddCondition(Bureau.Fields.AccountId, ConditionOperator.Equal, account);
        return env.World.Service.RetrieveMultiple(query).Entities.ToList();
    }
}
