using CreditOS.LocalDataverse.Pipeline;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.OrganizationService;

public sealed class RetrieveMultipleTests
{
    [Fact]
    public void RetrieveMultiple_IsAnsweredByTheQueryEngineOverTheStore()
    {
        using var env = TestEnvironment.Create();
        var parent = env.Service.Create(Rows.Account("Parent"));
        for (var i = 0; i < 3; i++)
        {
            var child = Rows.Account("Child " + i);
            child["parentaccountid"] = new EntityReference("account", parent);
            env.Service.Create(child);
        }

        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("parentaccountid", ConditionOperator.Equal, parent);
        var result = env.Service.RetrieveMultiple(query);

        Assert.Equal(["Child 0", "Child 1", "Child 2"], result.Entities.Select(e => e.GetAttributeValue<string>("name")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RetrieveMultiple_InAPlugin_CountsRowsReturnedAndExamined_AndAnIndexedLookupExaminesOnlyTheMatches()
    {
        using var env = TestEnvironment.Create();
        var parent = env.Service.Create(Rows.Account("Parent"));
        for (var i = 0; i < 20; i++)
        {
            var account = Rows.Account("Account " + i);
            if (i < 2)
            {
                account["parentaccountid"] = new EntityReference("account", parent);
            }

            env.Service.Create(account);
        }

        env.Dataverse.RegisterStep(new PluginStepRegistration(
            typeof(ChildCountingPlugin), Guid.NewGuid(), "Update", "account", PipelineStageNumber.PostOperation, false, 1, [], null, null, []));
        env.Service.Update(new Entity("account", parent) { ["name"] = "Parent 2" });

        var run = env.Dataverse.PluginExecutions.Single(x => x.PluginType == typeof(ChildCountingPlugin));
        Assert.Equal(1, run.ServiceCalls);
        Assert.Equal(2, run.RowsReturned);
        Assert.Equal(2, run.RowsExamined);
    }

    [Fact]
    public void RetrieveMultiple_InsideATransaction_SeesItsOwnUncommittedRows()
    {
        using var env = TestEnvironment.Create();
        env.Dataverse.RegisterStep(new PluginStepRegistration(
            typeof(ChildCountingPlugin), Guid.NewGuid(), "Create", "account", PipelineStageNumber.PostOperation, false, 1, [], null, null, []));

        env.Service.Create(Rows.Account("Lonely"));

        Assert.Contains("children=0 self=1", env.Dataverse.PluginExecutions.Single().Trace, StringComparison.Ordinal);
    }

    /// <summary>
    /// A query on a text alternate-key column (what a Web API create-only upsert asks before creating) seeks the key's text
    /// index instead of scanning the table, and still compares as the collation does: another letter case, an accent and
    /// trailing spaces match; the row the plug-in itself created in its transaction is found too.
    /// </summary>
    [Fact]
    public void RetrieveMultiple_OnATextAlternateKeyColumn_ExaminesOnlyTheMatches_AsTheCollationCompares()
    {
        using var env = TestEnvironment.Create();
        for (var i = 0; i < 20; i++)
        {
            var account = Rows.Account("Account " + i);
            account["accountnumber"] = "KEY-" + i;
            env.Service.Create(account);
        }

        env.Dataverse.RegisterStep(new PluginStepRegistration(
            typeof(AccountNumberPlugin), Guid.NewGuid(), "Create", "account", PipelineStageNumber.PostOperation, false, 1, [], null, null, []));
        var created = Rows.Account("Created");
        created["accountnumber"] = "NEW-1";
        env.Service.Create(created);

        var run = env.Dataverse.PluginExecutions.Single(x => x.PluginType == typeof(AccountNumberPlugin));
        Assert.Contains("key7=Account 7 own=Created", run.Trace, StringComparison.Ordinal);
        Assert.Equal(2, run.RowsReturned);
        Assert.Equal(2, run.RowsExamined);
    }

    /// <summary>Finds an account by its number written in another case with an accent and a trailing space, and the one being created.</summary>
    public sealed class AccountNumberPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var service = ((IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!).CreateOrganizationService(null);
            string Find(string number)
            {
                var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
                query.Criteria.AddCondition("accountnumber", ConditionOperator.Equal, number);
                return string.Join(",", service.RetrieveMultiple(query).Entities.Select(e => e.GetAttributeValue<string>("name")));
            }

            ((ITracingService)serviceProvider.GetService(typeof(ITracingService))!).Trace("key7={0} own={1}", Find("kéy-7 "), Find("new-1"));
        }
    }

    /// <summary>Counts the children of the primary account, and whether the primary account itself is visible.</summary>
    public sealed class ChildCountingPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            var service = ((IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!).CreateOrganizationService(null);
            var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
            query.Criteria.AddCondition("parentaccountid", ConditionOperator.Equal, context.PrimaryEntityId);
            var children = service.RetrieveMultiple(query).Entities.Count;
            if (context.MessageName == "Create")
            {
                var self = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
                self.Criteria.AddCondition("accountid", ConditionOperator.Equal, context.PrimaryEntityId);
                ((ITracingService)serviceProvider.GetService(typeof(ITracingService))!).Trace("children={0} self={1}", children, service.RetrieveMultiple(self).Entities.Count);
            }
        }
    }
}
