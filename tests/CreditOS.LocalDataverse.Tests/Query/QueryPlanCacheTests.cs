using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Solution.Metadata;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Query;

/// <summary>
/// The local Dataverse keeps what planning learnt from a query's shape (its tables, links, columns and checks) and binds each
/// call's values (session 24, Query/Planning/QueryShapeCache): queries of one shape with other values answer with their own
/// values, in the root filter, a link's own criteria and an aggregate's filter; a bad value on a cached shape fails as on a
/// fresh one; a refused shape is refused every time; a shape planned against one environment's metadata is never served
/// against another's; past the cache's bound, every shape still answers.
/// </summary>
public sealed class QueryPlanCacheTests
{
    [Fact]
    public void OneShape_OtherValues_EachCallAnswersWithItsOwn()
    {
        using var env = TestEnvironment.Create();
        SeedParentsWithChildren(env, parents: 3, childrenEach: 2);

        // The same query shape three times: root condition, link criteria and order, values changed between calls.
        Assert.Equal(["Parent 0>Child 0-1"], Names(env.Service, "Parent 0", "Child 0-1"));
        Assert.Equal(["Parent 2>Child 2-0"], Names(env.Service, "Parent 2", "Child 2-0"));
        Assert.Empty(Names(env.Service, "Parent 1", "Child 2-0"));
        Assert.Equal(["Parent 1>Child 1-1"], Names(env.Service, "Parent 1", "Child 1-1"));
    }

    [Fact]
    public void OneAggregateShape_OtherValues_CountsEachCallsOwnRows()
    {
        using var env = TestEnvironment.Create();
        SeedParentsWithChildren(env, parents: 3, childrenEach: 2);

        Assert.Equal(2, CountChildrenOf(env.Service, "Parent 0"));
        Assert.Equal(2, CountChildrenOf(env.Service, "Parent 2"));
        Assert.Equal(0, CountChildrenOf(env.Service, "Child 1-0"));
    }

    [Fact]
    public void ABadValueOnACachedShape_FailsAsOnAFreshShape()
    {
        using var fresh = TestEnvironment.Create();
        var freshFault = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => CreditLimitAbove(fresh.Service, "lots"));

