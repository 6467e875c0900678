extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Api = plugins::CreditOS.Dataverse.Applications.AssessCreditApplicationApi;
using AppTable = plugins::CreditOS.Dataverse.Model.CreditApplication;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using Recommendation = plugins::CreditOS.Dataverse.Model.ApplicationRecommendationChoice;
using RequestType = plugins::CreditOS.Dataverse.Model.CreditApprovalRequestType;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;
using Status = plugins::CreditOS.Dataverse.Model.CreditApplicationStatus;

namespace CreditOS.Plugins.Tests.Applications;

/// <summary>
/// A new customer applies for credit: Sam (sales rep) enters and submits the application, the integration worker's
/// user records the bureau lookup, the engine's assessment goes to Finance as an initial-limit request with the
/// verification data, Fiona (Finance) approves, changes or declines it through cos_DecideCreditApproval, and the first
/// order passes on the limit she approved. Every plugin of both assemblies and the solution's processes are active.
/// </summary>
public sealed class CreditApplicationTests : IDisposable
{
    private readonly CreditApplicationWorld env = new();

    public void Dispose() => env.Dispose();

    [Fact]
    public void NewCustomer_Applies_TheBureauIsConsulted_FinanceApprovesTheInitialLimit_AndTheFirstOrderPassesOnIt()
    {
        var application = env.SamEntersTheApplication();
        Assert.Equal((int)Status.Draft, CreditApplicationWorld.Status(env.Application(application)));

        env.Submit(env.Sam, application);
        var submitted = env.Application(application);
        Assert.Equal((int)Status.Submitted, CreditApplicationWorld.Status(submitted));
        Assert.Equal(FixedIds.SalesRep, submitted.GetAttributeValue<EntityReference>(AppTable.Fields.SubmittedBy).Id);

        var assessed = env.BureauReports(application);

        Assert.Equal("InAssessment", assessed["Status"]);
        Assert.False(assessed.Results.Contains("Recommendation"), "the worker is answered the status only (controls round 19)");
        var inAssessment = env.Application(application);
        Assert.Equal((int)Recommendation.Grant, inAssessment.GetAttributeValue<OptionSetValue>(AppTable.Fields.Recommendation).Value);
        Assert.Equal((int)Status.InAssessment, CreditApplicationWorld.Status(inAssessment));
        Assert.Equal(25_000m, inAssessment.GetAttributeValue<Money>(AppTable.Fields.RecommendedLimit).Value);
        Assert.Equal(30, inAssessment.GetAttributeValue<int>(AppTable.Fields.RecommendedTermsDays));
        Assert.Contains("bureau's recommended credit USD 25,000.00", inAssessment.GetAttributeValue<string>(AppTable.Fields.AssessmentReasons), StringComparison.Ordinal);
        Assert.StartsWith("With Finance since", inAssessment.GetAttributeValue<string>(AppTable.Fields.StatusMessage), StringComparison.Ordinal);

        // The verification data is on the request Finance decides on.
        var request = env.RequestOf(application);
        Assert.Equal((int)RequestType.InitialLimit, request.GetAttributeValue<OptionSetValue>("cos_requesttype").Value);
        Assert.Equal(25_000m, request.GetAttributeValue<Money>("cos_requestedlimit").Value);
        Assert.Equal(FixedIds.SalesRep, request.GetAttributeValue<EntityReference>("cos_requestedby").Id);
        Assert.Equal(78, request.GetAttributeValue<int>("cos_bureausolvencyscore"));
        Assert.Equal(25_000m, request.GetAttributeValue<Money>("cos_bureaurecommendedcredit").Value);
        Assert.Equal(1_800_000m, request.GetAttributeValue<Money>("cos_applicantrevenue").Value);
        Assert.Equal(250_000m, request.GetAttributeValue<Money>("cos_limitcap").Value);
        Assert.Contains("Contoso Packaging: good; Fabrikam Freight: slow", request.GetAttributeValue<string>("cos_verification"), StringComparison.Ordinal);
        Assert.Contains("Creditworthiness", request.GetAttributeValue<string>("cos_verification"), StringComparison.Ordinal);

        env.Decide(env.Fiona, request.Id, "Approve");

        var approved = env.Application(application);
        Assert.Equal((int)Status.Approved, CreditApplicationWorld.Status(approved));
        Assert.Equal(1, approved.GetAttributeValue<OptionSetValue>(AppTable.Fields.StateCode).Value);
        Assert.Equal(25_000m, approved.GetAttributeValue<Money>(AppTable.Fields.ApprovedLimit).Value);
        Assert.Equal(CreditTestIds.Today.AddMonths(12), approved.GetAttributeValue<DateTime>(AppTable.Fields.LimitReviewOn).Date);
        var customer = env.World.Account(CreditApplicationWorld.NewCustomer);
        Assert.Equal(25_000m, customer.GetAttributeValue<Money>(Account.Fields.ApprovedLimit).Value);
        Assert.Equal(25_000m, customer.GetAttributeValue<Money>(Account.Fields.CreditLimit).Value);
        // The recommended terms (net 30) are written with the limit, through the credit flow.
        Assert.Equal(1, customer.GetAttributeValue<OptionSetValue>(Account.Fields.PaymentTermsCode).Value);
        Assert.Contains("Payment terms net 30 set on the account.", approved.GetAttributeValue<string>(AppTable.Fields.StatusMessage), StringComparison.Ordinal);

        var firstOrder = AnOrder().For(CreditApplicationWorld.NewCustomer).Of(18_000m).Create(env.Sam);

        var order = env.World.Order(firstOrder);
        Assert.Equal((int)CreditStatus.Approved, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Null(order.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));
        Assert.Equal(7_000m, env.World.AccountMoney(CreditApplicationWorld.NewCustomer, Account.Fields.AvailableCredit));
    }

