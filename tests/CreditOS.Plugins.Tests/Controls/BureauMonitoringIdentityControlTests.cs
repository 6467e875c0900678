extern alias plugins;

using System.Globalization;
using System.ServiceModel;
using System.Text.Json.Nodes;
using CreditOS.Plugins.Tests.Applications;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using static CreditOS.Testing.ServiceFaults;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Bureau = plugins::CreditOS.Dataverse.Model.BureauReport;
using MonitorStatus = plugins::CreditOS.Dataverse.Model.BureauMonitorStatus;
using QueueApi = plugins::CreditOS.Dataverse.Credit.Bureau.QueueBureauMonitoringApi;
using Rating = plugins::CreditOS.Dataverse.Model.BureauReportRating;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 9's leftover (session 16): a customer onboarded through a credit application has its bureau report on
/// file, and the bureau company id the lookup found stayed on the application. The worker's monitoring job
/// (<c>BureauMonitoringJob.EnrolAsync</c>) enrols a queued account by its bureau company id, else by the registration or
/// VAT number on the account, which Sam (Sales Rep: Write on his unit's accounts) types. Sam typed a clean company's
/// number on his customer suspended on a judgment and queued monitoring: the worker filed that company's report (rating A,
/// solvency 90, no judgment) as the latest and the rescoring lifted the suspension, with no Finance. Now the assessment
/// writes the company id it matched on the account (the worker enrols by id), and an account with a bureau report on
/// file or a bureau company id has its registration number, VAT number and country code changed only by Finance or the
/// credit flow. As Sam, Fiona and Ivy (the worker's user), with every plug-in, through the organization service and the
/// Web API; the worker's enrolment is imitated here with its branch (id, else number) and exercised for real in
/// Integration.Tests <c>CreditApplicationBureauStepTests</c>.
/// </summary>
public sealed class BureauMonitoringIdentityControlTests : IDisposable
{
    private const string Applicant = "GB-CS-0471";
    private const string CleanCompany = "GB-CS-0999";
    private const string CleanNumber = "GB-09990001";
    private readonly CreditApplicationWorld env = new();

