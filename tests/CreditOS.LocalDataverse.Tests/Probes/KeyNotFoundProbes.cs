using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 10: a row addressed by an alternate key that no row holds faults with RecordNotFoundByEntityKey 0x80060891, "A record with the
/// specified key values does not exist in {0} entity" (Web service error codes, reference/web-service-error-codes); the local Dataverse
/// answered ObjectDoesNotExist 0x80040217 with that message. Over the Web API it stays 404, so a PATCH by key with If-Match: * (the
/// worker's update-only write) still reads as "not there".
/// </summary>
public sealed class KeyNotFoundProbes
{
    private static EntityReference NoSuchAccount => new("account", "accountnumber", "NO-SUCH");

    [Fact]
    public void RetrieveUpdateAndDelete_ByAKeyNoRowHolds_FaultWithRecordNotFoundByEntityKey()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        SolutionRows.Account(service, "Contoso", "ACC-1");
        const string Expected = "A record with the specified key values does not exist in account entity";

        var retrieve = FaultAssert.Throws(DataverseErrorCodes.RecordNotFoundByEntityKey, () =>
            service.Execute(new RetrieveRequest { Target = NoSuchAccount, ColumnSet = new ColumnSet("name") }));
        var update = FaultAssert.Throws(DataverseErrorCodes.RecordNotFoundByEntityKey, () =>
            service.Update(new Entity("account", "accountnumber", "NO-SUCH") { ["name"] = "x" }));
        var delete = FaultAssert.Throws(DataverseErrorCodes.RecordNotFoundByEntityKey, () =>
            service.Execute(new DeleteRequest { Target = NoSuchAccount }));

        Assert.All(new[] { retrieve, update, delete }, fault => Assert.Equal(Expected, fault.Message));
        Assert.Equal("Contoso", Assert.Single(service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities).GetAttributeValue<string>("name"));
    }

    [Fact]
    public void AMissingRowById_IsStillObjectDoesNotExist()
    {
        using var dataverse = new LocalDataverse();
        var missing = Guid.NewGuid();

        var fault = FaultAssert.Throws(DataverseErrorCodes.ObjectDoesNotExist, () => dataverse.GetOrganizationService().Retrieve("account", missing, new ColumnSet("name")));

        Assert.Equal($"account With Id = {missing:D} Does Not Exist", fault.Message);
    }
}