    [Fact]
    public void UntilFinanceApproves_TheNewCustomerIsOnStarterTerms()
    {
        var application = env.SamEntersTheApplication();
        env.Submit(env.Sam, application);
        env.BureauReports(application);

        var order = env.World.Order(AnOrder().For(CreditApplicationWorld.NewCustomer).Of(1_000m).Create(env.Sam));

        Assert.Equal("PrepaymentRequired", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));
    }

    [Fact]
    public void Finance_ApprovesADifferentLimit_WithinThePolicyCap_WithAComment()
    {
        var application = env.SamEntersTheApplication();
        env.Submit(env.Sam, application);
        env.BureauReports(application);
        var request = env.RequestOf(application).Id;

        var aboveCap = Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Decide(env.Fiona, request, "Approve", "Strategic customer.", 300_000m));
        var uncommented = Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Decide(env.Fiona, request, "Approve", approvedLimit: 12_000m));
        env.Decide(env.Fiona, request, "Approve", "Start lower until the first invoices are paid.", 12_000m);

        Assert.Contains("above the policy cap of 250,000.00", aboveCap.Detail.Message, StringComparison.Ordinal);
        Assert.Contains("instead of the 25,000.00 requested needs a comment", uncommented.Detail.Message, StringComparison.Ordinal);
        Assert.Equal(12_000m, env.World.AccountMoney(CreditApplicationWorld.NewCustomer, Account.Fields.CreditLimit));
        Assert.Equal(12_000m, env.World.AccountMoney(CreditApplicationWorld.NewCustomer, Account.Fields.ApprovedLimit));
        var approved = env.Application(application);
        Assert.Equal(12_000m, approved.GetAttributeValue<Money>(AppTable.Fields.ApprovedLimit).Value);
        Assert.Contains("Start lower until the first invoices are paid", approved.GetAttributeValue<string>(AppTable.Fields.StatusMessage), StringComparison.Ordinal);
        Assert.Equal(12_000m, env.RequestOf(application).GetAttributeValue<Money>("cos_approvedlimit").Value);
    }

    [Fact]
    public void Finance_AsksAQuestion_TheApplicationNeedsMoreInformation_AndSamsAnswerTakesItBackToFinance()
    {
        var (application, request) = env.AnApplicationWithFinance();

        env.Decide(env.Fiona, request, "AskForInformation", "Which bank holds the customer's main account?");

        var waiting = env.Application(application);
        Assert.Equal((int)Status.MoreInformationNeeded, CreditApplicationWorld.Status(waiting));
        Assert.Equal(0, waiting.GetAttributeValue<OptionSetValue>(AppTable.Fields.StateCode).Value);
        Assert.Contains("Which bank holds the customer's main account?", waiting.GetAttributeValue<string>(AppTable.Fields.StatusMessage), StringComparison.Ordinal);

        env.Sam.Execute(new OrganizationRequest("cos_AnswerCreditApprovalQuestion")
        {
            ["Target"] = new EntityReference("cos_creditapprovalrequest", request),
            ["Answer"] = "Woodgrove Bank, account held since 2014.",
        });

        var answered = env.Application(application);
        Assert.Equal((int)Status.InAssessment, CreditApplicationWorld.Status(answered));
        Assert.StartsWith("With Finance again since", answered.GetAttributeValue<string>(AppTable.Fields.StatusMessage), StringComparison.Ordinal);

        env.Decide(env.Fiona, request, "Approve", "Bank confirmed.");

        Assert.Equal((int)Status.Approved, CreditApplicationWorld.Status(env.Application(application)));
        Assert.Equal(25_000m, env.World.AccountMoney(CreditApplicationWorld.NewCustomer, Account.Fields.CreditLimit));
    }

    [Fact]
    public void Sam_CannotMoveAnApplicationWaitingForFinancesAnswer_BackToAssessmentHimself()
    {
        var (application, request) = env.AnApplicationWithFinance();
        env.Decide(env.Fiona, request, "AskForInformation", "Which bank holds the customer's main account?");

        Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Sam.Update(new Entity(AppTable.EntityLogicalName, application)
        {
            [AppTable.Fields.StatusCode] = new OptionSetValue((int)Status.InAssessment),
        }));

        Assert.Equal((int)Status.MoreInformationNeeded, CreditApplicationWorld.Status(env.Application(application)));
    }

    [Fact]
    public void Finance_Declines_TheApplicationIsDeclined_AndTheCustomerStaysOnStarterTerms()
    {
        var application = env.SamEntersTheApplication();
        env.Submit(env.Sam, application);
        env.BureauReports(application);

        env.Decide(env.Fiona, env.RequestOf(application).Id, "Reject", "Bank reference too weak for credit yet.");

        var declined = env.Application(application);
        Assert.Equal((int)Status.Declined, CreditApplicationWorld.Status(declined));
        Assert.Contains("stays on starter terms", declined.GetAttributeValue<string>(AppTable.Fields.StatusMessage), StringComparison.Ordinal);
        Assert.Null(env.World.Account(CreditApplicationWorld.NewCustomer).GetAttributeValue<Money>(Account.Fields.ApprovedLimit));
        var order = env.World.Order(AnOrder().For(CreditApplicationWorld.NewCustomer).Of(1_000m).Create(env.Sam));
        Assert.Equal("PrepaymentRequired", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));
    }

    [Fact]
    public void AJudgmentAtTheBureau_RecommendsDeclining_AndFinanceCanApproveOnlyALimitItSets()
    {
        var application = env.SamEntersTheApplication();
        env.Submit(env.Sam, application);

        var assessed = env.BureauReports(application, judgment: true);

        Assert.Equal((int)Recommendation.Decline, env.Application(application).GetAttributeValue<OptionSetValue>(AppTable.Fields.Recommendation).Value);
        var request = env.RequestOf(application);
        Assert.Equal(0m, request.GetAttributeValue<Money>("cos_requestedlimit").Value);
        Assert.Equal(412500001, request.GetAttributeValue<OptionSetValue>("cos_bureaujudgmentreported").Value); // Reported
        var plainApproval = Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Decide(env.Fiona, request.Id, "Approve", "Fine."));
        Assert.Contains("recommends declining", plainApproval.Detail.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SalesRep_CannotDecide_MoveTheStatus_WriteTheAssessment_NorRecordTheBureauLookup()
    {
        var application = env.SamEntersTheApplication();
        env.Submit(env.Sam, application);

        var assessBySam = Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.BureauProblem(env.Sam, application, Api.BureauProblems.CompanyNotFound, "none"));
        env.BureauReports(application);
        var request = env.RequestOf(application).Id;
        var decideBySam = Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Decide(env.Sam, request, "Approve"));
        var statusBySam = Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Sam.Update(new Entity(AppTable.EntityLogicalName, application)
        {
            [AppTable.Fields.StatusCode] = new OptionSetValue((int)Status.Approved),
        }));
        var limitBySam = Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Sam.Update(new Entity(AppTable.EntityLogicalName, application)
        {
            [AppTable.Fields.RecommendedLimit] = new Money(250_000m),
        }));
        var editAfterSubmit = Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Sam.Update(new Entity(AppTable.EntityLogicalName, application)
        {
            [AppTable.Fields.AnnualRevenue] = new Money(9_000_000m),
        }));
        var requestBySam = Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Sam.Update(new Entity("cos_creditapprovalrequest", request)
        {
            ["cos_requestedlimit"] = new Money(250_000m),
        }));

        Assert.Contains("Only the integration worker records the bureau lookup", assessBySam.Detail.Message, StringComparison.Ordinal);
        Assert.Contains("so you cannot decide it", decideBySam.Detail.Message, StringComparison.Ordinal);
        Assert.Contains("change only through the credit flow", statusBySam.Detail.Message, StringComparison.Ordinal);
        Assert.Contains("cos_recommendedlimit", limitBySam.Detail.Message, StringComparison.Ordinal);
        Assert.Contains("what was submitted is what is assessed", editAfterSubmit.Detail.Message, StringComparison.Ordinal);
        Assert.NotNull(requestBySam);
        var unchanged = env.Application(application);
        Assert.Equal((int)Status.InAssessment, CreditApplicationWorld.Status(unchanged));
        Assert.Equal(25_000m, unchanged.GetAttributeValue<Money>(AppTable.Fields.RecommendedLimit).Value);
        Assert.Equal(1_800_000m, unchanged.GetAttributeValue<Money>(AppTable.Fields.AnnualRevenue).Value);
    }

    [Fact]
    public void SalesRep_CannotCreateAnApplicationAlreadyPastDraft_NorWithAnAssessment()
    {
        var submitted = Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Sam.Create(new Entity(AppTable.EntityLogicalName)
        {
            [AppTable.Fields.Name] = "Shortcut Ltd",
            [AppTable.Fields.StatusCode] = new OptionSetValue((int)Status.Approved),
        }));
        var assessed = Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Sam.Create(new Entity(AppTable.EntityLogicalName)
        {
            [AppTable.Fields.Name] = "Shortcut Ltd",
            [AppTable.Fields.ApprovedLimit] = new Money(100_000m),
        }));

        Assert.Contains("starts as a draft", submitted.Detail.Message, StringComparison.Ordinal);
        Assert.Contains("cos_approvedlimit", assessed.Detail.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Submitting_NamesEveryGap_AndOnlyTheRepWhoEnteredItSubmits()
    {
        var application = env.SamEntersTheApplication(revenue: null, equity: null);
        env.Sam.Update(new Entity(AppTable.EntityLogicalName, application)
        {
            [AppTable.Fields.RegistrationNumber] = null,
            [AppTable.Fields.Country] = "G",
        });

        var byFiona = Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Submit(env.Fiona, application));
        var gaps = Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Submit(env.Sam, application));

        Assert.Contains("Only the person who entered credit application", byFiona.Detail.Message, StringComparison.Ordinal);
        Assert.Contains("the registration number is missing", gaps.Detail.Message, StringComparison.Ordinal);
        Assert.Contains("two-letter ISO code such as GB or DE, but is 'G'", gaps.Detail.Message, StringComparison.Ordinal);
        Assert.Contains("state the annual revenue or the equity", gaps.Detail.Message, StringComparison.Ordinal);
        Assert.Equal((int)Status.Draft, CreditApplicationWorld.Status(env.Application(application)));
    }

    [Fact]
    public void UnknownCompany_NeedsMoreInformation_WithTheReason_AndIsSubmittedAgainOnceCorrected()
    {
        var application = env.SamEntersTheApplication();
        env.Submit(env.Sam, application);

        env.BureauProblem(env.Ivy, application, Api.BureauProblems.CompanyNotFound, "no match in GB for GB-04712345");

        var needsMore = env.Application(application);
        Assert.Equal((int)Status.MoreInformationNeeded, CreditApplicationWorld.Status(needsMore));
        Assert.Contains("The bureau found no company with registration number 'GB-04712345' in GB", needsMore.GetAttributeValue<string>(AppTable.Fields.StatusMessage), StringComparison.Ordinal);
        Assert.Null(needsMore.GetAttributeValue<EntityReference>(AppTable.Fields.ApprovalRequestId));

        env.Sam.Update(new Entity(AppTable.EntityLogicalName, application) { [AppTable.Fields.RegistrationNumber] = "04712345" });
        env.Submit(env.Sam, application);
        env.BureauReports(application);

        Assert.Equal((int)Status.InAssessment, CreditApplicationWorld.Status(env.Application(application)));
        Assert.NotNull(env.RequestOf(application));
    }

    [Fact]
    public void BureauUnavailable_WaitsInAssessment_WithTheNextAttempt_AndIsAssessedWhenTheBureauAnswers()
    {
        var application = env.SamEntersTheApplication();
        env.Submit(env.Sam, application);

        env.BureauProblem(env.Ivy, application, Api.BureauProblems.BureauUnavailable, "429 Too Many Requests", retryAfterSeconds: 120);
        env.BureauProblem(env.Ivy, application, Api.BureauProblems.BureauUnavailable, "503 Service Unavailable");

        var waiting = env.Application(application);
        Assert.Equal((int)Status.InAssessment, CreditApplicationWorld.Status(waiting));
        Assert.Equal(2, waiting.GetAttributeValue<int>(AppTable.Fields.BureauAttempts));
        Assert.Contains("Waiting for the bureau", waiting.GetAttributeValue<string>(AppTable.Fields.StatusMessage), StringComparison.Ordinal);
        Assert.Contains("503 Service Unavailable", waiting.GetAttributeValue<string>(AppTable.Fields.StatusMessage), StringComparison.Ordinal);
        Assert.Contains("Attempt 2; the next attempt is at", waiting.GetAttributeValue<string>(AppTable.Fields.StatusMessage), StringComparison.Ordinal);
        Assert.True(waiting.GetAttributeValue<DateTime>(AppTable.Fields.NextBureauAttemptOn) > FixedIds.Now.UtcDateTime);
        Assert.Null(waiting.GetAttributeValue<EntityReference>(AppTable.Fields.ApprovalRequestId));

        env.BureauReports(application);

        var assessed = env.Application(application);
        Assert.Equal((int)Status.InAssessment, CreditApplicationWorld.Status(assessed));
        Assert.Null(assessed.GetAttributeValue<DateTime?>(AppTable.Fields.NextBureauAttemptOn));
        Assert.NotNull(env.RequestOf(application));
    }

    [Fact]
    public void AnAssessedApplication_IsNotAssessedTwice_AndItsRequestIsNotDuplicated()
    {
        var application = env.SamEntersTheApplication();
        env.Submit(env.Sam, application);
        env.BureauReports(application);

        var again = Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.BureauReports(application, reportId: "GB-CS-0472"));

        Assert.Contains("only a submitted application waiting for the bureau is assessed", again.Detail.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SubmitAndAssess_StayWithinTheirBudgets()
    {
        var application = env.SamEntersTheApplication();
        env.World.ForgetExecutions();
        env.Submit(env.Sam, application);
        env.BureauReports(application);

        var submit = Assert.Single(env.World.ExecutionsOf(typeof(plugins::CreditOS.Plugins.SubmitCreditApplicationPlugin)));
        var assess = Assert.Single(env.World.ExecutionsOf(typeof(plugins::CreditOS.Plugins.AssessCreditApplicationPlugin)));
        // Controls round 9: + 1, the account's bureau report on file (none here).
        Assert.True(submit.ServiceCalls <= plugins::CreditOS.Dataverse.Applications.CreditApplicationSubmission.Calls, "submit made " + submit.ServiceCalls);
        // Controls round 9 (session 16): + 1, the account's bureau company id written (the lookup's company; the report
        // query joins the account's, so no read is added).
        Assert.True(assess.ServiceCalls <= plugins::CreditOS.Dataverse.Applications.ApplicationAssessment.ReportCalls, "assess made " + assess.ServiceCalls);
    }
}
