using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 10: an order by alias in a query that is not an aggregate, and a condition naming an alias no link-entity has, fault with the
/// codes and sentences of Microsoft's "Web service error codes" list (QueryBuilderAliasNotAllowedForNonAggregateOrderBy 0x80041132,
/// QueryBuilderAlias_Does_Not_Exist 0x8004110A); the first was InvalidArgument 0x80040203 and both were worded as our own.
/// </summary>
public sealed class QueryOrderAndAliasFaultProbes
{
    private static OrganizationServiceFault Fault(QueryBase query)
    {
        using var dataverse = new LocalDataverse();
        return Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => dataverse.GetOrganizationService().RetrieveMultiple(query)).Detail;
    }

    [Fact]
    public void AnOrderByAlias_InAQueryThatIsNotAnAggregate_IsQueryBuilderAliasNotAllowedForNonAggregateOrderBy()
    {
        var fault = Fault(new FetchExpression("<fetch><entity name='account'><attribute name='name' alias='n' /><order alias='n' /></entity></fetch>"));

        Assert.Equal(unchecked((int)0x80041132), fault.ErrorCode);
        Assert.StartsWith("An alias cannot be specified for an order clause for a non-aggregate Query. Use an attribute.", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AConditionOnAnAliasNoLinkEntityHas_IsQueryBuilderAliasDoesNotExist_WithItsPublishedSentence()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("nosuchalias", "name", ConditionOperator.Equal, "x");

        var fault = Fault(query);

        Assert.Equal(unchecked((int)0x8004110A), fault.ErrorCode);
        Assert.StartsWith("The specified alias for the given entity in the condition does not exist.", fault.Message, StringComparison.Ordinal);
    }
}
