using CreditOS.LocalDataverse.Pipeline;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Plug-ins on the query messages. "Implement all types of queries when filtering results using PreOperation RetrieveMultiple"
/// (best-practices/business-logic): a PreOperation step filters what RetrieveMultiple returns by changing the <c>Query</c> input
/// parameter, which "can be one of three types: FetchExpression, QueryExpression, QueryByAttribute" (so it arrives as the client
/// sent it); "Limit the registration of plug-ins for Retrieve and RetrieveMultiple messages": a PostOperation step changes the
/// <c>BusinessEntityCollection</c> / <c>BusinessEntity</c> output parameter the caller receives; a PreOperation Retrieve step may
/// change the <c>ColumnSet</c> input parameter (Understand the execution context: InputParameters are the request's parameters,
/// changes made before the main operation are used by it).
/// </summary>
public sealed class QueryStepProbes
{
    [Fact]
    public void APreOperationRetrieveMultipleStep_ThatAddsACondition_FiltersTheResult()
    {
        using var env = With<OnlyContosoFilter>("RetrieveMultiple", PipelineStageNumber.PreOperation);
        env.Service.Create(Rows.Account("Contoso"));
        env.Service.Create(Rows.Account("Fabrikam"));

        var names = env.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities.Select(e => e.GetAttributeValue<string>("name"));

        Assert.Equal(["Contoso"], names);
    }

    [Theory]
    [InlineData("fetch", "FetchExpression")]
    [InlineData("query", "QueryExpression")]
    [InlineData("byattribute", "QueryByAttribute")]
    public void APreOperationRetrieveMultipleStep_SeesTheQueryOfTheTypeTheClientSent(string kind, string expected)
    {
        using var env = With<QueryTypeWitness>("RetrieveMultiple", PipelineStageNumber.PreOperation);
        QueryBase query = kind switch
        {
            "fetch" => new FetchExpression("<fetch><entity name='account'><attribute name='name' /></entity></fetch>"),
            "query" => new QueryExpression("account") { ColumnSet = new ColumnSet("name") },
            _ => new QueryByAttribute("account") { ColumnSet = new ColumnSet("name"), Attributes = { "name" }, Values = { "Contoso" } },
        };

        env.Service.RetrieveMultiple(query);

        Assert.Equal(expected, Trace<QueryTypeWitness>(env));
    }

    [Fact]
    public void APostOperationRetrieveMultipleStep_ThatRemovesARow_ChangesWhatTheCallerReceives()
    {
        using var env = With<DropFabrikam>("RetrieveMultiple", PipelineStageNumber.PostOperation);
        env.Service.Create(Rows.Account("Contoso"));
        env.Service.Create(Rows.Account("Fabrikam"));

        var names = env.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities.Select(e => e.GetAttributeValue<string>("name"));

        Assert.Equal(["Contoso"], names);
    }

    [Fact]
    public void APreOperationRetrieveStep_ThatWidensTheColumnSet_ReturnsTheAddedColumn()
    {
        using var env = With<AddNotesColumn>("Retrieve", PipelineStageNumber.PreOperation);
        var id = env.Service.Create(new Entity("account") { ["name"] = "Contoso", ["cos_notes"] = "A customer" });

        var row = env.Service.Retrieve("account", id, new ColumnSet("name"));

        Assert.Equal("A customer", row.GetAttributeValue<string>("cos_notes"));
    }

    private static Testing.DataverseTestContext With<TPlugin>(string message, PipelineStageNumber stage)
    {
        var env = TestEnvironment.Create();
        env.Dataverse.RegisterStep(new PluginStepRegistration(typeof(TPlugin), Guid.NewGuid(), message, "account", stage, false, 1, [], null, null, []));
        return env;
    }

    private static string Trace<TPlugin>(Testing.DataverseTestContext env) =>
        env.Dataverse.PluginExecutions.Single(run => run.PluginType == typeof(TPlugin)).Trace.Trim();

    private static IPluginExecutionContext Context(IServiceProvider services) =>
        (IPluginExecutionContext)services.GetService(typeof(IPluginExecutionContext))!;

    public sealed class OnlyContosoFilter : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            if (Context(serviceProvider).InputParameters["Query"] is QueryExpression query)
            {
                query.Criteria.AddCondition("name", ConditionOperator.Equal, "Contoso");
            }
        }
    }

    public sealed class QueryTypeWitness : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider) =>
            ((ITracingService)serviceProvider.GetService(typeof(ITracingService))!).Trace(Context(serviceProvider).InputParameters["Query"].GetType().Name);
    }

    public sealed class DropFabrikam : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var rows = (EntityCollection)Context(serviceProvider).OutputParameters["BusinessEntityCollection"];
            foreach (var row in rows.Entities.Where(e => e.GetAttributeValue<string>("name") == "Fabrikam").ToList())
            {
                rows.Entities.Remove(row);
            }
        }
    }

    public sealed class AddNotesColumn : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider) =>
            ((ColumnSet)Context(serviceProvider).InputParameters["ColumnSet"]).AddColumn("cos_notes");
    }
}
