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
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using AppTable = plugins::CreditOS.Dataverse.Model.CreditApplication;
using Assessment = plugins::CreditOS.Dataverse.Applications.ApplicationAssessment;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;
using Status = plugins::CreditOS.Dataverse.Model.CreditApplicationStatus;
using Submission = plugins::CreditOS.Dataverse.Applications.CreditApplicationSubmission;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 13 (session 20), front line: a second account for a company that is already a customer. Northwind
/// Traders buys on a 50,000.00 limit and owes 42,000.00, 30,000.00 of it 75 days overdue, so its orders go to Finance.
/// Sam (Sales Rep: Create on accounts, Create/Write on his own credit applications) enters a new account "Northwind
/// Traders Ltd" for the same company and applies for credit under its registration number. Before, nothing linked the
/// two: the application was submitted, the bureau lookup found the same company (GB-CS-0471), Finance got an initial
/// limit request showing only the empty new account, approved 25,000.00, and Sam's 18,000.00 order on the new account was
/// approved at once while the company's 30,000.00 stayed overdue on the first. Now the application is refused, at
/// submission by the registration or VAT number and at the assessment by the company the bureau matched, naming the
/// customer the company already is, with its figures (engine <c>ApplicationSubject.ExistingCustomerRefusal</c>).
/// </summary>
public sealed class DuplicateCustomerControlTests : IDisposable
{
    private static readonly Guid ExistingCustomer = CreditTestIds.Customer;

    private readonly CreditApplicationWorld env = new();

    public DuplicateCustomerControlTests()
    {
        AnAccount().Named("Northwind Traders").WithLimit(50_000).WithOpenReceivables(42_000).WithOverdue(30_000m, 30_000m, 75).Create(env.World.Service);
        // Its bureau identity, as its own onboarding left it (the credit flow writes the company id).
        env.World.Service.Update(new Entity(Account.EntityLogicalName, ExistingCustomer)
        {
            [Account.Fields.RegistrationNumber] = "GB-04712345",
            [Account.Fields.CountryCode] = "GB",
            [Account.Fields.VatNumber] = "GB123456789",
            [Account.Fields.BureauConnectId] = "GB-CS-0471",
        });
    }

    public void Dispose() => env.Dispose();

