extern alias plugins;

using System.ServiceModel;
using System.Text.Json.Nodes;
using CreditOS.Plugins.Tests.Applications;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Testing.ServiceFaults;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using AppTable = plugins::CreditOS.Dataverse.Model.CreditApplication;
using Status = plugins::CreditOS.Dataverse.Model.CreditApplicationStatus;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 20 (session 27). Sam the sales rep (Create/Write on his credit applications, Write on his unit's
/// accounts) waits for Finance's question on his application's initial-limit request: the application is then "More
/// information needed", a status in which what it says could change again, as it can after the bureau found no company.
/// But an application with a request is never assessed again (the assessment refuses one "with Finance") and the rep's
/// answer hands the same request back to Finance, so whatever he changed then reached Finance's decision without a bureau
/// lookup, the submission's duplicate checks or the assessment's name comparison: another registration number, name,
/// revenue, or the application moved off its account (which also freed the account's name from round 18's guard, which
/// finds the account's open application by its account). Now, once Finance has the request, what the application says is
/// what was assessed; the rep answers on the request.
/// </summary>
public sealed class ApplicationWithFinanceControlTests : IDisposable
{
    private static readonly Guid SamsOtherAccount = new("c0000000-0000-4000-8000-0000000020a1");

    private readonly CreditApplicationWorld env = new();

    public void Dispose() => env.Dispose();

    [Fact]
    public void Sam_CannotRewriteHisApplicationWhileFinanceWaitsForHisAnswer_SoFinanceDecidesWhatTheBureauLookedUp()
    {
        var (application, request) = env.AnApplicationWithFinance();
        env.Decide(env.Fiona, request, "AskForInformation", "Which bank holds the customer's main account?");
        Assert.Equal((int)Status.MoreInformationNeeded, CreditApplicationWorld.Status(env.Application(application)));
        env.Sam.Create(new Entity(Account.EntityLogicalName, SamsOtherAccount)
        {
            [Account.Fields.Name] = "Litware Inc",
            [Account.Fields.TransactionCurrencyId] = new EntityReference("transactioncurrency", CreditTestIds.Usd),
        });

        var rewritten = Refused(() => env.Sam.Update(new Entity(AppTable.EntityLogicalName, application)
        {
            [AppTable.Fields.RegistrationNumber] = "GB-09990001",
            [AppTable.Fields.AnnualRevenue] = new Money(18_000_000m),
        }));
        var moved = Refused(() => env.Sam.Update(new Entity(AppTable.EntityLogicalName, application)
        {
            [AppTable.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, SamsOtherAccount),
        }));
        var resubmitted = Refused(() => env.Submit(env.Sam, application));

        Assert.Equal(
            "Credit application 'Northwind Traders Ltd' is More information needed with Finance, who has its initial-limit request, so what it says cannot change "
            + "(cos_registrationnumber 'GB-04712345' → 'GB-09990001'; cos_annualrevenue 1,800,000.00 → 18,000,000.00): the bureau looked up and the assessment compared "
            + "what was submitted, and Finance decides on that. Answer Finance's question on the request (Answer Finance) and give the correction there.",
            rewritten);
        Assert.Contains("(cos_accountid ", moved, StringComparison.Ordinal);
        Assert.Contains(SamsOtherAccount.ToString(), moved, StringComparison.Ordinal);
        Assert.Equal(
            "Credit application 'Northwind Traders Ltd' is More information needed with Finance, who has its initial-limit request; it is not submitted again. "
            + "Answer Finance's question on the request (Answer Finance).",
            resubmitted);

        // The account's open application still holds its name (round 18), and the answer is the way back to Finance.
        Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Sam.Update(new Entity(Account.EntityLogicalName, CreditApplicationWorld.NewCustomer) { [Account.Fields.Name] = "Litware Inc" }));
        env.Sam.Execute(new OrganizationRequest("cos_AnswerCreditApprovalQuestion")
        {
            ["Target"] = new EntityReference("cos_creditapprovalrequest", request),
            ["Answer"] = "Woodgrove Bank. The registration number is GB-09990001.",
        });
        env.Decide(env.Fiona, request, "Approve", "Bank confirmed; the number is the one the bureau looked up.");

        var decided = env.Application(application);
        Assert.Equal((int)Status.Approved, CreditApplicationWorld.Status(decided));
        Assert.Equal("GB-04712345", decided.GetAttributeValue<string>(AppTable.Fields.RegistrationNumber));
        Assert.Equal(1_800_000m, decided.GetAttributeValue<Money>(AppTable.Fields.AnnualRevenue).Value);
        Assert.Equal(CreditApplicationWorld.NewCustomer, decided.GetAttributeValue<EntityReference>(AppTable.Fields.AccountId).Id);
    }

    [Fact]
    public async Task Sam_OverTheWebApi_CannotRewriteNorMoveHisApplicationWhileFinanceWaitsForHisAnswer()
    {
        var (application, request) = env.AnApplicationWithFinance();
        env.Decide(env.Fiona, request, "AskForInformation", "Which bank holds the customer's main account?");
        env.Sam.Create(new Entity(Account.EntityLogicalName, SamsOtherAccount)
        {
            [Account.Fields.Name] = "Litware Inc",
            [Account.Fields.TransactionCurrencyId] = new EntityReference("transactioncurrency", CreditTestIds.Usd),
        });
        await using var people = await PeopleOverTheWebApi.StartAsync(env.World, FixedIds.SalesRep);
        var row = "cos_creditapplications(" + application.ToString("D") + ")";

        var rewritten = await WebApiCall.SendAsync(people[FixedIds.SalesRep], HttpMethod.Patch, row, new JsonObject { [AppTable.Fields.RegistrationNumber] = "GB-09990001" });
        var moved = await WebApiCall.SendAsync(
            people[FixedIds.SalesRep], HttpMethod.Patch, row, new JsonObject { ["cos_AccountId@odata.bind"] = "/accounts(" + SamsOtherAccount.ToString("D") + ")" });

        WebApiCall.AssertRefused(rewritten, "(cos_registrationnumber 'GB-04712345' → 'GB-09990001')");
        WebApiCall.AssertRefused(moved, "is More information needed with Finance, who has its initial-limit request");
        var kept = env.Application(application);
        Assert.Equal("GB-04712345", kept.GetAttributeValue<string>(AppTable.Fields.RegistrationNumber));
        Assert.Equal(CreditApplicationWorld.NewCustomer, kept.GetAttributeValue<EntityReference>(AppTable.Fields.AccountId).Id);
    }

    [Fact]
    public void Sam_StillCorrectsAndResubmitsAnApplicationTheBureauFoundNoCompanyFor_WhichHasNoRequestWithFinance()
    {
        var application = env.SamEntersTheApplication();
        env.Submit(env.Sam, application);
        env.BureauProblem(env.Ivy, application, plugins::CreditOS.Dataverse.Applications.AssessCreditApplicationApi.BureauProblems.CompanyNotFound, "no match in GB for GB-04712345");

        env.Sam.Update(new Entity(AppTable.EntityLogicalName, application) { [AppTable.Fields.RegistrationNumber] = "04712345" });
        env.Submit(env.Sam, application);

        Assert.Equal((int)Status.Submitted, CreditApplicationWorld.Status(env.Application(application)));
        Assert.Equal("04712345", env.Application(application).GetAttributeValue<string>(AppTable.Fields.RegistrationNumber));
    }
}
