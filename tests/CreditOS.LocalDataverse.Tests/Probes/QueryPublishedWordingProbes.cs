using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 10: three query refusals whose codes were already Microsoft's now open with the sentence the "Web service error codes" list
/// gives them (QueryBuilderInvalidConditionOperator, QueryBuilderInvalidFilterType, QueryBuilderByAttributeMismatch); the figures follow.
/// </summary>
public sealed class QueryPublishedWordingProbes
{
    private static OrganizationServiceFault Fault(QueryBase query)
    {
        using var dataverse = new LocalDataverse();
        return Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => dataverse.GetOrganizationService().RetrieveMultiple(query)).Detail;
    }

    [Fact]
    public void AnUnknownFetchXmlOperator_IsUnsupportedConditionOperator()
    {
        var fault = Fault(new FetchExpression("<fetch><entity name='account'><attribute name='name' /><filter><condition attribute='name' operator='sounds-like' value='x' /></filter></entity></fetch>"));

        Assert.Equal(unchecked((int)0x80041120), fault.ErrorCode);
        Assert.StartsWith("Unsupported condition operator.", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownFilterType_IsUnsupportedFilterType()
    {
        var fault = Fault(new FetchExpression("<fetch><entity name='account'><attribute name='name' /><filter type='xor'><condition attribute='name' operator='eq' value='x' /></filter></entity></fetch>"));

        Assert.Equal(unchecked((int)0x80041122), fault.ErrorCode);
        Assert.StartsWith("Unsupported filter type. Valid values are 'and', or 'or'.", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AQueryByAttributeWithFewerValuesThanAttributes_IsQueryBuilderByAttributeMismatch()
    {
        var fault = Fault(new QueryByAttribute("account") { ColumnSet = new ColumnSet("name"), Attributes = { "name", "accountnumber" }, Values = { "Contoso" } });

        Assert.Equal(unchecked((int)0x8004110F), fault.ErrorCode);
        Assert.StartsWith("QueryByAttribute must specify a non-empty value array with the same number of elements as in the attributes array.", fault.Message, StringComparison.Ordinal);
    }
}
