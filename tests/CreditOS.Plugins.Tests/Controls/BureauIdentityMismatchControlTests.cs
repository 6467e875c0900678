extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Applications;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using AppTable = plugins::CreditOS.Dataverse.Model.CreditApplication;
using Assessment = plugins::CreditOS.Dataverse.Applications.ApplicationAssessment;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using Rating = plugins::CreditOS.Dataverse.Model.BureauReportRating;
using RequestFields = plugins::CreditOS.Dataverse.Model.CreditApprovalRequest.Fields;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;
using Status = plugins::CreditOS.Dataverse.Model.CreditApplicationStatus;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 16 (session 23), front line: Sam the sales rep (Create on accounts, Create/Write on his credit
/// applications) enters his new customer "Litware Inc" and applies under <b>another</b> company's registration number. The
/// worker looks the number up and the bureau answers with that company, registered as "Clean Company Ltd" (rating A,
/// solvency 90, recommended credit 80,000.00, no judgment). Before: the report was assessed as Litware's, the application
/// showed Sam a clean creditworthiness and a recommended limit, the account took Clean Company's bureau id (which
/// monitoring then follows), and Finance got an unflagged initial-limit request to approve without a word. Now the bureau's
/// registered name must agree with the applicant's names (engine <c>BureauIdentity</c>): the request reaches Finance
/// flagged with the bureau's figures, its approval needs a comment, and Sam is shown no score.
/// </summary>
public sealed class BureauIdentityMismatchControlTests : IDisposable
{
    private const string Flag =
        "Identity not confirmed: the bureau's company for registration number GB-04712345 in GB is registered as 'Clean Company Ltd', not as the applicant 'Litware Inc'. "
        + "The bureau's figures (rating A, solvency 90, recommended credit 80,000.00, no judgment) may be another company's. "
        + "Approve only with a comment saying how the applicant's identity was confirmed; otherwise ask the sales rep or reject.";

    /// <summary>The request's reason, which Sam reads, states the flag without the bureau's figures (controls round 17, session 24).</summary>
    private const string ReasonFlag =
        "Identity not confirmed: the bureau's company for registration number GB-04712345 in GB is registered as 'Clean Company Ltd', not as the applicant 'Litware Inc'. "
        + "The bureau's figures, which may be another company's, are in the request's verification for Finance. "
        + "Approve only with a comment saying how the applicant's identity was confirmed; otherwise ask the sales rep or reject.";

    private readonly CreditApplicationWorld env = new();

    public void Dispose() => env.Dispose();

    [Fact]
    public void Sam_TypingAnotherCompanysRegistrationNumber_GetsNoCleanScore_FinanceSeesTheNamesDisagree_AndMustSayHowTheIdentityWasConfirmed()
    {
        var application = env.SamEntersTheApplication();
        env.Sam.Update(new Entity(Account.EntityLogicalName, CreditApplicationWorld.NewCustomer) { [Account.Fields.Name] = "Litware Inc" });
        env.Sam.Update(new Entity(AppTable.EntityLogicalName, application) { [AppTable.Fields.Name] = "Litware Inc" });
        env.Submit(env.Sam, application);
        env.World.ForgetExecutions();

        var assessed = env.BureauReports(application, solvency: 90, rating: Rating.A, recommendedCredit: 80_000m, reportId: "GB-CS-0999", companyId: "GB-CS-0999", registeredName: "Clean Company Ltd");

        Assert.Equal("InAssessment", assessed["Status"]);
        var assess = Assert.Single(env.World.ExecutionsOf(typeof(plugins::CreditOS.Plugins.AssessCreditApplicationPlugin)));
        Assert.True(assess.ServiceCalls <= Assessment.ReportCalls, "assess made " + assess.ServiceCalls);
        var request = env.RequestOf(application);
        Assert.Equal("BureauNameMismatch", request.GetAttributeValue<string>(RequestFields.ReasonCode));
        Assert.Equal(ReasonFlag, request.GetAttributeValue<string>(RequestFields.DecisionReason));
        Assert.StartsWith(Flag, request.GetAttributeValue<string>(RequestFields.Verification), StringComparison.Ordinal);

        // Sam is told it is held for Finance, and shown no score; the account does not take the other company's bureau id.
        var seen = env.Application(application);
        Assert.StartsWith("Held for Finance since ", seen.GetAttributeValue<string>(AppTable.Fields.StatusMessage), StringComparison.Ordinal);
        Assert.Contains("registered as 'Clean Company Ltd', not as the applicant", seen.GetAttributeValue<string>(AppTable.Fields.StatusMessage), StringComparison.Ordinal);
        Assert.DoesNotContain("creditworthiness", seen.GetAttributeValue<string>(AppTable.Fields.StatusMessage), StringComparison.Ordinal);
        Assert.Null(seen.GetAttributeValue<decimal?>(AppTable.Fields.Creditworthiness));
        Assert.Null(seen.GetAttributeValue<Money>(AppTable.Fields.RecommendedLimit));
        Assert.Null(seen.GetAttributeValue<OptionSetValue>(AppTable.Fields.Recommendation));
        Assert.Null(env.World.Account(CreditApplicationWorld.NewCustomer).GetAttributeValue<string>(Account.Fields.BureauConnectId));

        // Fiona cannot wave it through, nor take the flag off; the new account still buys on prepayment.
        var approved = Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Decide(env.Fiona, request.Id, "Approve"));
        Assert.IsType<FaultException<OrganizationServiceFault>>(Record.Exception(() => env.Fiona.Update(new Entity("cos_creditapprovalrequest", request.Id) { [RequestFields.ReasonCode] = null })));
        var order = env.World.Order(AnOrder().For(CreditApplicationWorld.NewCustomer).Of(18_000m).Create(env.Sam));

        Assert.Equal(
            "Approving credit approval request '" + request.GetAttributeValue<string>(RequestFields.Name) + "' needs a comment: the bureau's registered name for the applicant's registration number is not the applicant's. "
            + "Say in the comment how the applicant's identity was confirmed.",
            approved.Detail.Message);
        Assert.Equal((int)CreditStatus.AwaitingPrepayment, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal(0m, env.World.Account(CreditApplicationWorld.NewCustomer).GetAttributeValue<Money>(Account.Fields.CreditLimit)?.Value ?? 0m);
        Assert.Equal("BureauNameMismatch", env.RequestOf(application).GetAttributeValue<string>(RequestFields.ReasonCode));

        // Finance's call once it says how: Litware trades under that name (a documented trading name) and is approved, with
        // the limit Finance grants (controls round 22: the request carries no limit computed on that report).
        env.Decide(env.Fiona, request.Id, "Approve", "Litware Inc is the trading name of Clean Company Ltd: certificate of incorporation checked.", approvedLimit: 20_000m);
        Assert.Equal((int)Status.Approved, CreditApplicationWorld.Status(env.Application(application)));
    }

    [Fact]
    public void ATradingNameTheRegisteredNameHolds_IsNoMismatch()
    {
        var application = env.SamEntersTheApplication();
        env.Submit(env.Sam, application);

        env.BureauReports(application, registeredName: "Northwind Traders (Bristol) Limited");

        var request = env.RequestOf(application);
        Assert.Null(request.GetAttributeValue<string>(RequestFields.ReasonCode));
        Assert.StartsWith("With Finance since ", env.Application(application).GetAttributeValue<string>(AppTable.Fields.StatusMessage), StringComparison.Ordinal);
        Assert.NotNull(env.Application(application).GetAttributeValue<decimal?>(AppTable.Fields.Creditworthiness));
        Assert.Equal("GB-CS-0471", env.World.Account(CreditApplicationWorld.NewCustomer).GetAttributeValue<string>(Account.Fields.BureauConnectId));
        env.Decide(env.Fiona, request.Id, "Approve");
        Assert.Equal((int)Status.Approved, CreditApplicationWorld.Status(env.Application(application)));
    }
}
