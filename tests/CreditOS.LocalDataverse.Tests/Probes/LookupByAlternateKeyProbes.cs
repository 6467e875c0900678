using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// A lookup value given by alternate key (fidelity round 6). "When passing entities to CreateRequest and UpdateRequest, values provided
/// for lookup attributes using an EntityReference can now use EntityReference with alternate keys defined in KeyAttributes to specify the
/// related record. These will be resolved to and replaced by primary ID based entity references before the messages are processed"
/// (Use an alternate key to create a record, dn932140); "Create table rows using the SDK for .NET", "Use alternate keys":
/// <c>account["primarycontactid"] = new EntityReference("contact", "sample_username", "john.smith123");</c>. It was refused ("has an
/// EntityReference without an Id"). Here account's alternate key is accountnumber.
/// </summary>
public sealed class LookupByAlternateKeyProbes
{
    [Fact]
    public void CreateAndUpdate_ResolveALookupGivenByAlternateKey()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var parent = SolutionRows.Account(service, "Parent", "ACC-1");
        var other = SolutionRows.Account(service, "Other parent", "ACC-2");

        var child = service.Create(new Entity("account") { ["name"] = "Child", ["parentaccountid"] = new EntityReference("account", "accountnumber", "ACC-1") });
        var created = service.Retrieve("account", child, new ColumnSet("parentaccountid")).GetAttributeValue<EntityReference>("parentaccountid");
        service.Update(new Entity("account", child) { ["parentaccountid"] = new EntityReference("account", "accountnumber", "ACC-2") });
        var updated = service.Retrieve("account", child, new ColumnSet("parentaccountid")).GetAttributeValue<EntityReference>("parentaccountid");

        Assert.Equal(parent, created.Id);
        Assert.Equal(other, updated.Id);
    }

    [Fact]
    public void ALookupKeyThatMatchesNoRow_IsRecordNotFound_AndNothingIsCreated()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();

        // RecordNotFoundByEntityKey 0x80060891 (reference/web-service-error-codes; Web API round 9).
        var fault = FaultAssert.Throws(DataverseErrorCodes.RecordNotFoundByEntityKey, () =>
            service.Create(new Entity("account") { ["name"] = "Child", ["parentaccountid"] = new EntityReference("account", "accountnumber", "NO-SUCH") }));

        Assert.Equal("A record with the specified key values does not exist in account entity", fault.Message);
        Assert.Empty(service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities);
    }
}