        using var cached = TestEnvironment.Create();
        Assert.Empty(CreditLimitAbove(cached.Service, 10m).Entities);
        var cachedFault = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => CreditLimitAbove(cached.Service, "lots"));

        Assert.Equal(freshFault.Detail.ErrorCode, cachedFault.Detail.ErrorCode);
        Assert.Equal(freshFault.Detail.Message, cachedFault.Detail.Message);
        // And the shape still answers good values afterwards.
        cached.Service.Create(Rows.Account("Big", creditLimit: 500m));
        Assert.Single(CreditLimitAbove(cached.Service, 10m).Entities);
    }

    [Fact]
    public void ARefusedShape_IsRefusedEveryTime()
    {
        using var env = TestEnvironment.Create();
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("cos_nosuchcolumn", ConditionOperator.Equal, "x");

        var first = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => env.Service.RetrieveMultiple(query));
        var second = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => env.Service.RetrieveMultiple(query));

        Assert.Equal(first.Detail.ErrorCode, second.Detail.ErrorCode);
        Assert.Equal(first.Detail.Message, second.Detail.Message);
    }

    [Fact]
    public void AShapePlannedAgainstOtherMetadata_IsPlannedAgain()
    {
        using var full = TestEnvironment.Create();
        full.Service.Create(new Entity("account") { ["name"] = "Noted", ["cos_notes"] = "kept" });
        Assert.Single(NotesLike(full.Service, "kept%").Entities);

        // The same shape in an environment whose account table has no cos_notes column: refused, not served from the other's plan.
        using var narrowed = DataverseTestBuilder.ALocalDataverse().WithMetadata(WithoutColumn(TestCatalog.Create(), "account", "cos_notes")).Build();
        var fault = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => NotesLike(narrowed.Service, "kept%"));
        Assert.Contains("cos_notes", fault.Detail.Message, StringComparison.Ordinal);

        Assert.Single(NotesLike(full.Service, "kept%").Entities);
    }

    [Fact]
    public void MoreShapesThanTheCacheKeeps_StillAnswerEachItsOwn()
    {
        using var env = TestEnvironment.Create();
        for (var i = 0; i < 12; i++)
        {
            env.Service.Create(Rows.Account("Account " + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture)));
        }

        // 1,200 shapes (each top a shape of its own), past the 1,024 kept, each asked twice.
        for (var round = 0; round < 2; round++)
        {
            for (var top = 1; top <= 1_200; top++)
            {
                var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name"), TopCount = top };
                query.AddOrder("name", OrderType.Ascending);
                Assert.Equal(Math.Min(top, 12), env.Service.RetrieveMultiple(query).Entities.Count);
            }
        }
    }

    private static List<string> Names(IOrganizationService service, string parentName, string childName)
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("name", ConditionOperator.Equal, parentName);
        var child = query.AddLink("account", "accountid", "parentaccountid", JoinOperator.Inner);
        child.EntityAlias = "child";
        child.Columns = new ColumnSet("name");
        child.LinkCriteria.AddCondition("name", ConditionOperator.Equal, childName);
        query.AddOrder("name", OrderType.Ascending);
        return service.RetrieveMultiple(query).Entities
            .Select(row => row.GetAttributeValue<string>("name") + ">" + (string)row.GetAttributeValue<AliasedValue>("child.name").Value)
            .ToList();
    }

    private static int CountChildrenOf(IOrganizationService service, string parentName)
    {
        var fetch = $"""
            <fetch aggregate='true'>
              <entity name='account'>
                <attribute name='accountid' alias='children' aggregate='count' />
                <link-entity name='account' from='accountid' to='parentaccountid' link-type='inner' alias='parent'>
                  <filter><condition attribute='name' operator='eq' value='{parentName}' /></filter>
                </link-entity>
              </entity>
            </fetch>
            """;
        return (int)service.RetrieveMultiple(new FetchExpression(fetch)).Entities.Single().GetAttributeValue<AliasedValue>("children").Value;
    }

    private static EntityCollection CreditLimitAbove(IOrganizationService service, object value)
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("creditlimit", ConditionOperator.GreaterThan, value);
        return service.RetrieveMultiple(query);
    }

    private static EntityCollection NotesLike(IOrganizationService service, string pattern)
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("cos_notes", ConditionOperator.Like, pattern);
        return service.RetrieveMultiple(query);
    }

    private static void SeedParentsWithChildren(DataverseTestContext env, int parents, int childrenEach)
    {
        for (var p = 0; p < parents; p++)
        {
            var parent = env.Service.Create(Rows.Account("Parent " + p));
            for (var c = 0; c < childrenEach; c++)
            {
                var child = Rows.Account($"Child {p}-{c}");
                child["parentaccountid"] = new EntityReference("account", parent);
                env.Service.Create(child);
            }
        }
    }

    private static MetadataCatalog WithoutColumn(MetadataCatalog catalog, string table, string column) =>
        new(catalog.Tables.Select(definition => definition.LogicalName != table ? definition : new TableDefinition
        {
            LogicalName = definition.LogicalName,
            SchemaName = definition.SchemaName,
            EntitySetName = definition.EntitySetName,
            DisplayName = definition.DisplayName,
            DisplayCollectionName = definition.DisplayCollectionName,
            PrimaryIdAttribute = definition.PrimaryIdAttribute,
            PrimaryNameAttribute = definition.PrimaryNameAttribute,
            Ownership = definition.Ownership,
            IsCustom = definition.IsCustom,
            IsActivity = definition.IsActivity,
            Columns = definition.Columns.Where(pair => pair.Key != column).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal),
            AlternateKeys = definition.AlternateKeys,
            Description = definition.Description,
        }), catalog.Relationships);
}
