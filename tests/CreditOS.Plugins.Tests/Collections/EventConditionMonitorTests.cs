extern alias plugins;

using System.Globalization;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.BureauReportBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Kind = plugins::CreditOS.Dataverse.Model.MonitorConditionKind;
using Rating = plugins::CreditOS.Dataverse.Model.BureauReportRating;
using RescoreAccountApi = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using TaskTable = plugins::CreditOS.Dataverse.Model.Task;

namespace CreditOS.Plugins.Tests.Collections;

/// <summary>
/// Issue 13's condition monitor at the event that made a condition true, through the local pipeline: an on-demand
/// rescoring and the order lifecycle's rescoring (tier downgrade, Risk score above), a bureau report (bureau
/// deterioration) and Finance releasing a held order (utilization above) give the action item in the event's own
/// transaction; the daily batch that later sees the same occurrence raises nothing
/// more (once per occurrence); an event that cannot make a condition true costs no call.
/// </summary>
public sealed class EventConditionMonitorTests
{
    [Fact]
    public void AnOnDemandRescoring_ThatRaisesTheRiskScoreAboveTheCondition_GivesTheCollectorTheTaskAtOnce_AndTheDailyBatchNoSecond()
    {
        var (world, riskBefore) = ACustomerWhoseInvoiceGetsOlder(Kind.RiskScoreAbove, threshold: null);
        using (world)
        {
            var raised = Assert.Single(world.TasksOnTheCustomer());
            world.DailyBatch();
            world.Tomorrow();
            world.DailyBatch();

            Assert.True(RiskOf(world) > riskBefore, "the invoice 30 days overdue raises the Risk score from " + riskBefore + " (got " + RiskOf(world) + ")");
            Assert.Single(world.TasksOnTheCustomer());
            Assert.Equal(CollectionsWorld.Colin, raised.GetAttributeValue<EntityReference>(TaskTable.Fields.OwnerId).Id);
            Assert.Contains("above the condition's " + riskBefore.ToString("0.##", CultureInfo.InvariantCulture), raised.GetAttributeValue<string>(TaskTable.Fields.Description), StringComparison.Ordinal);
            Assert.Equal(CreditTestIds.Today.AddDays(21), raised.GetAttributeValue<DateTime>(TaskTable.Fields.ScheduledEnd));
        }
    }

