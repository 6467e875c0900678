using CreditOS.Cli.Demo.Story;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using TaskTable = CreditOS.Dataverse.Model.Task;

namespace CreditOS.Cli.Tests.Demo;

/// <summary>The demo's collections chapter, checked against the rows the local Dataverse holds after the run.</summary>
public sealed class DemoCollectionsTests(SmallDemoFixture demo) : IClassFixture<SmallDemoFixture>
{
    private IOrganizationService Service => demo.Run.Dataverse.GetOrganizationService();

    [Fact]
    public void TheCollectorsWorklist_ListsTheBooksOpenItems_RankedByExpectedLateAmount_WithTheReason()
    {
        var outcome = demo.Run.Outcome<CollectionsOutcome>();

        Assert.NotEmpty(outcome.Worklist);
        Assert.Equal(outcome.Worklist.Select(l => l.ExpectedLateAmount).OrderDescending(), outcome.Worklist.Select(l => l.ExpectedLateAmount));
        Assert.All(outcome.Worklist, l => Assert.False(string.IsNullOrEmpty(l.Reason)));
        Assert.All(outcome.Book, id => Assert.Equal(outcome.CollectorId, Service.Retrieve(Account.EntityLogicalName, id, new ColumnSet(Account.Fields.CollectorId)).GetAttributeValue<EntityReference>(Account.Fields.CollectorId).Id));
    }

    [Fact]
    public void OnePromiseIsKeptByThePayment_TheOtherIsBroken_AndTheMonitorGivesTheCollectorOneActionItem()
    {
        var outcome = demo.Run.Outcome<CollectionsOutcome>();

        Assert.Equal((int)PromiseToPayStatus.Kept, Status(outcome.KeptPromiseId));
        Assert.Equal((int)PromiseToPayStatus.Broken, Status(outcome.BrokenPromiseId));
        var task = Service.Retrieve(TaskTable.EntityLogicalName, Assert.Single(outcome.ActionItemIds), new ColumnSet(TaskTable.Fields.OwnerId, TaskTable.Fields.Description, TaskTable.Fields.RegardingObjectId));
        Assert.Equal(outcome.CollectorId, task.GetAttributeValue<EntityReference>(TaskTable.Fields.OwnerId).Id);
        Assert.Equal(outcome.BrokenAccountId, task.GetAttributeValue<EntityReference>(TaskTable.Fields.RegardingObjectId).Id);
        Assert.Contains("was broken;", task.GetAttributeValue<string>(TaskTable.Fields.Description), StringComparison.Ordinal);
    }

    private int? Status(Guid promiseId) =>
        Service.Retrieve(PromiseToPay.EntityLogicalName, promiseId, new ColumnSet(PromiseToPay.Fields.PromiseStatus)).GetAttributeValue<OptionSetValue>(PromiseToPay.Fields.PromiseStatus)?.Value;
}
