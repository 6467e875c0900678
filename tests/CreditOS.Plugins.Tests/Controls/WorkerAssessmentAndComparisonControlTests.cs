extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Applications;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.BureauReportBuilder;
using AppTable = plugins::CreditOS.Dataverse.Model.CreditApplication;
using Report = plugins::CreditOS.Dataverse.Model.BureauReport;
using RequestFields = plugins::CreditOS.Dataverse.Model.CreditApprovalRequest.Fields;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 19 (session 26), round 18's second and third leftovers, as Ivy, the integration worker's application user
/// with exactly what the solution gives it (Integration role + Integration Readers).
/// Before: Ivy read an application's assessment (creditworthiness, recommendation, recommended limit and terms, reasons),
/// was answered the recommendation and limit by <c>cos_AssessCreditApplication</c>, and read the initial-limit request's
/// requested limit (the recommendation) and reason; and Ivy could rewrite the credit flow's comparison columns on a bureau
/// report (our limit, our receivables, below our limit), which the analysts' views show. Now those columns are secured: the
/// assessment and the request's limit and reason are read by the rep's, Finance's and the credit administrator's profiles,
/// the comparison columns are written by the credit flow only (no profile grants create or update).
/// </summary>
public sealed class WorkerAssessmentAndComparisonControlTests
{
    private static readonly string[] Assessment =
    [
        AppTable.Fields.Creditworthiness, AppTable.Fields.Recommendation, AppTable.Fields.RecommendedLimit,
        AppTable.Fields.RecommendedTermsDays, AppTable.Fields.AssessmentReasons,
    ];

    private static readonly string[] RequestAssessment = [RequestFields.RequestedLimit, RequestFields.DecisionReason];

    [Fact]
    public void Ivy_RecordsTheLookup_AndReadsTheStatus_NotTheAssessment_NorTheRequestsLimitOrReason_WhichSamAndFionaRead()
    {
        using var env = new CreditApplicationWorld();
        var application = env.SamEntersTheApplication();
        env.Submit(env.Sam, application);

        var answer = env.BureauReports(application);

        Assert.Equal("InAssessment", answer["Status"]);
        Assert.DoesNotContain(answer.Results, pair => pair.Key is "Recommendation" or "RecommendedLimit");
        var request = env.RequestOf(application).Id;

        var ivys = env.Ivy.Retrieve(AppTable.EntityLogicalName, application, new ColumnSet(true));
        Assert.NotNull(ivys.GetAttributeValue<OptionSetValue>(AppTable.Fields.StatusCode));
        AssertNone(ivys, Assessment, "Ivy read the application's ");
        var ivysRequest = env.Ivy.Retrieve("cos_creditapprovalrequest", request, new ColumnSet(true));
        Assert.NotNull(ivysRequest.GetAttributeValue<OptionSetValue>(RequestFields.ApprovalStatus));
        AssertNone(ivysRequest, RequestAssessment, "Ivy read the request's ");

        // Nor by filtering: Dataverse substitutes null for a secured column the caller cannot read.
        Assert.Empty(env.Ivy.RetrieveMultiple(Where(AppTable.EntityLogicalName, AppTable.Fields.RecommendedLimit, 25_000m)).Entities);
        Assert.Empty(env.Ivy.RetrieveMultiple(Where("cos_creditapprovalrequest", RequestFields.RequestedLimit, 25_000m)).Entities);

        foreach (var reader in new[] { env.Sam, env.Fiona })
        {
            Assert.Equal(25_000m, reader.Retrieve(AppTable.EntityLogicalName, application, new ColumnSet(Assessment)).GetAttributeValue<Money>(AppTable.Fields.RecommendedLimit).Value);
            Assert.Equal(25_000m, reader.Retrieve("cos_creditapprovalrequest", request, new ColumnSet(RequestAssessment)).GetAttributeValue<Money>(RequestFields.RequestedLimit).Value);
            Assert.Single(reader.RetrieveMultiple(Where(AppTable.EntityLogicalName, AppTable.Fields.RecommendedLimit, 25_000m)).Entities);
        }
    }

    [Fact]
    public void Ivy_CannotRewriteOrSetTheCreditFlowsComparisonOnAReport_NorReadIt_WhichFionaReads()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().WithLimit(50_000).Create(world.Service);
        var ivy = world.Context.As(world.Context.AUser("Ivy Integration").WithRole(SolutionRoles.Integration).WithProfile("creditOS Integration Readers").Create());
        var report = ivy.Create(ABureauReport().WithSolvency(70).RecommendingCredit(20_000m).ReportedDaysAgo(0).AnsweringEvents("R-1").Build());
        var recorded = Comparison(world.Service, report);
        Assert.Equal(50_000m, recorded.GetAttributeValue<Money>(Report.Fields.OurLimit).Value);
        Assert.True(recorded.GetAttributeValue<bool>(Report.Fields.BelowOurLimit));

        foreach (var write in new (string Column, object Value)[]
                 {
                     (Report.Fields.OurLimit, new Money(10_000m)), (Report.Fields.OurReceivables, new Money(0m)), (Report.Fields.BelowOurLimit, false),
                 })
        {
            Assert.Throws<FaultException<OrganizationServiceFault>>(() => ivy.Update(new Entity(Report.EntityLogicalName, report) { [write.Column] = write.Value }));
        }

        var withComparison = ABureauReport().WithSolvency(70).RecommendingCredit(20_000m).ReportedDaysAgo(0).AnsweringEvents("R-2").Build();
        withComparison[Report.Fields.BelowOurLimit] = false;
        Assert.Throws<FaultException<OrganizationServiceFault>>(() => ivy.Create(withComparison));

        var kept = Comparison(world.Service, report);
        Assert.Equal(50_000m, kept.GetAttributeValue<Money>(Report.Fields.OurLimit).Value);
        Assert.Equal(recorded.GetAttributeValue<Money>(Report.Fields.OurReceivables)?.Value, kept.GetAttributeValue<Money>(Report.Fields.OurReceivables)?.Value);
        Assert.True(kept.GetAttributeValue<bool>(Report.Fields.BelowOurLimit));
        Assert.Null(Comparison(ivy, report).GetAttributeValue<Money>(Report.Fields.OurLimit));
        Assert.Equal(50_000m, Comparison(world.CreditManager, report).GetAttributeValue<Money>(Report.Fields.OurLimit).Value);
    }

    private static Entity Comparison(IOrganizationService caller, Guid report) =>
        caller.Retrieve(Report.EntityLogicalName, report, new ColumnSet(Report.Fields.OurLimit, Report.Fields.OurReceivables, Report.Fields.BelowOurLimit));

    private static QueryExpression Where(string table, string column, decimal value)
    {
        var query = new QueryExpression(table) { ColumnSet = new ColumnSet(false) };
        query.Criteria.AddCondition(column, ConditionOperator.Equal, value);
        return query;
    }

    private static void AssertNone(Entity row, string[] columns, string what)
    {
        foreach (var column in columns)
        {
            Assert.False(row.Contains(column) && row[column] is not null, what + column + " = " + (row.Contains(column) ? row[column] : null));
        }
    }
}