    [Fact]
    public void AnOnDemandRescoring_ThatMovesTheTierDown_GivesTheCollectorTheTaskAtOnce_AndTheDailyBatchNoSecond()
    {
        var (world, _) = ACustomerWhoseInvoiceGetsOlder(Kind.TierDowngrade, threshold: 0m);
        using (world)
        {
            var raised = Assert.Single(world.TasksOnTheCustomer());
            world.DailyBatch();
            world.Tomorrow();
            world.DailyBatch();

            Assert.Single(world.TasksOnTheCustomer());
            Assert.Contains(": tier down from ", raised.GetAttributeValue<string>(TaskTable.Fields.Subject), StringComparison.Ordinal);
            Assert.Contains("the rescoring of " + CreditTestIds.Today.AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " moved the credit tier down", raised.GetAttributeValue<string>(TaskTable.Fields.Description), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheMonitorAtTheRescoring_CostsTheOccurrencesReadAndOneCreate_BesidesReadingTheConditions()
    {
        var (configured, _) = ACustomerWhoseInvoiceGetsOlder(Kind.RiskScoreAbove, threshold: null);
        var (unconfigured, _) = ACustomerWhoseInvoiceGetsOlder(kind: null, threshold: null);
        using (configured)
        using (unconfigured)
        {
            var withTask = configured.ExecutionsOf(typeof(plugins::CreditOS.Plugins.RescoreAccountPlugin)).Last();
            var without = unconfigured.ExecutionsOf(typeof(plugins::CreditOS.Plugins.RescoreAccountPlugin)).Last();

            Assert.True(withTask.Succeeded, withTask.Error);
            Assert.True(without.Succeeded, without.Error);
            Assert.Single(configured.TasksOnTheCustomer());
            Assert.Empty(unconfigured.TasksOnTheCustomer());
            Assert.Equal(without.ServiceCalls + 1 + 1, withTask.ServiceCalls);
        }
    }

    [Fact]
    public void ABureauReport_ThatRecordsADeterioration_RaisesItInTheReportsOwnTransaction_AndTheDailyBatchNoSecond()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Create(world.Service);
        AnInvoice().Numbered(1).Of(4_000m).IssuedDaysAgo(10).DueAfter(30).Create(world.Service);
        var colin = world.ACollector(CollectionsWorld.Colin, "Colin Collector");
        world.CollectedBy(colin);
        world.ACondition("Bureau deterioration", Kind.BureauDeterioration, 0m, dueInDays: 2);
        var yesterday = CreditTestIds.Today.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var monthsAgo = CreditTestIds.Today.AddDays(-60).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

        ABureauReport().Rated(Rating.C).ReportedDaysAgo(0).AnsweringEvents(
            "E7", "1\tInternationalRating\t101\tB\tC\t" + yesterday, "2\tSolvencyScore\t102\t80\t60\t" + monthsAgo, "3\tDaysBeyondTerms\t103\t9\t4\t" + yesterday).Create(world.Service);
        var atTheReport = world.TasksOnTheCustomer();
        world.DailyBatch();
        world.Tomorrow();
        world.DailyBatch();

        // The rating got worse yesterday: raised. The solvency drop is 60 days old (outside the monitor's window, as in the
        // batch) and fewer days beyond terms is an improvement: neither raises anything.
        var task = Assert.Single(atTheReport);
        Assert.EndsWith(": bureau InternationalRating deteriorated", task.GetAttributeValue<string>(TaskTable.Fields.Subject), StringComparison.Ordinal);
        Assert.Contains("the bureau reported InternationalRating C, down from B", task.GetAttributeValue<string>(TaskTable.Fields.Description), StringComparison.Ordinal);
        Assert.Equal(colin, task.GetAttributeValue<EntityReference>(TaskTable.Fields.OwnerId).Id);
        Assert.Equal(CreditTestIds.Today.AddDays(2), task.GetAttributeValue<DateTime>(TaskTable.Fields.ScheduledEnd));
        Assert.Single(world.TasksOnTheCustomer());
    }

    [Fact]
    public void AnOrderCancelled_WhoseLifecycleRescoringRaisesTheRiskScore_GivesTheTaskAtThatRescoring()
    {
        using var world = CreditWorld.WithAllPlugins();
        APayingHistory(world);
        var orderId = OrderBuilder.AnOrder().Of(100m).Create(world.Service);
        world.RescoreOnDemand();
        world.ACondition("Risk above today's", Kind.RiskScoreAbove, RiskOf(world), dueInDays: 1);
        world.Tomorrow(20);

        world.Service.Execute(new Microsoft.Crm.Sdk.Messages.SetStateRequest
        {
            EntityMoniker = new EntityReference(plugins::CreditOS.Dataverse.Model.SalesOrder.EntityLogicalName, orderId),
            State = new OptionSetValue((int)plugins::CreditOS.Dataverse.Model.SalesOrderState.Canceled),
            Status = new OptionSetValue((int)plugins::CreditOS.Dataverse.Model.SalesOrderStatus.NoMoney),
        });

        var lifecycle = world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.OrderLifecyclePlugin)).Last();
        Assert.True(lifecycle.Succeeded, lifecycle.Error);
        var task = Assert.Single(world.TasksOnTheCustomer());
        Assert.Contains(": Risk score ", task.GetAttributeValue<string>(TaskTable.Fields.Subject), StringComparison.Ordinal);
    }

