using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 25 (session 33): "With Web API and QueryExpression, you can only compare columns within a single table. With FetchXml, you can compare
/// columns in other related tables. See Cross table comparisons." (Use column comparison in queries,
/// learn.microsoft.com/power-apps/developer/data-platform/column-comparison, "Limitations"). The local query engine compared a QueryExpression's
/// CompareColumns value 'alias.column' across the link, as it does FetchXML's valueof; a QueryExpression's compared column is now a column of
/// the condition's own table, and 'parent.name' is none (QueryBuilderNoAttribute 0x80041103, the fault for a column the table lacks).
/// </summary>
public sealed class ColumnComparisonScopeProbes
{
    private const int QueryBuilderNoAttribute = unchecked((int)0x80041103);

    [Fact]
    public void AQueryExpressionComparingWithALinkedTablesColumn_IsRefused()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        SeedParentAndChildren(service);
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.AddLink("account", "parentaccountid", "accountid").EntityAlias = "parent";
        query.Criteria.AddCondition(new ConditionExpression("name", ConditionOperator.Equal, true, "parent.name"));

        var fault = FaultAssert.Throws(QueryBuilderNoAttribute, () => service.RetrieveMultiple(query));

        Assert.Equal("'account' entity doesn't contain attribute with Name = 'parent.name' and NameMapping = 'Logical'.", fault.Message);
    }

    [Fact]
    public void AQueryExpressionLinkCriteriaComparingWithTheRootsColumn_IsRefused()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        SeedParentAndChildren(service);
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        var parent = query.AddLink("account", "parentaccountid", "accountid");
        parent.EntityAlias = "parent";
        parent.LinkCriteria.AddCondition(new ConditionExpression("name", ConditionOperator.Equal, true, "account.name"));

        FaultAssert.Throws(QueryBuilderNoAttribute, () => service.RetrieveMultiple(query));
    }

    [Fact]
    public void Control_FetchXmlComparesAcrossTheLink_AndAQueryExpressionWithinItsTable()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        SeedParentAndChildren(service);

        var crossTable = service.RetrieveMultiple(new FetchExpression(
            "<fetch><entity name='account'><attribute name='name' /><attribute name='accountnumber' /><filter><condition attribute='name' operator='eq' valueof='parent.name' /></filter>" +
            "<link-entity name='account' from='accountid' to='parentaccountid' alias='parent' /></entity></fetch>"));
        var sameTable = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        sameTable.Criteria.AddCondition(new ConditionExpression("name", ConditionOperator.Equal, true, "accountnumber"));

        Assert.Equal("CHILD-SAME", Assert.Single(crossTable.Entities).GetAttributeValue<string>("accountnumber"));
        Assert.Equal("Numbered", Assert.Single(service.RetrieveMultiple(sameTable).Entities).GetAttributeValue<string>("name"));
    }

    private static void SeedParentAndChildren(IOrganizationService service)
    {
        var parent = service.Create(new Entity("account") { ["name"] = "Same", ["accountnumber"] = "PARENT" });
        service.Create(new Entity("account") { ["name"] = "Same", ["accountnumber"] = "CHILD-SAME", ["parentaccountid"] = new EntityReference("account", parent) });
        service.Create(new Entity("account") { ["name"] = "Other", ["accountnumber"] = "CHILD-OTHER", ["parentaccountid"] = new EntityReference("account", parent) });
        service.Create(new Entity("account") { ["name"] = "Numbered", ["accountnumber"] = "Numbered" });
    }
}
