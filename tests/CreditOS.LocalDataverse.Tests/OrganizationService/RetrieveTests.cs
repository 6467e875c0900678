using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.OrganizationService;

public sealed class RetrieveTests
{
    [Fact]
    public void Retrieve_ReturnsOnlyRequestedColumns_PlusId()
    {
        using var env = TestEnvironment.Create();
        var id = env.Service.Create(Rows.Account("Contoso", 10m));

        var row = env.Service.Retrieve("account", id, new ColumnSet("name"));

        Assert.Equal(["accountid", "name"], row.Attributes.Keys.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public void Retrieve_OmitsColumnsWithoutValue()
    {
        using var env = TestEnvironment.Create();
        var id = env.Service.Create(Rows.Account("Contoso"));

        var row = env.Service.Retrieve("account", id, new ColumnSet("name", "creditlimit"));

        Assert.False(row.Contains("creditlimit"));
    }

    [Fact]
    public void Retrieve_AllColumns_ReturnsEveryValue()
    {
        using var env = TestEnvironment.Create();
        var id = env.Service.Create(Rows.Account("Contoso", 10m));

        var row = env.Service.Retrieve("account", id, new ColumnSet(true));

        Assert.Equal(10m, row.GetAttributeValue<Money>("creditlimit").Value);
        Assert.True(row.Contains("createdon"));
    }

    [Fact]
    public void Retrieve_MissingRow_FailsWithDataverseMessage()
    {
        using var env = TestEnvironment.Create();
        var id = Guid.NewGuid();

        var fault = FaultAssert.Throws(DataverseErrorCodes.ObjectDoesNotExist, () => env.Service.Retrieve("account", id, new ColumnSet("name")));

        Assert.Equal($"account With Id = {id:D} Does Not Exist", fault.Message);
    }

    [Fact]
    public void Retrieve_ByAlternateKey_FindsTheRow()
    {
        using var env = TestEnvironment.Create();
        var account = Rows.Account("Contoso");
        account["accountnumber"] = "ACC-1";
        var id = env.Service.Create(account);

        var response = (RetrieveResponse)env.Service.Execute(new RetrieveRequest
        {
            Target = new EntityReference("account", "accountnumber", "acc-1"),
            ColumnSet = new ColumnSet("name"),
        });

        Assert.Equal(id, response.Entity.Id);
    }

    [Fact]
    public void Retrieve_ByAlternateKeyWithoutMatch_FailsAsNotFound()
    {
        using var env = TestEnvironment.Create();

        // RecordNotFoundByEntityKey 0x80060891 "A record with the specified key values does not exist in account entity"
        // (reference/web-service-error-codes; it was ObjectDoesNotExist's code before Web API round 9).
        FaultAssert.Throws(DataverseErrorCodes.RecordNotFoundByEntityKey, () => env.Service.Execute(new RetrieveRequest
        {
            Target = new EntityReference("account", "accountnumber", "nope"),
            ColumnSet = new ColumnSet("name"),
        }));
    }

    [Fact]
    public void Retrieve_ReturnsCopies_SoChangingTheResultDoesNotChangeTheStore()
    {
        using var env = TestEnvironment.Create();
        var id = env.Service.Create(Rows.Account("Contoso", 10m));

        env.Service.Retrieve("account", id, new ColumnSet("creditlimit")).GetAttributeValue<Money>("creditlimit").Value = 77m;

        Assert.Equal(10m, env.Service.Get("account", id, "creditlimit").GetAttributeValue<Money>("creditlimit").Value);
    }

    [Fact]
    public void Retrieve_UnknownColumn_Fails()
    {
        using var env = TestEnvironment.Create();
        var id = env.Service.Create(Rows.Account("Contoso"));

        FaultAssert.Throws(DataverseErrorCodes.QueryBuilderNoAttribute, () => env.Service.Retrieve("account", id, new ColumnSet("nosuchcolumn")));
    }
}