    [Fact]
    public void FinanceReleasingAHeldOrder_ThatTakesUtilizationAboveTheCondition_GivesTheOwnerTheTaskAtOnce()
    {
        using var world = CreditWorld.WithPluginsAndApprovals();
        world.Service.Update(PolicyBuilder.APolicy().BlockingAbove(1.25m).Build());
        AnAccount().WithLimit(50_000).WithOpenReceivables(45_000).WithOpenOrders(3_000).Create(world.Service);
        world.ACondition("Utilization above 90%", Kind.UtilizationAbove, 90m, dueInDays: 1);
        var orderId = OrderBuilder.AnOrder().Of(40_000m).Create(world.Context.As(FixedIds.SalesRep));
        world.Context.As(FixedIds.SalesRep).Execute(new OrganizationRequest("cos_RequestCreditException")
        {
            ["Target"] = new EntityReference("salesorder", orderId),
            ["Reason"] = "Framework contract renewal.",
        });
        var beforeRelease = world.TasksOnTheCustomer();
        var query = new Microsoft.Xrm.Sdk.Query.QueryExpression("cos_creditapprovalrequest") { ColumnSet = new Microsoft.Xrm.Sdk.Query.ColumnSet(false) };
        query.Criteria.AddCondition("cos_salesorderid", Microsoft.Xrm.Sdk.Query.ConditionOperator.Equal, orderId);
        var request = world.Service.RetrieveMultiple(query).Entities.Single();

        world.Context.As(FixedIds.FinanceApprover).Execute(new OrganizationRequest("cos_DecideCreditApproval")
        {
            ["Target"] = request.ToEntityReference(),
            ["Decision"] = "Approve",
            ["Comment"] = "Prepayment confirmed.",
        });

        Assert.Empty(beforeRelease);
        var task = Assert.Single(world.TasksOnTheCustomer());
        Assert.EndsWith(": utilization 176% above 90%", task.GetAttributeValue<string>(TaskTable.Fields.Subject), StringComparison.Ordinal);
        Assert.Contains("exposure USD 88,000.00 against a limit of USD 50,000.00 is 176% utilization", task.GetAttributeValue<string>(TaskTable.Fields.Description), StringComparison.Ordinal);
        Assert.Equal(world.Account(CreditTestIds.Customer).GetAttributeValue<EntityReference>("ownerid").Id, task.GetAttributeValue<EntityReference>(TaskTable.Fields.OwnerId).Id);
    }

    [Fact]
    public void ARescoringThatChangesNothing_CostsTheMonitorNoCall()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Create(world.Service);
        AnInvoice().Numbered(1).Of(4_000m).IssuedDaysAgo(40).DueAfter(30).Create(world.Service);
        world.RescoreOnDemand();
        world.RescoreOnDemand();
        var unconfigured = world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.RescoreAccountPlugin)).Last().ServiceCalls;
        world.ACondition("Risk above 1", Kind.RiskScoreAbove, 1m, dueInDays: 1);
        world.ACondition("Tier downgrade", Kind.TierDowngrade, 0m, dueInDays: 1);

        world.RescoreOnDemand();

        Assert.Equal(unconfigured, world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.RescoreAccountPlugin)).Last().ServiceCalls);
        Assert.Empty(world.TasksOnTheCustomer());
    }

    /// <summary>
    /// A customer who paid four invoices about a month late and owes a fifth 10 days overdue, scored today; then the
    /// condition (threshold: today's Risk score when none is given) and, 20 days later, an on-demand rescoring that sees
    /// the invoice 30 days overdue: the Risk score rises and the risk level (so the tier) gets worse.
    /// </summary>
    private static (CreditWorld World, decimal RiskBefore) ACustomerWhoseInvoiceGetsOlder(Kind? kind, decimal? threshold)
    {
        var world = CreditWorld.WithAllPlugins();

        // Two invoices paid on time before the one that gets older: with rule set v5 (overdue read through the days and
        // late shares) the invoice 30 days past due takes the customer from Medium to High risk, a tier down.
        APayingHistory(world, paidBefore: 2);
        world.CollectedBy(world.ACollector(CollectionsWorld.Colin, "Colin Collector"));
        world.RescoreOnDemand();
        var riskBefore = RiskOf(world);
        if (kind is { } watched)
        {
            world.ACondition("Watched", watched, threshold ?? riskBefore, dueInDays: 1);
        }

        world.Tomorrow(20);
        world.RescoreOnDemand();
        return (world, riskBefore);
    }

    private static void APayingHistory(CreditWorld world, int paidBefore = 4)
    {
        AnAccount().Create(world.Service);
        foreach (var (n, ago) in new[] { (1, 200), (2, 170), (3, 140), (4, 110) }.Skip(4 - paidBefore))
        {
            AnInvoice().Numbered(n).Of(1_000m).IssuedDaysAgo(ago).DueAfter(30).SettledDaysAgo(ago - 28).Create(world.Service);
        }

        AnInvoice().Numbered(5).Of(4_000m).IssuedDaysAgo(40).DueAfter(30).Create(world.Service);
    }

    private static decimal RiskOf(CreditWorld world) => world.Account(CreditTestIds.Customer).GetAttributeValue<decimal?>(Account.Fields.RiskScore) ?? 0m;

}

/// <summary>The account form's Rescore command: cos_RescoreAccount with no trigger (on demand).</summary>
internal static class OnDemandRescoring
{
    public static void RescoreOnDemand(this CreditWorld world) =>
        world.Service.Execute(new OrganizationRequest(RescoreAccountApi.UniqueName) { ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) });
}