    [Fact]
    public void Sam_CannotOpenASecondAccountForHisOverdueCustomer_AndGetItAFreshLimit_ByApplyingUnderTheCompanysRegistrationNumber()
    {
        // Sam's new account for the same company and its application, under the company's registration number.
        var application = env.SamEntersTheApplication();

        var submitted = Record.Exception(() => env.Submit(env.Sam, application));
        TheWorkersPassAndFinancesApproval();
        var order = env.World.Order(AnOrder().For(CreditApplicationWorld.NewCustomer).Of(18_000m).Create(env.Sam));

        // The new account stays on starter terms: its order waits for prepayment, no limit, no request with Finance.
        Assert.Equal((int)CreditStatus.AwaitingPrepayment, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal(0m, env.World.Account(CreditApplicationWorld.NewCustomer).GetAttributeValue<Money>(Account.Fields.CreditLimit)?.Value ?? 0m);
        Assert.Equal((int)Status.Draft, CreditApplicationWorld.Status(env.Application(application)));
        Assert.Null(env.Application(application).GetAttributeValue<EntityReference>(AppTable.Fields.ApprovalRequestId));
        var refusal = Assert.IsType<FaultException<OrganizationServiceFault>>(submitted).Detail.Message;
        Assert.Contains(
            "Credit application 'Northwind Traders Ltd' names Northwind Traders Ltd, but the company it applies for (registration number GB-04712345 in GB) is already the customer Northwind Traders "
            + "(credit limit 50,000.00, exposure 42,000.00, overdue 30,000.00)",
            refusal,
            StringComparison.Ordinal);
        Assert.Contains("Order on the account of Northwind Traders and ask for a different limit from its Credit tab", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Sam_CannotGetAFreshLimit_ByTypingTheRegistrationNumberDifferently_TheCompanyTheBureauMatchesIsAlreadyACustomer()
    {
        var application = env.SamEntersTheApplication();
        // Typed with a space and lower case: no account carries this text, the bureau still finds GB-CS-0471.
        env.Sam.Update(new Entity(AppTable.EntityLogicalName, application)
        {
            [AppTable.Fields.RegistrationNumber] = "gb 04712345",
            [AppTable.Fields.VatNumber] = null,
        });
        env.Submit(env.Sam, application);
        env.World.ForgetExecutions();

        var assessed = env.BureauReports(application);
        TheWorkersPassAndFinancesApproval();
        var order = env.World.Order(AnOrder().For(CreditApplicationWorld.NewCustomer).Of(18_000m).Create(env.Sam));

        Assert.Equal("MoreInformationNeeded", assessed["Status"]);
        var after = env.Application(application);
        Assert.Equal((int)Status.MoreInformationNeeded, CreditApplicationWorld.Status(after));
        Assert.Null(after.GetAttributeValue<EntityReference>(AppTable.Fields.ApprovalRequestId));
        Assert.Contains(
            "the company it applies for (bureau company GB-CS-0471) is already the customer Northwind Traders (credit limit 50,000.00, exposure 42,000.00, overdue 30,000.00)",
            after.GetAttributeValue<string>(AppTable.Fields.StatusMessage),
            StringComparison.Ordinal);
        Assert.Equal((int)CreditStatus.AwaitingPrepayment, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        var assess = Assert.Single(env.World.ExecutionsOf(typeof(plugins::CreditOS.Plugins.AssessCreditApplicationPlugin)));
        Assert.True(assess.ServiceCalls <= Assessment.ReportCalls, "assess made " + assess.ServiceCalls);

        // Resubmitted as it is, it is refused: the new account now has the company's report on file.
        var again = Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Submit(env.Sam, application));
        Assert.Contains("already has a bureau report on file", again.Detail.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sam_CannotApplyUnderTheCompanysVatNumberAlone_AndTheRefusalStaysWithinTheSubmissionsBudget()
    {
        var application = env.SamEntersTheApplication();
        env.Sam.Update(new Entity(AppTable.EntityLogicalName, application) { [AppTable.Fields.RegistrationNumber] = "GB-99999999" });
        env.World.ForgetExecutions();

        var refused = Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Submit(env.Sam, application));

        Assert.Contains("(VAT number GB123456789) is already the customer Northwind Traders", refused.Detail.Message, StringComparison.Ordinal);
        var submit = Assert.Single(env.World.ExecutionsOf(typeof(plugins::CreditOS.Plugins.SubmitCreditApplicationPlugin)));
        Assert.True(submit.ServiceCalls <= Submission.Calls, "submit made " + submit.ServiceCalls);
    }

    [Fact]
    public async Task Sam_OverTheWebApi_CannotSubmitAnApplicationForAnExistingCustomersCompany()
    {
        var application = env.SamEntersTheApplication();
        await using var people = await PeopleOverTheWebApi.StartAsync(env.World, FixedIds.SalesRep);

        var answer = await WebApiCall.SendAsync(
            people[FixedIds.SalesRep], HttpMethod.Post, "cos_creditapplications(" + application.ToString("D") + ")/Microsoft.Dynamics.CRM.cos_SubmitCreditApplication", new JsonObject());

        WebApiCall.AssertRefused(answer, "is already the customer Northwind Traders");
        Assert.Equal((int)Status.Draft, CreditApplicationWorld.Status(env.Application(application)));
    }

    [Fact]
    public void ADifferentCompany_StillApplies_AndIsSentToFinance()
    {
        // Another company's registration and VAT numbers, and the bureau finds another company: assessed and sent to Finance as before.
        var application = env.SamEntersTheApplication();
        env.Sam.Update(new Entity(AppTable.EntityLogicalName, application)
        {
            [AppTable.Fields.RegistrationNumber] = "GB-05550001",
            [AppTable.Fields.VatNumber] = "GB555000111",
        });
        env.Submit(env.Sam, application);
        var assessed = env.BureauReports(application, reportId: "GB-CS-0555", companyId: "GB-CS-0555");
        Assert.Equal("InAssessment", assessed["Status"]);
        Assert.NotNull(env.Application(application).GetAttributeValue<EntityReference>(AppTable.Fields.ApprovalRequestId));
    }

    /// <summary>
    /// What followed a submission before: the worker's lookup of every application waiting for the bureau (the same
    /// company, GB-CS-0471), then Fiona's approval of every initial-limit request raised for the new account.
    /// </summary>
    private void TheWorkersPassAndFinancesApproval()
    {
        var waiting = new QueryExpression(AppTable.EntityLogicalName) { ColumnSet = new ColumnSet(false) };
        waiting.Criteria.AddCondition(AppTable.Fields.StatusCode, ConditionOperator.Equal, (int)Status.Submitted);
        waiting.Criteria.AddCondition(AppTable.Fields.ApprovalRequestId, ConditionOperator.Null);
        foreach (var row in env.World.Service.RetrieveMultiple(waiting).Entities)
        {
            env.BureauReports(row.Id);
        }

        var requests = new QueryExpression("cos_creditapprovalrequest") { ColumnSet = new ColumnSet(false) };
        requests.Criteria.AddCondition("cos_accountid", ConditionOperator.Equal, CreditApplicationWorld.NewCustomer);
        requests.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
        foreach (var request in env.World.Service.RetrieveMultiple(requests).Entities)
        {
            env.Decide(env.Fiona, request.Id, "Approve");
        }
    }
}
