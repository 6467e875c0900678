using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CreditOS.LocalDataverse.Tests.OrganizationService;

public sealed class UpdateDeleteTests
{
    [Fact]
    public void Update_ChangesOnlyTheColumnsGiven()
    {
        using var env = TestEnvironment.Create();
        var id = env.Service.Create(Rows.Account("Contoso", 10m));

        env.Service.Update(new Entity("account", id) { ["creditlimit"] = new Money(20m) });

        var row = env.Service.Get("account", id, "name", "creditlimit");
        Assert.Equal("Contoso", row.GetAttributeValue<string>("name"));
        Assert.Equal(20m, row.GetAttributeValue<Money>("creditlimit").Value);
    }

    [Fact]
    public void Update_WithNull_ClearsTheColumn()
    {
        using var env = TestEnvironment.Create();
        var id = env.Service.Create(Rows.Account("Contoso", 10m));

        env.Service.Update(new Entity("account", id) { ["creditlimit"] = null });

        Assert.False(env.Service.Get("account", id, "creditlimit").Contains("creditlimit"));
    }

    [Fact]
    public void Update_StampsModifiedOnAndModifiedBy()
    {
        using var env = TestEnvironment.Create();
        var id = env.Service.Create(Rows.Account("Contoso"));
        env.Clock.Advance(TimeSpan.FromHours(2));

        env.As(FixedIds.SalesRep).Update(new Entity("account", id) { ["name"] = "Contoso Ltd" });

        var row = env.Service.Get("account", id, "createdon", "modifiedon", "modifiedby");
        Assert.Equal(FixedIds.Now.UtcDateTime, row.GetAttributeValue<DateTime>("createdon"));
        Assert.Equal(FixedIds.Now.UtcDateTime.AddHours(2), row.GetAttributeValue<DateTime>("modifiedon"));
        Assert.Equal(FixedIds.SalesRep, row.GetAttributeValue<EntityReference>("modifiedby").Id);
    }

    [Fact]
    public void Update_ByAlternateKey_UpdatesThatRow()
    {
        using var env = TestEnvironment.Create();
        var account = Rows.Account("Contoso");
        account["accountnumber"] = "ACC-9";
        var id = env.Service.Create(account);

        env.Service.Update(new Entity("account", "accountnumber", "ACC-9") { ["name"] = "By key" });

        Assert.Equal("By key", env.Service.Get("account", id, "name").GetAttributeValue<string>("name"));
    }

    [Fact]
    public void Update_MissingRow_FailsAsNotFound()
    {
        using var env = TestEnvironment.Create();

        FaultAssert.Throws(DataverseErrorCodes.ObjectDoesNotExist, () => env.Service.Update(new Entity("account", Guid.NewGuid()) { ["name"] = "x" }));
    }

    [Fact]
    public void Delete_RemovesTheRow()
    {
        using var env = TestEnvironment.Create();
        var id = env.Service.Create(Rows.Account("Contoso"));

        env.Service.Delete("account", id);

        Assert.False(env.Service.Exists("account", id));
    }

    [Fact]
    public void Delete_MissingRow_FailsAsNotFound()
    {
        using var env = TestEnvironment.Create();

        FaultAssert.Throws(DataverseErrorCodes.ObjectDoesNotExist, () => env.Service.Delete("account", Guid.NewGuid()));
    }

    [Fact]
    public void Delete_OfAReferencedRow_RemovesTheLinkFromReferencingRows()
    {
        using var env = TestEnvironment.Create();
        var parent = env.Service.Create(Rows.Account("Parent"));
        var child = Rows.Account("Child");
        child["parentaccountid"] = new EntityReference("account", parent);
        var childId = env.Service.Create(child);

        env.Service.Delete("account", parent);

        Assert.False(env.Service.Get("account", childId, "parentaccountid").Contains("parentaccountid"));
    }

    [Fact]
    public void Delete_ByAlternateKey_RemovesThatRow()
    {
        using var env = TestEnvironment.Create();
        var account = Rows.Account("Contoso");
        account["accountnumber"] = "ACC-7";
        var id = env.Service.Create(account);

        env.Service.Execute(new DeleteRequest { Target = new EntityReference("account", "accountnumber", "ACC-7") });

        Assert.False(env.Service.Exists("account", id));
    }
}
