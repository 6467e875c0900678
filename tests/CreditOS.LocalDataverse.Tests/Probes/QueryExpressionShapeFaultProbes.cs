using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 12: QueryExpression values outside their enumerations, a LinkEntity naming one join column without the other, and a paging
/// cookie whose page is not a number fault with the codes and sentences of Microsoft's "Web service error codes" list
/// (reference/web-service-error-codes). Before round 12 an unknown LogicalOperator was read as And, an unknown OrderType as
/// ascending, a cookie page 'abc' was ignored, and the others were InvalidArgument or NotSupported in our words.
/// </summary>
public sealed class QueryExpressionShapeFaultProbes
{
    private static OrganizationServiceFault Fault(QueryBase query)
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        service.Create(new Entity("account") { ["name"] = "A" });
        service.Create(new Entity("account") { ["name"] = "B" });
        return Assert.Throws<FaultException<OrganizationServiceFault>>(() => service.RetrieveMultiple(query)).Detail;
    }

    private static QueryExpression Accounts() => new("account") { ColumnSet = new ColumnSet("name") };

    [Fact]
    public void AnUnknownLogicalOperator_IsQueryBuilderInvalidLogicalOperator()
    {
        var query = Accounts();
        var nested = new FilterExpression((LogicalOperator)7);
        nested.AddCondition("name", ConditionOperator.NotNull);
        query.Criteria.AddFilter(nested);

        var fault = Fault(query);

        // QueryBuilderInvalidLogicalOperator 0x800410FE: "Unsupported logical operator: {0}.  Accepted values are ('and', 'or')."
        Assert.Equal(unchecked((int)0x800410FE), fault.ErrorCode);
        Assert.StartsWith("Unsupported logical operator: 7.  Accepted values are ('and', 'or').", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownOrderType_IsQueryBuilderInvalidOrderType()
    {
        var query = Accounts();
        query.AddOrder("name", (OrderType)7);

        var fault = Fault(query);

        // QueryBuilderInvalidOrderType 0x8004111F: "A valid order type must be set in the order before calling this method."
        Assert.Equal(unchecked((int)0x8004111F), fault.ErrorCode);
        Assert.StartsWith("A valid order type must be set in the order before calling this method.", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownJoinOperator_IsQueryBuilderInvalidJoinOperator()
    {
        var query = Accounts();
        query.AddLink("contact", "primarycontactid", "contactid", (JoinOperator)99);

        var fault = Fault(query);

        // QueryBuilderInvalidJoinOperator 0x80041121: "Unsupported join operator."
        Assert.Equal(unchecked((int)0x80041121), fault.ErrorCode);
        Assert.StartsWith("Unsupported join operator.", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownConditionOperator_IsQueryBuilderInvalidConditionOperator_InALinkCriteriaToo()
    {
        var query = Accounts();
        var link = query.AddLink("contact", "primarycontactid", "contactid", JoinOperator.LeftOuter);
        link.LinkCriteria.AddCondition("lastname", (ConditionOperator)999, "x");

        var fault = Fault(query);

        // QueryBuilderInvalidConditionOperator 0x80041120: "Unsupported condition operator."
        Assert.Equal(unchecked((int)0x80041120), fault.ErrorCode);
        Assert.StartsWith("Unsupported condition operator.", fault.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("contactid", null)]
    [InlineData(null, "primarycontactid")]
    public void ALinkEntityWithOnlyOneJoinColumn_IsQueryBuilderAttributePairMismatch(string? to, string? from)
    {
        var query = Accounts();
        query.LinkEntities.Add(new LinkEntity("account", "contact", from, to, JoinOperator.Inner));

        var fault = Fault(query);

        // QueryBuilderAttributePairMismatch 0x80041111: "AttributeFrom and AttributeTo must be either both specified or both omitted."
        Assert.Equal(unchecked((int)0x80041111), fault.ErrorCode);
        Assert.StartsWith("AttributeFrom and AttributeTo must be either both specified or both omitted.", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APagingCookieWhosePageIsNotANumber_IsQueryBuilderInvalidPagingCookie()
    {
        var query = Accounts();
        query.AddOrder("name", OrderType.Ascending);
        query.PageInfo = new PagingInfo
        {
            Count = 1,
            PageNumber = 2,
            PagingCookie = "<cookie page=\"abc\"><name last=\"A\" first=\"A\" /><accountid last=\"{00000000-0000-0000-0000-000000000001}\" first=\"{00000000-0000-0000-0000-000000000001}\" /></cookie>",
        };

        var fault = Fault(query);

        // QueryBuilderInvalidPagingCookie 0x8004112A: "Invalid page number in paging cookie."
        Assert.Equal(unchecked((int)0x8004112A), fault.ErrorCode);
        Assert.StartsWith("Invalid page number in paging cookie.", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefinedEnumerations_StillQuery()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        service.Create(new Entity("account") { ["name"] = "A" });
        service.Create(new Entity("account") { ["name"] = "B" });
        var query = Accounts();
        var either = new FilterExpression(LogicalOperator.Or);
        either.AddCondition("name", ConditionOperator.Equal, "A");
        either.AddCondition("name", ConditionOperator.Equal, "B");
        query.Criteria.AddFilter(either);
        query.AddOrder("name", OrderType.Descending);
        query.AddLink("contact", "primarycontactid", "contactid", JoinOperator.LeftOuter);

        Assert.Equal(["B", "A"], service.RetrieveMultiple(query).Entities.Select(row => row.GetAttributeValue<string>("name")));
    }
}