    /// <summary>The bureau of this test: registration number → company id, company id → its report.</summary>
    private static readonly Dictionary<string, string> ByNumber = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GB-04712345"] = Applicant,
        [CleanNumber] = CleanCompany,
    };

    public void Dispose() => env.Dispose();

    [Fact]
    public void Sam_CannotRetypeTheRegistrationNumber_OfHisCustomerOnboardedThroughAnApplication_SoMonitoringFilesNoOtherCompanysReport()
    {
        OnboardedWithAJudgment();
        Assert.True(Suspended());

        var attempt = Record.Exception(() => env.Sam.Update(Identity(CleanNumber, "GB")));
        QueueAsSam();
        var enrolledAs = TheWorkersEnrolment();

        // Still suspended on its judgment, and no other company's report was filed.
        Assert.Equal(Applicant, enrolledAs);
        Assert.True(Suspended());
        Assert.DoesNotContain(Reports(), report => report.GetAttributeValue<int>(Bureau.Fields.SolvencyScore) == 90);
        var retyped = Assert.IsType<FaultException<OrganizationServiceFault>>(attempt).Detail.Message;
        Assert.Contains("The bureau identity of account 'Northwind Traders Ltd' cannot be changed by you (cos_registrationnumber from none to 'GB-09990001'; cos_countrycode from none to 'GB')", retyped, StringComparison.Ordinal);
        Assert.Contains("bureau company id " + Applicant, retyped, StringComparison.Ordinal);
        Assert.Contains("Ask a holder of the 'creditOS Finance Approver' role", retyped, StringComparison.Ordinal);
    }

    [Fact]
    public void A_NumberSamTypedBeforeTheApplication_IsNotWhatMonitoringEnrolsBy_TheAssessmentWritesTheCompanyItMatched()
    {
        // The account is new (no report, no company id): its identity is still Sam's to enter, here another company's.
        env.SamEntersTheApplication();
        env.Sam.Update(Identity(CleanNumber, "GB"));
        OnboardedWithAJudgment(entered: true);

        QueueAsSam();
        var enrolledAs = TheWorkersEnrolment();

        Assert.Equal(Applicant, env.World.Account(CreditApplicationWorld.NewCustomer).GetAttributeValue<string>(Account.Fields.BureauConnectId) is { } id ? id : "(none)");
        Assert.Equal(Applicant, enrolledAs);
        Assert.True(Suspended());
        Assert.DoesNotContain(Reports(), report => report.GetAttributeValue<int>(Bureau.Fields.SolvencyScore) == 90);
    }

    [Fact]
    public void Fiona_CorrectsTheRegistrationNumber_AndSamStillEntersTheNumberOfAnAccountWithoutABureauReport()
    {
        env.SamEntersTheApplication();
        env.Sam.Update(Identity("GB-04712345", "GB"));
        env.Sam.Update(Identity("GB-04712346", "GB")); // no report, no company id yet: Sam's to correct
        OnboardedWithAJudgment(entered: true);

        env.Fiona.Update(Identity("GB-04712345", "GB"));
        env.Sam.Update(Identity("GB-04712345", "GB")); // the same values re-sent: no change

        var row = env.World.Account(CreditApplicationWorld.NewCustomer);
        Assert.Equal("GB-04712345", row.GetAttributeValue<string>(Account.Fields.RegistrationNumber));
        var cleared = Refused(() => env.Sam.Update(new Entity(Account.EntityLogicalName, CreditApplicationWorld.NewCustomer) { [Account.Fields.VatNumber] = "GB999999999" }));
        Assert.Contains("cos_vatnumber from none to 'GB999999999'", cleared, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sam_OverTheWebApi_CannotRetypeTheRegistrationNumber_OfHisCustomerWithABureauReportOnFile()
    {
        OnboardedWithAJudgment();
        await using var people = await PeopleOverTheWebApi.StartAsync(env.World, FixedIds.SalesRep);

        var answer = await WebApiCall.SendAsync(
            people[FixedIds.SalesRep], HttpMethod.Patch, "accounts(" + CreditApplicationWorld.NewCustomer.ToString("D") + ")",
            new JsonObject { [Account.Fields.RegistrationNumber] = CleanNumber });

        WebApiCall.AssertRefused(answer, "cannot be changed by you (cos_registrationnumber from none to 'GB-09990001')");
        Assert.Null(env.World.Account(CreditApplicationWorld.NewCustomer).GetAttributeValue<string>(Account.Fields.RegistrationNumber));
    }

    [Fact]
    public void An_ApplicationWhoseLookupMatchedAnotherCompany_IsNotAssessed_ForAnAccountTheBureauAlreadyKnows()
    {
        // The account is already the bureau's clean company (monitored by id); the application's lookup matched the
        // applicant with a judgment: that report is not assessed for it (the application stays where it was), and the
        // account keeps its company id. The worker filed the report before handing it over; it stays on file.
        var application = env.SamEntersTheApplication();
        env.Ivy.Update(new Entity(Account.EntityLogicalName, CreditApplicationWorld.NewCustomer) { [Account.Fields.BureauConnectId] = CleanCompany });
        env.Submit(env.Sam, application);
        var statusBefore = CreditApplicationWorld.Status(env.Application(application));

        var refused = Refused(() => env.BureauReports(application, solvency: 35, rating: Rating.C, recommendedCredit: 5_000m, judgment: true, reportId: Applicant + "-" + Day));

        Assert.Contains("the bureau lookup matched company " + Applicant + ", but its account is the bureau's company " + CleanCompany, refused, StringComparison.Ordinal);
        Assert.Equal(CleanCompany, env.World.Account(CreditApplicationWorld.NewCustomer).GetAttributeValue<string>(Account.Fields.BureauConnectId));
        Assert.Equal(statusBefore, CreditApplicationWorld.Status(env.Application(application)));
    }

    /// <summary>Sam's new customer onboarded through its application: the lookup found the applicant (rating C, solvency 35, a judgment).</summary>
    private void OnboardedWithAJudgment(bool entered = false)
    {
        var application = entered ? env.World.Service.RetrieveMultiple(new QueryExpression(plugins::CreditOS.Dataverse.Model.CreditApplication.EntityLogicalName)).Entities.Single().Id : env.SamEntersTheApplication();
        env.Submit(env.Sam, application);
        env.BureauReports(application, solvency: 35, rating: Rating.C, recommendedCredit: 5_000m, judgment: true, reportId: Applicant + "-" + Day);
    }

    private void QueueAsSam() => env.Sam.Execute(new OrganizationRequest(QueueApi.UniqueName)
    {
        [QueueApi.Request.AccountIds] = new[] { CreditApplicationWorld.NewCustomer.ToString("D") },
    });

    /// <summary>
    /// The worker's enrolment of a queued account (<c>BureauMonitoringJob.EnrolAsync</c>), as Ivy: by the account's bureau
    /// company id, else by the company its registration number finds; the company's report is filed on the account dated
    /// today and the account marked Monitored with that id. Returns the company enrolled.
    /// </summary>
    private string TheWorkersEnrolment()
    {
        var row = env.Ivy.Retrieve(Account.EntityLogicalName, CreditApplicationWorld.NewCustomer, new ColumnSet(
            Account.Fields.BureauMonitorStatus, Account.Fields.BureauConnectId, Account.Fields.RegistrationNumber));
        Assert.Equal((int)MonitorStatus.Pending, row.GetAttributeValue<OptionSetValue>(Account.Fields.BureauMonitorStatus).Value);
        var company = row.GetAttributeValue<string>(Account.Fields.BureauConnectId) ?? ByNumber[row.GetAttributeValue<string>(Account.Fields.RegistrationNumber)];
        var clean = company == CleanCompany;
        env.Ivy.Create(new Entity(Bureau.EntityLogicalName)
        {
            [Bureau.Fields.Name] = clean ? "Clean Company Ltd A 90/100" : "Northwind Traders Ltd C 35/100",
            [Bureau.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, CreditApplicationWorld.NewCustomer),
            [Bureau.Fields.Bureau] = "Local bureau",
            [Bureau.Fields.ExternalId] = "S-" + company + "-" + Day,
            [Bureau.Fields.SolvencyScore] = clean ? 90 : 35,
            [Bureau.Fields.Rating] = new OptionSetValue((int)(clean ? Rating.A : Rating.C)),
            [Bureau.Fields.RecommendedCredit] = new Money(clean ? 80_000m : 5_000m),
            [Bureau.Fields.DbtScore] = clean ? 2 : 4,
            [Bureau.Fields.HasJudgment] = !clean,
            [Bureau.Fields.HasLien] = false,
            [Bureau.Fields.ReportDate] = CreditTestIds.Today,
        });
        env.Ivy.Update(new Entity(Account.EntityLogicalName, CreditApplicationWorld.NewCustomer)
        {
            [Account.Fields.BureauMonitorStatus] = new OptionSetValue((int)MonitorStatus.Monitored),
            [Account.Fields.BureauConnectId] = company,
        });
        return company;
    }

    private static string Day => CreditTestIds.Today.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static Entity Identity(string registrationNumber, string country) => new(Account.EntityLogicalName, CreditApplicationWorld.NewCustomer)
    {
        [Account.Fields.RegistrationNumber] = registrationNumber,
        [Account.Fields.CountryCode] = country,
    };

    private bool Suspended() => env.World.Account(CreditApplicationWorld.NewCustomer).GetAttributeValue<bool?>(Account.Fields.IsSuspended) == true;

    private List<Entity> Reports()
    {
        var query = new QueryExpression(Bureau.EntityLogicalName) { ColumnSet = new ColumnSet(Bureau.Fields.Rating, Bureau.Fields.SolvencyScore, Bureau.Fields.ReportDate, Bureau.Fields.ExternalId) };
        query.Criteria.AddCondition(Bureau.Fields.AccountId, ConditionOperator.Equal, CreditApplicationWorld.NewCustomer);
        return [.. env.World.Service.RetrieveMultiple(query).Entities];
    }
}
