extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Plugins.Tests.Collections;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using static CreditOS.Testing.ServiceFaults;
using Guard = plugins::CreditOS.Plugins.MonitorTaskGuardPlugin;
using Kind = plugins::CreditOS.Dataverse.Model.MonitorConditionKind;
using TaskTable = plugins::CreditOS.Dataverse.Model.Task;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 24 (session 31): Colin (Collector + Collection Readers) owns the condition monitor's tasks on the
/// customers he collects and may write them (prvWriteActivity, Basic). The monitor raises nothing for an occurrence whose
/// key it finds on a task, and the key is made of what Colin reads (the condition's id and the invoice's). So Colin wrote
/// the key of an invoice that was not yet overdue onto a task of his, and when that invoice went past the Credit
/// Administrators' "overdue more than 20 days" the monitor raised nothing. The occurrence columns are now the credit
/// flow's; Colin still works and completes his task.
/// </summary>
public sealed class MonitorOccurrenceControlTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public void Dispose() => world.Dispose();

    [Fact]
    public void Colin_CannotRecordAnOccurrenceTheMonitorHasNotRaised_OnATaskOfHis_SoTheNextOverdueInvoiceIsStillRaised()
    {
        AnAccount().Create(world.Service);
        AnInvoice().Numbered(1).Of(4_000m).IssuedDaysAgo(60).DueAfter(30).Create(world.Service);
        var second = AnInvoice().Numbered(2).Of(3_000m).IssuedDaysAgo(35).DueAfter(30).Create(world.Service);
        var colinId = world.Context.AUser("Colin Collector").WithId(CollectionsWorld.Colin).WithRole(SolutionRoles.Collector).WithProfile(SolutionFieldSecurityProfiles.CollectionReaders).Create();
        var colin = world.Context.As(colinId);
        world.CollectedBy(colinId);
        var condition = world.ACondition("Overdue more than 20 days", Kind.OverdueDaysAbove, 20m, dueInDays: 2);
        world.DailyBatch();
        var mine = Assert.Single(colin.RetrieveMultiple(new QueryExpression(TaskTable.EntityLogicalName) { ColumnSet = new ColumnSet(TaskTable.Fields.Subject, TaskTable.Fields.OccurrenceKey) }).Entities);
        var recorded = mine.GetAttributeValue<string>(TaskTable.Fields.OccurrenceKey);
        var secondsKey = "mon:" + condition.ToString("N") + ":" + second.ToString("N");
        world.ForgetExecutions();

        // INV-00002 is 5 days overdue: Colin records its occurrence before the monitor would raise it, or ends his task's.
        var keyed = Refused(() => colin.Update(new Entity(TaskTable.EntityLogicalName, mine.Id) { [TaskTable.Fields.OccurrenceKey] = secondsKey }));
        var ended = Refused(() => colin.Update(new Entity(TaskTable.EntityLogicalName, mine.Id) { [TaskTable.Fields.OccurrenceEndedOn] = CreditTestIds.Today }));

        Assert.Equal(
            $"The task '{mine.GetAttributeValue<string>(TaskTable.Fields.Subject)}' cannot be saved: cos_occurrencekey is the condition monitor's record of what it raised (occurrence {recorded}), "
            + "written by the credit flow only, whatever your roles: the monitor raises nothing for an occurrence it finds recorded. Work or complete the task; the monitor records when a condition stops holding.",
            keyed);
        Assert.StartsWith($"The task '{mine.GetAttributeValue<string>(TaskTable.Fields.Subject)}' cannot be saved: cos_occurrenceendedon is the condition monitor's record", ended, StringComparison.Ordinal);
        Assert.Equal(recorded, world.Service.Retrieve(TaskTable.EntityLogicalName, mine.Id, new ColumnSet(TaskTable.Fields.OccurrenceKey)).GetAttributeValue<string>(TaskTable.Fields.OccurrenceKey));
        Assert.All(world.ExecutionsOf(typeof(Guard)), run => Assert.InRange(run.ServiceCalls, 0, 1));

        // He works and completes his task as before (neither column in the save: no call).
        world.ForgetExecutions();
        colin.Update(new Entity(TaskTable.EntityLogicalName, mine.Id) { [TaskTable.Fields.Description] = "Called the customer; payment promised." });
        colin.Update(new Entity(TaskTable.EntityLogicalName, mine.Id) { [TaskTable.Fields.StateCode] = new OptionSetValue(1), [TaskTable.Fields.StatusCode] = new OptionSetValue(5) });
        Assert.All(world.ExecutionsOf(typeof(Guard)), run => Assert.Equal(0, run.ServiceCalls));

        // Twenty days on INV-00002 is 25 days overdue and the monitor raises it, once.
        world.Tomorrow(20);
        world.DailyBatch();
        var raised = world.TasksOnTheCustomer().Where(t => t.GetAttributeValue<string>(TaskTable.Fields.OccurrenceKey) == secondsKey).ToList();
        Assert.Single(raised);
        Assert.Contains("invoice INV-00002", Assert.Single(raised).GetAttributeValue<string>(TaskTable.Fields.Description), StringComparison.Ordinal);
        Assert.Equal(2, world.TasksOnTheCustomer().Count);
    }

    [Fact]
    public void Ada_CannotEnterATaskCarryingAMonitorOccurrence_EitherButEntersAnOrdinaryTask()
    {
        AnAccount().Create(world.Service);
        var ada = world.Context.As(FixedIds.AdminUser);
        var regarding = new EntityReference("account", CreditTestIds.Customer);

        var forged = Refused(() => ada.Create(new Entity(TaskTable.EntityLogicalName)
        {
            [TaskTable.Fields.Subject] = "Follow up",
            [TaskTable.Fields.RegardingObjectId] = regarding,
            [TaskTable.Fields.OccurrenceKey] = "mon:" + Guid.NewGuid().ToString("N") + ":" + Guid.NewGuid().ToString("N"),
        }));

        Assert.StartsWith("A task cannot be saved: cos_occurrencekey is the condition monitor's record of what it raised (occurrence mon:", forged, StringComparison.Ordinal);
        ada.Create(new Entity(TaskTable.EntityLogicalName) { [TaskTable.Fields.Subject] = "Follow up", [TaskTable.Fields.RegardingObjectId] = regarding });
        Assert.Single(world.TasksOnTheCustomer());
    }
}
