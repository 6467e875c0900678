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
