extern alias plugins;

using System.ServiceModel;
using System.Text.RegularExpressions;
using CreditOS.Plugins.Tests.Applications;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using AppTable = plugins::CreditOS.Dataverse.Model.CreditApplication;
using Rating = plugins::CreditOS.Dataverse.Model.BureauReportRating;
using RequestFields = plugins::CreditOS.Dataverse.Model.CreditApprovalRequest.Fields;
using Status = plugins::CreditOS.Dataverse.Model.CreditApplicationStatus;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 22 (session 29): the initial-limit request's figures, read by the people the packed roles and profiles
/// make. Round 19 secured the request's requested limit (the assessment's recommendation) from Ivy, the integration worker
/// (Global Read on requests, Integration Readers), and round 17 secured the bureau's figures from Sam, the sales rep (Local
/// Read, Credit Readers). Before this round the request's <b>name</b> ("Initial limit for Northwind Traders Ltd: 25,000.00")
/// and its unsecured <c>cos_recommendedtermsdays</c> still told Ivy the assessment's limit and terms; and for an application
/// whose bureau company is not the applicant (round 16's mismatch) the request's requested limit was the limit the
/// assessment recommended on that other company's report, which Sam reads (round 17's left item).
/// </summary>
public sealed class RequestFiguresReadControlTests : IDisposable
{
    private const string RequestTable = "cos_creditapprovalrequest";

    private readonly CreditApplicationWorld env = new();

    public void Dispose() => env.Dispose();

    [Fact]
    public void Ivy_ReadsNeitherTheRecommendedLimitInTheRequestsName_NorItsRecommendedTerms_WhichFionaReads()
    {
        var (_, request) = env.AnApplicationWithFinance();
        var fionas = env.Fiona.Retrieve(RequestTable, request, new ColumnSet(true));
        var limit = fionas.GetAttributeValue<Money>(RequestFields.RequestedLimit).Value;
        var terms = fionas.GetAttributeValue<int?>(RequestFields.RecommendedTermsDays);
        Assert.Equal(25_000m, limit);
        Assert.NotNull(terms);

        var ivys = env.Ivy.Retrieve(RequestTable, request, new ColumnSet(true));

        Assert.NotNull(ivys.GetAttributeValue<OptionSetValue>(RequestFields.ApprovalStatus));
        var name = ivys.GetAttributeValue<string>(RequestFields.Name);
        Assert.False(name.Contains("25,000", StringComparison.Ordinal) || name.Contains("25000", StringComparison.Ordinal), "Ivy read the recommended limit in the request's name: " + name);
        Assert.Equal("Initial limit for Northwind Traders Ltd", name);
        Assert.False(ivys.Contains(RequestFields.RecommendedTermsDays) && ivys[RequestFields.RecommendedTermsDays] is not null, "Ivy read cos_recommendedtermsdays = " + (ivys.Contains(RequestFields.RecommendedTermsDays) ? ivys[RequestFields.RecommendedTermsDays] : null));

        // Nor by filtering on the terms, which Dataverse evaluates as null for a secured column the caller cannot read.
        var byTerms = new QueryExpression(RequestTable) { ColumnSet = new ColumnSet(false) };
        byTerms.Criteria.AddCondition(RequestFields.RecommendedTermsDays, ConditionOperator.Equal, terms!.Value);
        Assert.Empty(env.Ivy.RetrieveMultiple(byTerms).Entities);
        Assert.Single(env.Fiona.RetrieveMultiple(byTerms).Entities);
    }

    [Fact]
    public void Sam_OnAnApplicationWhoseBureauCompanyIsAnother_ReadsNoLimitComputedFromThatCompanysReport_FionaGrantsHerOwn()
    {
        var application = env.SamEntersTheApplication();
        env.Sam.Update(new Entity(Account.EntityLogicalName, CreditApplicationWorld.NewCustomer) { [Account.Fields.Name] = "Litware Inc" });
        env.Sam.Update(new Entity(AppTable.EntityLogicalName, application) { [AppTable.Fields.Name] = "Litware Inc" });
        env.Submit(env.Sam, application);
        env.BureauReports(application, solvency: 90, rating: Rating.A, recommendedCredit: 80_000m, reportId: "GB-CS-0999", companyId: "GB-CS-0999", registeredName: "Clean Company Ltd");
        var request = env.RequestOf(application);
        Assert.Equal("BureauNameMismatch", request.GetAttributeValue<string>(RequestFields.ReasonCode));

        var sams = env.Sam.Retrieve(RequestTable, request.Id, new ColumnSet(true));

        var asked = sams.GetAttributeValue<Money>(RequestFields.RequestedLimit)?.Value ?? 0m;
        Assert.True(asked == 0m, "Sam read the request's requested limit " + asked.ToString("N2") + ", the assessment's limit on Clean Company Ltd's report");
        Assert.False(Regex.IsMatch(sams.GetAttributeValue<string>(RequestFields.Name), "[0-9]"), "Sam read a figure in the request's name: " + sams.GetAttributeValue<string>(RequestFields.Name));
        Assert.False(sams.Contains(RequestFields.RecommendedTermsDays) && sams[RequestFields.RecommendedTermsDays] is not null, "Sam read the recommended terms on Clean Company Ltd's report");

        // Finance reads the assessment in the verification; the request carries no limit to approve as it stands.
        var verification = env.Fiona.Retrieve(RequestTable, request.Id, new ColumnSet(RequestFields.Verification)).GetAttributeValue<string>(RequestFields.Verification);
        Assert.Matches("Assessment on these figures \\(not shown to the sales rep\\): (Grant USD [0-9,.]+ on net [0-9]+|Decline[^\\n]*)\\.$", verification);
        var refused = Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Decide(env.Fiona, request.Id, "Approve", "Trading name of Clean Company Ltd: certificate of incorporation checked."));
        Assert.StartsWith(
            "Credit approval request 'Initial limit for Litware Inc': the bureau's report may be another company's, so the request carries no limit (the assessment on its figures is in the verification). Approve with the limit you grant (ApprovedLimit)",
            refused.Detail.Message,
            StringComparison.Ordinal);

        env.Decide(env.Fiona, request.Id, "Approve", "Trading name of Clean Company Ltd: certificate of incorporation checked.", approvedLimit: 15_000m);

        Assert.Equal((int)Status.Approved, CreditApplicationWorld.Status(env.Application(application)));
        Assert.Equal(15_000m, env.World.Account(CreditApplicationWorld.NewCustomer).GetAttributeValue<Money>(Account.Fields.ApprovedLimit).Value);
    }
}
