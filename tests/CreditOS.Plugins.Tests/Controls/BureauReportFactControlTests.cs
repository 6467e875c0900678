extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.BureauReportBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Report = plugins::CreditOS.Dataverse.Model.BureauReport;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// A bureau report upserted again by its alternate key (bureau, report id) with other content: as the integration
/// worker (Integration role, which writes bureau reports) and Ada the System Administrator, through the local Dataverse
/// with every plugin. Before, the redelivery silently rewrote the report (a judgment cleared, a better score) and the
/// next rescoring read the rewritten report.
/// </summary>
public sealed class BureauReportFactControlTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public BureauReportFactControlTests() => AnAccount().WithLimit(50_000).Create(world.Service);

    public void Dispose() => world.Dispose();

    [Fact]
    public void TheWorker_CannotRewriteARecordedBureauReportByUpsertingItsKeyAgain_NorCanAda_ButTheSameContentPasses()
    {
        var report = ABureauReport().WithSolvency(40).WithJudgments(1).ReportedDaysAgo(1).AnsweringEvents("R-1").Create(world.Service);
        Assert.True(world.Account(CreditTestIds.Customer).GetAttributeValue<bool>(Account.Fields.IsSuspended));
        var worker = world.Context.As(world.Context.AUser("creditOS worker").WithRole(SolutionRoles.Integration).Create());
        world.ForgetExecutions();

        var rewritten = Assert.Throws<FaultException<OrganizationServiceFault>>(() => worker.Execute(new UpsertRequest
        {
            Target = Redelivered(solvency: 95, judgments: 0),
        })).Detail.Message;
        var same = (UpsertResponse)worker.Execute(new UpsertRequest { Target = Redelivered(solvency: 40, judgments: 1) });
        var byAda = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Context.As(FixedIds.AdminUser).Update(new Entity(Report.EntityLogicalName, report)
        {
            [Report.Fields.HasJudgment] = false,
        })).Detail.Message;
        world.Service.Execute(new OrganizationRequest("cos_RescoreAccount") { ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) });

        Assert.Contains("The Creditsafe report R-1 of", rewritten, StringComparison.Ordinal);
        Assert.Contains("cos_solvencyscore 40 → 95", rewritten, StringComparison.Ordinal);
        Assert.Contains("cos_hasjudgment yes → no", rewritten, StringComparison.Ordinal);
        Assert.Contains("cos_judgmentcount 1 → 0", rewritten, StringComparison.Ordinal);
        Assert.Contains("a new report with its own id", rewritten, StringComparison.Ordinal);
        Assert.False(same.RecordCreated);
        Assert.Contains("cos_hasjudgment yes → no", byAda, StringComparison.Ordinal);
        var saved = world.Service.Retrieve(Report.EntityLogicalName, report, new Microsoft.Xrm.Sdk.Query.ColumnSet(Report.Fields.SolvencyScore, Report.Fields.HasJudgment, Report.Fields.OurLimit));
        Assert.Equal(40, saved.GetAttributeValue<int>(Report.Fields.SolvencyScore));
        Assert.True(saved.GetAttributeValue<bool>(Report.Fields.HasJudgment));
        Assert.NotNull(saved.GetAttributeValue<Money>(Report.Fields.OurLimit));
        Assert.True(world.Account(CreditTestIds.Customer).GetAttributeValue<bool>(Account.Fields.IsSuspended));
        Assert.All(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.BureauReportFactGuardPlugin)), run => Assert.Equal(0, run.ServiceCalls));
    }

    [Fact]
    public void TheWorker_CannotRecordAFutureDatedCleanReport_ThatWouldOutrankTheJudgmentOnceItsDateArrives_WhileTodaysAndTomorrowsPass()
    {
        ABureauReport().WithSolvency(40).WithJudgments(1).ReportedDaysAgo(1).AnsweringEvents("R-1").Create(world.Service);
        var worker = world.Context.As(world.Context.AUser("creditOS worker").WithRole(SolutionRoles.Integration).Create());
        world.ForgetExecutions();

        var future = ABureauReport().WithSolvency(99).Rated(plugins::CreditOS.Dataverse.Model.BureauReportRating.A).ReportedDaysAgo(-365).AnsweringEvents("R-2").Build();
        var refused = Assert.Throws<FaultException<OrganizationServiceFault>>(() => worker.Create(future)).Detail.Message;
        var byAda = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Context.As(FixedIds.AdminUser).Create(
            ABureauReport().WithSolvency(99).ReportedDaysAgo(-2).Build())).Detail.Message;
        var tomorrow = worker.Create(ABureauReport().WithSolvency(41).WithJudgments(1).ReportedDaysAgo(-1).AnsweringEvents("R-3").Build());
        var today = worker.Create(ABureauReport().WithSolvency(42).WithJudgments(1).ReportedDaysAgo(0).AnsweringEvents("R-4").Build());

        var day = CreditTestIds.Today;
        Assert.Contains("Creditsafe report R-2: The bureau report is dated " + Day(day.AddDays(365)) + ", 365 day(s) after it is recorded on " + Day(day), refused, StringComparison.Ordinal);
        Assert.Contains("at the latest " + Day(day.AddDays(1)) + " (the day it is recorded plus 1 day of bureau clock skew)", refused, StringComparison.Ordinal);
        Assert.Contains("dated " + Day(day.AddDays(2)) + ", 2 day(s) after", byAda, StringComparison.Ordinal);
        var reports = world.Service.RetrieveMultiple(new Microsoft.Xrm.Sdk.Query.QueryExpression(Report.EntityLogicalName) { ColumnSet = new Microsoft.Xrm.Sdk.Query.ColumnSet(Report.Fields.ExternalId) }).Entities;
        Assert.DoesNotContain(reports, row => row.GetAttributeValue<string>(Report.Fields.ExternalId) == "R-2");
        Assert.Equal(3, reports.Count);
        Assert.NotEqual(Guid.Empty, tomorrow);
        Assert.NotEqual(Guid.Empty, today);
        Assert.True(world.Account(CreditTestIds.Customer).GetAttributeValue<bool>(Account.Fields.IsSuspended));

        // Controls round 17 (session 24): a report on an account asks once whether an application there waits for the bureau.
        Assert.All(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.BureauReportFactGuardPlugin)), run => Assert.True(run.ServiceCalls <= plugins::CreditOS.Dataverse.Credit.Bureau.ApplicantReportGate.Calls, run.ToString()));
    }

    private static string Day(DateTime date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static Entity Redelivered(int solvency, int judgments)
    {
        var row = ABureauReport().WithSolvency(solvency).WithJudgments(judgments).ReportedDaysAgo(1).AnsweringEvents("R-1").Build();
        var keyed = new Entity(Report.EntityLogicalName, new KeyAttributeCollection { { Report.Fields.Bureau, "Creditsafe" }, { Report.Fields.ExternalId, "R-1" } });
        foreach (var column in row.Attributes.Where(column => column.Key is not (Report.Fields.Bureau or Report.Fields.ExternalId)))
        {
            keyed[column.Key] = column.Value;
        }

        return keyed;
    }
}
