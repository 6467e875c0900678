using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 10: refusals of malformed aggregate FetchXML carry the codes Microsoft's "Web service error codes" list names for them
/// (reference/web-service-error-codes), and their published sentences; several used 0x8004111A (any aggregate error) or a code the
/// list gives to something else.
/// </summary>
public sealed class AggregateFaultProbes
{
    private static OrganizationServiceFault Fault(string fetch)
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        SolutionRows.Account(service, "Contoso", "ACC-1");
        return Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => service.RetrieveMultiple(new FetchExpression(fetch))).Detail;
    }

    [Fact]
    public void AnAttributeWithNeitherGroupByNorAggregate_IsRefusedAsDataverseWordsIt_EvenWithoutAnAlias()
    {
        // A live answer quoted in MarkMpn/Sql4Cds#59 for <attribute name="statecodename" /> (no alias): the attribute is refused for
        // being neither, not for its missing alias. Code: QueryBuilderAttribute_With_Aggregate 0x80041107.
        var fault = Fault("<fetch aggregate='true'><entity name='account'><attribute name='name' /><attribute name='accountid' alias='n' aggregate='count' /></entity></fetch>");

        Assert.Equal(unchecked((int)0x80041107), fault.ErrorCode);
        Assert.Equal("An attribute can not be requested when an aggregate operation has been specified and its neither groupby nor aggregate.  NodeXml : <attribute name=\"name\" />", fault.Message);
    }

    [Fact]
    public void AnAttributeThatIsBothGroupByAndAggregate_IsQueryBuilderAttributeCannotBeGroupByAndAggregate()
    {
        var fault = Fault("<fetch aggregate='true'><entity name='account'><attribute name='numberofemployees' alias='n' groupby='true' aggregate='sum' /></entity></fetch>");

        Assert.Equal(unchecked((int)0x80041137), fault.ErrorCode);
        Assert.StartsWith("An attribute can either be an aggregate or a Group By but not both", fault.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sum", "name")]
    [InlineData("avg", "name")]
    [InlineData("max", "parentaccountid")]
    [InlineData("min", "name")]
    public void ANumericAggregateOfAColumnThatIsNotANumber_IsQueryBuilderInvalidAggregateAttribute(string aggregate, string column)
    {
        var fault = Fault($"<fetch aggregate='true'><entity name='account'><attribute name='{column}' alias='a' aggregate='{aggregate}' /></entity></fetch>");

        Assert.Equal(unchecked((int)0x8004112F), fault.ErrorCode);
        Assert.StartsWith($"Aggregate {aggregate} is not supported for attribute of type ", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOrderOnAnAttributeInAnAggregateQuery_IsQueryBuilderAttributeNotAllowedForAggregateOrderBy()
    {
        var fault = Fault("<fetch aggregate='true'><entity name='account'><attribute name='statecode' alias='s' groupby='true' /><attribute name='accountid' alias='n' aggregate='count' /><order attribute='statecode' /></entity></fetch>");

        Assert.Equal(unchecked((int)0x80041131), fault.ErrorCode);
        Assert.StartsWith("An attribute cannot be specified for an order clause for an aggregate Query. Use an alias.", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownDateGrouping_IsQueryBuilderInvalidDateGrouping()
    {
        var fault = Fault("<fetch aggregate='true'><entity name='account'><attribute name='createdon' alias='d' groupby='true' dategrouping='hour' /><attribute name='accountid' alias='n' aggregate='count' /></entity></fetch>");

        Assert.Equal(unchecked((int)0x80041135), fault.ErrorCode);
        Assert.StartsWith("An invalid value was specified for dategrouping.", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoAggregateAttributesWithOneAlias_AreQueryBuilderDuplicateAlias()
    {
        // 0x8004111B, used before round 10, is QueryBuilderDeserializeInvalidGetMinActiveRowVersion in Microsoft's list.
        var fault = Fault("<fetch aggregate='true'><entity name='account'><attribute name='accountid' alias='n' aggregate='count' /><attribute name='numberofemployees' alias='n' aggregate='sum' /></entity></fetch>");

        Assert.Equal(unchecked((int)0x80041130), fault.ErrorCode);
        Assert.StartsWith("FetchXML should have unique aliases.", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATopOfZero_IsQueryBuilderValueGreaterThanZero()
    {
        // 0x80041127, used before round 10, is not in Microsoft's list; QueryBuilderValue_GreaterThanZero 0x8004110C "A value greater
        // than zero must be specified." is.
        var fault = Fault("<fetch top='0'><entity name='account'><attribute name='name' /></entity></fetch>");

        Assert.Equal(unchecked((int)0x8004110C), fault.ErrorCode);
        Assert.StartsWith("A value greater than zero must be specified.", fault.Message, StringComparison.Ordinal);
    }
}
