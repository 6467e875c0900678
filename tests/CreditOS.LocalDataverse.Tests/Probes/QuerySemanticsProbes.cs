using System.ServiceModel;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Session 16 probes of QueryExpression and FetchXML through the organization service against Microsoft's query pages
/// (learn.microsoft.com/power-apps/developer/data-platform/org-service/queryexpression/*, fetchxml/*): paging, distinct,
/// outer joins with conditions on the link, operators with wildcards and nulls, ordering of lookups and choices, aggregate
/// shapes. Each asserts the documented outcome.
/// </summary>
public sealed class QuerySemanticsProbes
{
    [Fact]
    public void PagingWithTheCookie_WalksEveryRowOnce_AndMoreRecordsIsFalseOnTheLastPage()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var ids = Enumerable.Range(1, 5).Select(n => SolutionRows.Account(service, $"Account {n}")).ToHashSet();

        // "page-results" (queryexpression): set PageInfo.PagingCookie from the previous page and increment the page number.
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name"), PageInfo = new PagingInfo { Count = 2, PageNumber = 1 } };
        query.AddOrder("name", OrderType.Ascending);
        var seen = new List<Guid>();
        var more = new List<bool>();
        while (true)
        {
            var page = service.RetrieveMultiple(query);
            seen.AddRange(page.Entities.Select(e => e.Id));
            more.Add(page.MoreRecords);
            if (!page.MoreRecords)
            {
                break;
            }

            Assert.False(string.IsNullOrEmpty(page.PagingCookie));
            query.PageInfo.PageNumber++;
            query.PageInfo.PagingCookie = page.PagingCookie;
        }

