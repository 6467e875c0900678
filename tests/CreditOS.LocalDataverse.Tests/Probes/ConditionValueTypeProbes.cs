using CreditOS.LocalDataverse.Tests.Probes.Support;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 11: the type of a QueryExpression condition value. Dataverse's refusal names the column, the expected type and the received
/// type, and ends there: "Condition for attribute 'contact.parentcustomerid': expected argument(s) of type 'System.Guid' but received
/// 'System.Int32'." (a live answer quoted in daryllabar/XrmUnitTest#246); the local one appended the value in parentheses. A table's
/// primary key takes a Guid, not an EntityReference (jordimontana82/fake-xrm-easy#258, confirmed against a live environment), which the
/// local engine accepted; a lookup column takes a reference (its Id), as before.
/// </summary>
public sealed class ConditionValueTypeProbes
{
    private const int QueryBuilderInvalidValue = unchecked((int)0x80041108);

    [Fact]
    public void AWholeNumberForALookup_IsRefused_InDataversesSentence()
    {
        using var dataverse = new LocalDataverse();
        var query = new QueryExpression("account");
        query.Criteria.AddCondition("parentaccountid", ConditionOperator.Equal, 2);

        var fault = FaultAssert.Throws(QueryBuilderInvalidValue, () => dataverse.GetOrganizationService().RetrieveMultiple(query));

        Assert.Equal("Condition for attribute 'account.parentaccountid': expected argument(s) of type 'System.Guid' but received 'System.Int32'.", fault.Message);
    }

    [Fact]
    public void AnEntityReferenceForThePrimaryKey_IsRefused()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var id = SolutionRows.Account(service, "Contoso");
        var query = new QueryExpression("account");
        query.Criteria.AddCondition("accountid", ConditionOperator.Equal, new EntityReference("account", id));

        var fault = FaultAssert.Throws(QueryBuilderInvalidValue, () => service.RetrieveMultiple(query));

        Assert.Equal("Condition for attribute 'account.accountid': expected argument(s) of type 'System.Guid' but received 'Microsoft.Xrm.Sdk.EntityReference'.", fault.Message);
    }

    [Fact]
    public void AnEntityReferenceForThePrimaryKey_IsRefused_InAnInToo()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var id = SolutionRows.Account(service, "Contoso");
        var query = new QueryExpression("account");
        query.Criteria.AddCondition("accountid", ConditionOperator.In, id, new EntityReference("account", id));

        FaultAssert.Throws(QueryBuilderInvalidValue, () => service.RetrieveMultiple(query));
    }

    [Fact]
    public void AnEntityReferenceForALookup_IsTakenByItsId()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var parent = SolutionRows.Account(service, "Parent");
        var child = service.Create(new Entity("account") { ["name"] = "Child", ["parentaccountid"] = new EntityReference("account", parent) });
        var query = new QueryExpression("account");
        query.Criteria.AddCondition("parentaccountid", ConditionOperator.Equal, new EntityReference("account", parent));

        Assert.Equal([child], service.RetrieveMultiple(query).Entities.Select(e => e.Id));
    }
}
