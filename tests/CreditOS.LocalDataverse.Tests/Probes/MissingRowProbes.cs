using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Retrieve, Update and Delete of a row that does not exist fault with ObjectDoesNotExist 0x80040217 "{table} With Id =
/// {id} Does Not Exist" (Web service error codes, learn.microsoft.com/power-apps/developer/data-platform/reference/web-service-error-codes).
/// </summary>
public sealed class MissingRowProbes
{
    private static readonly Guid Missing = new("0badf00d-0000-4000-8000-000000000001");

    [Fact]
    public void RetrieveUpdateAndDelete_OfAMissingRow_FaultWithObjectDoesNotExist()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var expected = $"account With Id = {Missing:D} Does Not Exist";

        var retrieve = FaultAssert.Throws(DataverseErrorCodes.ObjectDoesNotExist, () => service.Retrieve("account", Missing, new ColumnSet("name")));
        var update = FaultAssert.Throws(DataverseErrorCodes.ObjectDoesNotExist, () => service.Update(new Entity("account", Missing) { ["name"] = "x" }));
        var delete = FaultAssert.Throws(DataverseErrorCodes.ObjectDoesNotExist, () => service.Delete("account", Missing));

        Assert.Equal(expected, retrieve.Message);
        Assert.Equal(expected, update.Message);
        Assert.Equal(expected, delete.Message);
    }

    [Fact]
    public void CreateWithTheIdOfAnExistingRow_FaultsAsADuplicate_AndKeepsTheFirstRow()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var id = service.Create(new Entity("account") { ["name"] = "First" });

        FaultAssert.Throws(DataverseErrorCodes.DuplicateRecord, () => service.Create(new Entity("account", id) { ["name"] = "Second" }));

        Assert.Equal("First", service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }

    [Fact]
    public void CreateWithATakenAlternateKeyValue_FaultsWithDuplicateRecordEntityKey_NamingTheKey()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        service.Create(new Entity("account") { ["name"] = "First", ["accountnumber"] = "ACC-1" });

        // Session 16: Microsoft's error list names the key violation DuplicateRecordEntityKey 0x80060892, "Entity Key {0} violated. A
        // record with the same value for {1} already exists. …" (reference/web-service-error-codes); it was DuplicateRecord 0x80040237
        // with a wording of the local Dataverse's own.
        var fault = FaultAssert.Throws(DataverseErrorCodes.DuplicateRecordEntityKey, () => service.Create(new Entity("account") { ["name"] = "Second", ["accountnumber"] = "acc-1" }));

        Assert.Equal("Entity Key Account number violated. A record with the same value for Account Number already exists. A duplicate record cannot be created. Select one or more unique values and try again.", fault.Message);
    }
}
