using CreditOS.LocalDataverse.Pipeline;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Query;

/// <summary>
/// A link-entity whose own criteria name values of a text alternate-key column (what the payment posting asks: the account
/// with the receivables the payment names by ERP id) takes its rows from that column's text index when it holds fewer
/// rows than the parent's whole set of linked rows: the cost follows the named values, not the parent's history. The
/// rows joined are what the join column and the link's criteria decide, as before.
/// </summary>
public sealed class LinkTextSeekTests
{
    [Fact]
    public void LinkCriteriaOnATextKeyColumn_ExamineOnlyTheNamedRows_AndStillJoinOnlyTheParentsOwn()
    {
        using var env = TestEnvironment.Create();
        var parent = env.Service.Create(Rows.Account("Parent"));
        for (var i = 0; i < 20; i++)
        {
            var child = Rows.Account("Child " + i);
            child["accountnumber"] = "CH-" + i;
            child["parentaccountid"] = new EntityReference("account", parent);
            env.Service.Create(child);
        }

        var stray = Rows.Account("Stray");
        stray["accountnumber"] = "STRAY-1";
        env.Service.Create(stray);

        env.Dataverse.RegisterStep(new PluginStepRegistration(
            typeof(NamedChildrenPlugin), Guid.NewGuid(), "Create", "account", PipelineStageNumber.PostOperation, false, 1, [], null, null, []));
        env.Service.Create(Rows.Account(TriggerPrefix + parent));

        var run = env.Dataverse.PluginExecutions.Single(x => x.PluginType == typeof(NamedChildrenPlugin) && x.Depth == 1);
        // Another case and a trailing space match as the collation compares; the stray account holds a named value but is
        // not the parent's child; the child the plug-in created in its own transaction is found.
        Assert.Contains("named=Child 17,Child 3,Own child", run.Trace, StringComparison.Ordinal);
        // The parent (1) and the index's rows for the four values (CH-3, CH-17, STRAY-1 and the own child: 4), not the
        // parent's 20 children.
        Assert.Equal(5, run.RowsExamined);
    }

    [Fact]
    public void LinkCriteriaNamingMoreRowsThanTheParentHolds_UseTheJoinColumnsIndex()
    {
        using var env = TestEnvironment.Create();
        var parent = env.Service.Create(Rows.Account("Parent"));
        var only = Rows.Account("Only child");
        only["accountnumber"] = "K-0";
        only["parentaccountid"] = new EntityReference("account", parent);
        env.Service.Create(only);
        for (var i = 1; i < 6; i++)
        {
            var other = Rows.Account("Other " + i);
            other["accountnumber"] = "K-" + i;
            env.Service.Create(other);
        }

        env.Dataverse.RegisterStep(new PluginStepRegistration(
            typeof(KeyedChildrenPlugin), Guid.NewGuid(), "Create", "account", PipelineStageNumber.PostOperation, false, 1, [], null, null, []));
        env.Service.Create(Rows.Account(TriggerPrefix + parent));

        var run = env.Dataverse.PluginExecutions.Single(x => x.PluginType == typeof(KeyedChildrenPlugin));
        Assert.Contains("named=Only child", run.Trace, StringComparison.Ordinal);
        // The parent and its one child through the lookup's index, not the six rows the named values hold.
        Assert.Equal(2, run.RowsExamined);
    }

    /// <summary>The account whose creation runs the query names the parent: "Trigger {id}".</summary>
    private const string TriggerPrefix = "Trigger ";

    private static Guid? ParentNamedBy(IPluginExecutionContext context) =>
        ((Entity)context.InputParameters["Target"]).GetAttributeValue<string>("name") is { } name && name.StartsWith(TriggerPrefix, StringComparison.Ordinal)
            ? Guid.Parse(name[TriggerPrefix.Length..])
            : null;

    private static string NamedChildren(IServiceProvider serviceProvider, params string[] numbers)
    {
        var parent = ParentNamedBy((IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!)!.Value;
        var service = ((IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!).CreateOrganizationService(null);
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("accountid", ConditionOperator.Equal, parent);
        var children = query.AddLink("account", "accountid", "parentaccountid", JoinOperator.LeftOuter);
        children.EntityAlias = "named";
        children.Columns = new ColumnSet("name");
        children.LinkCriteria.AddCondition("accountnumber", ConditionOperator.In, numbers.Cast<object>().ToArray());
        return string.Join(",", service.RetrieveMultiple(query).Entities
            .Select(row => row.GetAttributeValue<AliasedValue>("named.name")?.Value as string)
            .Order(StringComparer.Ordinal));
    }

    /// <summary>Creates a child of the parent in its own transaction, then reads the parent with the children it names.</summary>
    public sealed class NamedChildrenPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            if (ParentNamedBy(context) is not { } parent)
            {
                return; // the child it creates itself
            }

            var service = ((IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!).CreateOrganizationService(null);
            var own = new Entity("account") { ["name"] = "Own child", ["accountnumber"] = "OWN-1", ["parentaccountid"] = new EntityReference("account", parent) };
            service.Create(own);
            ((ITracingService)serviceProvider.GetService(typeof(ITracingService))!).Trace(
                "named={0}", NamedChildren(serviceProvider, "ch-3 ", "CH-17", "STRAY-1", "own-1"));
        }
    }

    /// <summary>Reads the parent with the children among six named account numbers.</summary>
    public sealed class KeyedChildrenPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider) =>
            ((ITracingService)serviceProvider.GetService(typeof(ITracingService))!).Trace(
                "named={0}", NamedChildren(serviceProvider, "K-0", "K-1", "K-2", "K-3", "K-4", "K-5"));
    }
}
