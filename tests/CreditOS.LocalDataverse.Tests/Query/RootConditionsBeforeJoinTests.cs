using CreditOS.LocalDataverse.Pipeline;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Query;

/// <summary>
/// A query whose root table is scanned (no index answers its conditions, as for the environment variables the payment
/// posting reads) tests each root row against the filter's conditions on the root's own columns before joining it
/// (session 22): a root row that cannot qualify costs no join. The rows returned are the whole filter's, as before; a
/// top-level condition on a link's column is still applied after the join.
/// </summary>
public sealed class RootConditionsBeforeJoinTests
{
    private const string TriggerName = "Trigger";

    [Fact]
    public void AScannedRoot_JoinsOnlyTheRowsItsOwnConditionsKeep()
    {
        using var env = TestEnvironment.Create();
        SeedParentsWithOneChildEach(env, 20);
        env.Dataverse.RegisterStep(new PluginStepRegistration(
            typeof(PickedParentPlugin), Guid.NewGuid(), "Create", "account", PipelineStageNumber.PostOperation, false, 1, [], null, null, []));

        env.Service.Create(Rows.Account(TriggerName));

        var run = env.Dataverse.PluginExecutions.Single(x => x.PluginType == typeof(PickedParentPlugin));
        Assert.True(run.Succeeded, run.Error);
        Assert.Contains("rows=Parent 7>Child 7", run.Trace, StringComparison.Ordinal);
        // The scan looks at every account (20 parents, 20 children, the trigger: 41) and the one kept parent's child (1);
        // joining first looked up the children of all 41 (20 found): 61.
        Assert.Equal(42, run.RowsExamined);
    }

    [Fact]
    public void ATopLevelConditionOnALinksColumn_StillDecidesAfterTheJoin()
    {
        using var env = TestEnvironment.Create();
        SeedParentsWithOneChildEach(env, 5);
        var service = env.Service;

        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("cos_notes", ConditionOperator.Like, "555-%");
        query.Criteria.AddCondition("child", "name", ConditionOperator.In, "Child 1", "Child 3");
        var child = query.AddLink("account", "accountid", "parentaccountid", JoinOperator.LeftOuter);
        child.EntityAlias = "child";
        child.Columns = new ColumnSet("name");
        query.AddOrder("name", OrderType.Ascending);

        var names = service.RetrieveMultiple(query).Entities.Select(row => row.GetAttributeValue<string>("name")).ToList();

        Assert.Equal(new[] { "Parent 1", "Parent 3" }, names);
    }

    private static void SeedParentsWithOneChildEach(CreditOS.Testing.DataverseTestContext env, int parents)
    {
        for (var i = 0; i < parents; i++)
        {
            var parent = Rows.Account("Parent " + i);
            parent["cos_notes"] = "555-" + i.ToString("0000", System.Globalization.CultureInfo.InvariantCulture);
            var parentId = env.Service.Create(parent);
            var child = Rows.Account("Child " + i);
            child["parentaccountid"] = new EntityReference("account", parentId);
            env.Service.Create(child);
        }
    }

    /// <summary>On the trigger's creation, reads the parent picked by its telephone number with its children (a left outer join).</summary>
    public sealed class PickedParentPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            if (((Entity)context.InputParameters["Target"]).GetAttributeValue<string>("name") != TriggerName)
            {
                return;
            }

            var service = ((IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!).CreateOrganizationService(null);
            var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
            query.Criteria.AddCondition("cos_notes", ConditionOperator.Equal, "555-0007");
            var children = query.AddLink("account", "accountid", "parentaccountid", JoinOperator.LeftOuter);
            children.EntityAlias = "child";
            children.Columns = new ColumnSet("name");
            var rows = service.RetrieveMultiple(query).Entities
                .Select(row => row.GetAttributeValue<string>("name") + ">" + (row.GetAttributeValue<AliasedValue>("child.name")?.Value as string));
            ((ITracingService)serviceProvider.GetService(typeof(ITracingService))!).Trace("rows={0}", string.Join(",", rows));
        }
    }
}