        Assert.Equal([true, true, false], more);
        Assert.Equal(ids.OrderBy(x => x), seen.OrderBy(x => x));
    }

    [Fact]
    public void APageSizeAbove5000_IsRefused()
    {
        using var dataverse = new LocalDataverse();
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name"), PageInfo = new PagingInfo { Count = 5001, PageNumber = 1 } };

        Assert.Throws<FaultException<OrganizationServiceFault>>(() => dataverse.GetOrganizationService().RetrieveMultiple(query));
    }

    [Fact]
    public void TopCountWithPageInfo_IsRefused()
    {
        using var dataverse = new LocalDataverse();
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name"), TopCount = 3, PageInfo = new PagingInfo { Count = 2, PageNumber = 1 } };

        Assert.Throws<FaultException<OrganizationServiceFault>>(() => dataverse.GetOrganizationService().RetrieveMultiple(query));
    }

    [Fact]
    public void Distinct_ReturnsEachCombinationOnce()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        SolutionRows.Account(service, "Same");
        SolutionRows.Account(service, "Same");
        SolutionRows.Account(service, "Other");

        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name"), Distinct = true };
        query.AddOrder("name", OrderType.Ascending);

        Assert.Equal(["Other", "Same"], service.RetrieveMultiple(query).Entities.Select(e => e.GetAttributeValue<string>("name")));
    }

    [Fact]
    public void AnOuterJoin_WithANullConditionOnTheLink_FindsTheAccountsWithoutContacts()
    {
        // "Use left outer join in QueryExpression to query for records 'not in'" (org-service/queryexpression/join-tables):
        // a LeftOuter link and a Null condition on the linked table's key, named by its alias in the root filter.
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var withContact = SolutionRows.Account(service, "With contact");
        var without = SolutionRows.Account(service, "Without contact");
        service.Create(new Entity("contact") { ["lastname"] = "Smith", ["parentcustomerid"] = new EntityReference("account", withContact) });

        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.AddLink("contact", "accountid", "parentcustomerid", JoinOperator.LeftOuter).EntityAlias = "c";
        query.Criteria.AddCondition("c", "contactid", ConditionOperator.Null);

        Assert.Equal([without], service.RetrieveMultiple(query).Entities.Select(e => e.Id));
    }

    [Fact]
    public void AnOuterJoin_WithCriteriaOnTheLink_KeepsEveryRootRow_AndLeavesTheUnmatchedLinkColumnsOut()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var account = SolutionRows.Account(service, "A");
        SolutionRows.Account(service, "B");
        service.Create(new Entity("contact") { ["lastname"] = "Smith", ["parentcustomerid"] = new EntityReference("account", account) });

        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        var link = query.AddLink("contact", "accountid", "parentcustomerid", JoinOperator.LeftOuter);
        link.EntityAlias = "c";
        link.Columns = new ColumnSet("lastname");
        link.LinkCriteria.AddCondition("lastname", ConditionOperator.Equal, "Jones");
        query.AddOrder("name", OrderType.Ascending);

        var rows = service.RetrieveMultiple(query).Entities;
        Assert.Equal(["A", "B"], rows.Select(e => e.GetAttributeValue<string>("name")));
        Assert.All(rows, row => Assert.False(row.Contains("c.lastname")));
    }

    [Fact]
    public void ALinkedColumn_IsAnAliasedValue_NamedAliasDotColumn()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var account = SolutionRows.Account(service, "A");
        service.Create(new Entity("contact") { ["lastname"] = "Smith", ["parentcustomerid"] = new EntityReference("account", account) });

        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        var link = query.AddLink("contact", "accountid", "parentcustomerid");
        link.EntityAlias = "c";
        link.Columns = new ColumnSet("lastname");

        var value = service.RetrieveMultiple(query).Entities.Single().GetAttributeValue<AliasedValue>("c.lastname");
        Assert.Equal("contact", value.EntityLogicalName);
        Assert.Equal("lastname", value.AttributeLogicalName);
        Assert.Equal("Smith", value.Value);
    }

    [Fact]
    public void Like_TakesSqlWildcards_AndABracketEscapesThem()
    {
        // "Use wildcard characters in conditions for string values" (queryexpression/filter-rows): %, _, [ ], [^ ]; a
        // wildcard character matched literally is put in brackets.
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        SolutionRows.Account(service, "100% Growth");
        SolutionRows.Account(service, "1000 Growth");
        SolutionRows.Account(service, "A_B");
        SolutionRows.Account(service, "AXB");

        Assert.Equal(["100% Growth"], Names(service, new ConditionExpression("name", ConditionOperator.Like, "100[%]%")));
        Assert.Equal(["100% Growth", "1000 Growth"], Names(service, new ConditionExpression("name", ConditionOperator.Like, "100%")).OrderBy(x => x, StringComparer.Ordinal));
        Assert.Equal(["A_B"], Names(service, new ConditionExpression("name", ConditionOperator.Like, "A[_]B")));
        Assert.Equal(["AXB", "A_B"], Names(service, new ConditionExpression("name", ConditionOperator.Like, "A_B")).OrderBy(x => x, StringComparer.Ordinal));
    }

    [Fact]
    public void InNotInAndBetween_LeaveNullsOut_AndBetweenIsInclusive()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        foreach (var (name, employees) in new[] { ("ten", (int?)10), ("twenty", 20), ("thirty", 30), ("none", null) })
        {
            service.Create(new Entity("account") { ["name"] = name, ["numberofemployees"] = employees });
        }

        Assert.Equal(["ten", "twenty"], Names(service, new ConditionExpression("numberofemployees", ConditionOperator.Between, 10, 20)).Order());
        Assert.Equal(["thirty"], Names(service, new ConditionExpression("numberofemployees", ConditionOperator.NotBetween, 10, 20)));
        Assert.Equal(["ten", "thirty"], Names(service, new ConditionExpression("numberofemployees", ConditionOperator.In, 10, 30)).Order());
        Assert.Equal(["twenty"], Names(service, new ConditionExpression("numberofemployees", ConditionOperator.NotIn, 10, 30)));
    }

    [Fact]
    public void EqualWithANullValue_IsRefused_AndNullFindsTheEmptyOnes()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        service.Create(new Entity("account") { ["name"] = "none" });
        service.Create(new Entity("account") { ["name"] = "some", ["numberofemployees"] = 5 });

        Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            Names(service, new ConditionExpression("numberofemployees", ConditionOperator.Equal, (object?)null!)));
        Assert.Equal(["none"], Names(service, new ConditionExpression("numberofemployees", ConditionOperator.Null)));
    }

    [Fact]
    public void OrderingOnAChoice_UsesItsLabel_AndOnALookup_ThePrimaryName()
    {
        // "Ordering lookup and choice columns" (fetchxml/order-rows): lookups by the related table's primary name, choices by label.
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var zed = SolutionRows.Account(service, "Zed parent");
        var abe = SolutionRows.Account(service, "Abe parent");
        service.Create(new Entity("account") { ["name"] = "child of zed", ["parentaccountid"] = new EntityReference("account", zed) });
        service.Create(new Entity("account") { ["name"] = "child of abe", ["parentaccountid"] = new EntityReference("account", abe) });

        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("parentaccountid", ConditionOperator.NotNull);
        query.AddOrder("parentaccountid", OrderType.Ascending);

        Assert.Equal(["child of abe", "child of zed"], service.RetrieveMultiple(query).Entities.Select(e => e.GetAttributeValue<string>("name")));
    }

    [Fact]
    public void Aggregates_CountRows_CountColumnSkipsNulls_AndAvgIgnoresNulls()
    {
        // "Null values aren't considered when calculating aggregate values" (fetchxml/aggregate-data); count counts rows.
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        service.Create(new Entity("account") { ["name"] = "a", ["numberofemployees"] = 10 });
        service.Create(new Entity("account") { ["name"] = "b", ["numberofemployees"] = 21 });
        service.Create(new Entity("account") { ["name"] = "c" });

        var row = service.RetrieveMultiple(new FetchExpression("""
            <fetch aggregate='true'><entity name='account'>
              <attribute name='numberofemployees' alias='n' aggregate='count' />
              <attribute name='numberofemployees' alias='nc' aggregate='countcolumn' />
              <attribute name='numberofemployees' alias='total' aggregate='sum' />
              <attribute name='numberofemployees' alias='mean' aggregate='avg' />
            </entity></fetch>
            """)).Entities.Single();

        Assert.Equal(3, row.GetAttributeValue<AliasedValue>("n").Value);
        Assert.Equal(2, row.GetAttributeValue<AliasedValue>("nc").Value);
        Assert.Equal(31, row.GetAttributeValue<AliasedValue>("total").Value);
        Assert.Equal(15, row.GetAttributeValue<AliasedValue>("mean").Value);
    }

    [Fact]
    public void APagingCookieOfAnotherOrder_FaultsWithQueryBuilderPagingOrderBy()
    {
        // "QueryBuilderPagingOrderBy … Order by columns do not match those in paging cookie." (reference/web-service-error-codes)
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        Enumerable.Range(1, 3).ToList().ForEach(n => SolutionRows.Account(service, $"Account {n}"));
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name"), PageInfo = new PagingInfo { Count = 2, PageNumber = 1 } };
        query.AddOrder("name", OrderType.Ascending);
        var cookie = service.RetrieveMultiple(query).PagingCookie;

        var other = new QueryExpression("account") { ColumnSet = new ColumnSet("name"), PageInfo = new PagingInfo { Count = 2, PageNumber = 2, PagingCookie = cookie } };
        other.AddOrder("accountnumber", OrderType.Ascending);

        var fault = CreditOS.LocalDataverse.Tests.Support.FaultAssert.Throws(unchecked((int)0x80041129), () => service.RetrieveMultiple(other));
        Assert.StartsWith("Order by columns do not match those in paging cookie.", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoLinksWithOneAlias_FaultWithQueryBuilderDuplicateAlias()
    {
        // "QueryBuilderDuplicateAlias … FetchXML should have unique aliases." (reference/web-service-error-codes)
        using var dataverse = new LocalDataverse();
        var fetch = """
            <fetch><entity name='account'><attribute name='name' />
              <link-entity name='contact' from='parentcustomerid' to='accountid' alias='x' link-type='outer' />
              <link-entity name='account' from='accountid' to='parentaccountid' alias='x' link-type='outer' />
            </entity></fetch>
            """;

        var fault = CreditOS.LocalDataverse.Tests.Support.FaultAssert.Throws(unchecked((int)0x80041130), () => dataverse.GetOrganizationService().RetrieveMultiple(new FetchExpression(fetch)));
        Assert.StartsWith("FetchXML should have unique aliases.", fault.Message, StringComparison.Ordinal);
    }

    private static List<string> Names(IOrganizationService service, ConditionExpression condition)
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition(condition);
        return service.RetrieveMultiple(query).Entities.Select(e => e.GetAttributeValue<string>("name")).ToList();
    }
}
