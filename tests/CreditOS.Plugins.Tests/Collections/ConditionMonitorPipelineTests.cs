extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using FollowUp = plugins::CreditOS.Dataverse.Credit.Collections.FollowUp.CollectionsFollowUp;
using Kind = plugins::CreditOS.Dataverse.Model.MonitorConditionKind;
using MonitorCondition = plugins::CreditOS.Dataverse.Model.MonitorCondition;
using TaskTable = plugins::CreditOS.Dataverse.Model.Task;

namespace CreditOS.Plugins.Tests.Collections;

/// <summary>
/// The condition monitor through the local pipeline: conditions Carl configures, the worker's daily batch
/// (cos_RescoreAccount, Trigger = scheduled) raising one task per occurrence for the collector, who reads and completes it.
/// </summary>
public sealed class ConditionMonitorPipelineTests
{
    [Fact]
    public void AnOverdueCondition_EvaluatedTwice_GivesTheCollectorOneTask_WithTheFiguresAndDueDate()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Create(world.Service);
        AnInvoice().Numbered(1).Of(4_000m).IssuedDaysAgo(60).DueAfter(30).Create(world.Service);
        var colin = world.ACollector(CollectionsWorld.Colin, "Colin Collector");
        world.CollectedBy(colin);
        world.ACondition("Overdue more than 20 days", Kind.OverdueDaysAbove, 20m, dueInDays: 2);

        world.DailyBatch();
        world.DailyBatch();
        world.Tomorrow();
        world.DailyBatch();

        var task = Assert.Single(world.TasksOnTheCustomer());
        Assert.Equal(colin, task.GetAttributeValue<EntityReference>(TaskTable.Fields.OwnerId).Id);
        Assert.Equal(CreditTestIds.Today.AddDays(2), task.GetAttributeValue<DateTime>(TaskTable.Fields.ScheduledEnd));
        Assert.Contains("invoice INV-00001 (open USD 4,000.00, due " + CreditTestIds.Today.AddDays(-30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ") is 30 days overdue", task.GetAttributeValue<string>(TaskTable.Fields.Description), StringComparison.Ordinal);
        Assert.StartsWith("mon:", task.GetAttributeValue<string>(TaskTable.Fields.OccurrenceKey), StringComparison.Ordinal);
    }

    [Fact]
    public void TheCollector_ReadsAndCompletesTheTask_AndTheOccurrenceIsNotRaisedAgain_ButCannotEditConditions()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Create(world.Service);
        AnInvoice().Numbered(1).Of(4_000m).IssuedDaysAgo(60).DueAfter(30).Create(world.Service);
        var colin = world.ACollector(CollectionsWorld.Colin, "Colin Collector");
        world.CollectedBy(colin);
        var condition = world.ACondition("Overdue more than 20 days", Kind.OverdueDaysAbove, 20m, dueInDays: 2);
        world.DailyBatch();
        var asColin = world.Context.As(colin);

        var query = new QueryExpression(TaskTable.EntityLogicalName) { ColumnSet = new ColumnSet(TaskTable.Fields.Subject) };
        var mine = Assert.Single(asColin.RetrieveMultiple(query).Entities);
        asColin.Update(new Entity(TaskTable.EntityLogicalName, mine.Id) { [TaskTable.Fields.StateCode] = new OptionSetValue(1), [TaskTable.Fields.StatusCode] = new OptionSetValue(5) });
        world.Tomorrow();
        world.DailyBatch();
        var refused = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() =>
            asColin.Update(new Entity(MonitorCondition.EntityLogicalName, condition) { [MonitorCondition.Fields.Threshold] = 90m }));

        var task = Assert.Single(world.TasksOnTheCustomer());
        Assert.Equal(1, task.GetAttributeValue<OptionSetValue>(TaskTable.Fields.StateCode).Value);
        Assert.EndsWith(": invoice INV-00001 30 days overdue", mine.GetAttributeValue<string>(TaskTable.Fields.Subject), StringComparison.Ordinal);
        Assert.Contains("prvWritecos_MonitorCondition", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAccountStateCondition_IsOneOccurrenceWhileItHolds_EndsWhenPaid_AndTheTaskGoesToTheOwnerWhenNoCollector()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Create(world.Service);
        AnInvoice().Numbered(1).Of(4_000m).IssuedDaysAgo(60).DueAfter(30).Create(world.Service);
        // Not yet due: the account keeps receivables (collections work) once the overdue one is paid.
        AnInvoice().Numbered(2).Of(1_000m).IssuedDaysAgo(5).DueAfter(30).Create(world.Service);
        world.ACondition("Overdue above 1,000", Kind.OverdueAmountAbove, 1_000m, dueInDays: 1);

        world.DailyBatch();
        world.Tomorrow();
        world.DailyBatch();
        var whileOverdue = Assert.Single(world.TasksOnTheCustomer());
        APayment().WithErpId("PAY-1").Of(4_000m).Settling("INV-00001").Create(world.Service);
        world.Tomorrow();
        world.DailyBatch();

        var task = Assert.Single(world.TasksOnTheCustomer());
        var owner = world.Account(CreditTestIds.Customer).GetAttributeValue<EntityReference>("ownerid");
        Assert.Equal(owner.Id, task.GetAttributeValue<EntityReference>(TaskTable.Fields.OwnerId).Id);
        Assert.Contains("the overdue balance is USD 4,000.00, above the condition's USD 1,000.00", task.GetAttributeValue<string>(TaskTable.Fields.Description), StringComparison.Ordinal);
        Assert.Null(whileOverdue.GetAttributeValue<DateTime?>(TaskTable.Fields.OccurrenceEndedOn));
        Assert.Equal(CreditTestIds.Today.AddDays(2), task.GetAttributeValue<DateTime?>(TaskTable.Fields.OccurrenceEndedOn)?.Date);
    }

    [Fact]
    public void TheFollowUp_ReadsAFixedNumberOfTimes_WhateverTheInvoicesAndConditions()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Create(world.Service);
        for (var n = 1; n <= 12; n++)
        {
            AnInvoice().Numbered(n).Of(1_000m).IssuedDaysAgo(40 + n).DueAfter(30).Create(world.Service);
        }

        world.DailyBatch();
        world.DailyBatch();
        var idleUnconfigured = LastBatchCalls(world);
        world.ACondition("Overdue more than 5 days", Kind.OverdueDaysAbove, 5m, dueInDays: 1);
        world.ACondition("Overdue more than 10 days", Kind.OverdueDaysAbove, 10m, dueInDays: 1);
        world.ACondition("Risk above 95", Kind.RiskScoreAbove, 95m, dueInDays: 1);
        world.TheUsualSequence();
        world.DailyBatch();
        world.DailyBatch();
        var idleConfigured = LastBatchCalls(world);

        // Every invoice is 11 to 22 days overdue: one task per invoice and condition, no task for the dunning (no escalation yet).
        Assert.Equal(12 + 12, world.TasksOnTheCustomer().Count);
        Assert.Equal(2, world.EmailsOnTheCustomer().Count);
        Assert.InRange(idleConfigured - idleUnconfigured, 1, FollowUp.MaximumReadCalls - 2);
    }

    private static int LastBatchCalls(CreditWorld world)
    {
        var run = world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.RescoreAccountPlugin)).Last();
        Assert.True(run.Succeeded, run.Error);
        return run.ServiceCalls;
    }
}
