using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.OrganizationService;

public sealed class CreateTests
{
    [Fact]
    public void Create_ReturnsNewId_AndRowIsRetrievable()
    {
        using var env = TestEnvironment.Create();

        var id = env.Service.Create(Rows.Account("Contoso", 5_000m));

        Assert.NotEqual(Guid.Empty, id);
        var row = env.Service.Get("account", id, "name", "creditlimit");
        Assert.Equal("Contoso", row.GetAttributeValue<string>("name"));
        Assert.Equal(5_000m, row.GetAttributeValue<Money>("creditlimit").Value);
        Assert.Equal(id, row.Id);
        Assert.Equal(id, row.GetAttributeValue<Guid>("accountid"));
    }

    [Fact]
    public void Create_WithSuppliedId_UsesThatId()
    {
        using var env = TestEnvironment.Create();

        var id = env.Service.Create(new Entity("account", FixedIds.CustomerAccount) { ["name"] = "Fabrikam" });

        Assert.Equal(FixedIds.CustomerAccount, id);
    }

    [Fact]
    public void Create_WithIdInPrimaryKeyColumn_UsesThatId()
    {
        using var env = TestEnvironment.Create();

        var id = env.Service.Create(new Entity("account") { ["accountid"] = FixedIds.CustomerAccount, ["name"] = "Fabrikam" });

        Assert.Equal(FixedIds.CustomerAccount, id);
    }

    [Fact]
    public void Create_WithExistingId_FailsAsDuplicate()
    {
        using var env = TestEnvironment.Create();
        env.Service.Create(new Entity("account", FixedIds.CustomerAccount) { ["name"] = "First" });

        FaultAssert.Throws(DataverseErrorCodes.DuplicateRecord, () =>
            env.Service.Create(new Entity("account", FixedIds.CustomerAccount) { ["name"] = "Second" }));

        Assert.Equal("First", env.Service.Get("account", FixedIds.CustomerAccount, "name").GetAttributeValue<string>("name"));
    }

    [Fact]
    public void Create_StampsSystemColumns_FromCallerAndClock()
    {
        using var env = TestEnvironment.Create();

        var id = env.As(TestEnvironment.Operator).Create(Rows.Account("Contoso"));

        var row = env.Service.Get("account", id, "createdon", "modifiedon", "createdby", "modifiedby", "ownerid", "owningbusinessunit", "statecode", "statuscode", "versionnumber");
        Assert.Equal(FixedIds.Now.UtcDateTime, row.GetAttributeValue<DateTime>("createdon"));
        Assert.Equal(DateTimeKind.Utc, row.GetAttributeValue<DateTime>("createdon").Kind);
        Assert.Equal(FixedIds.Now.UtcDateTime, row.GetAttributeValue<DateTime>("modifiedon"));
        Assert.Equal(new EntityReference("systemuser", TestEnvironment.Operator), row.GetAttributeValue<EntityReference>("createdby"));
        Assert.Equal(new EntityReference("systemuser", TestEnvironment.Operator), row.GetAttributeValue<EntityReference>("modifiedby"));
        Assert.Equal(new EntityReference("systemuser", TestEnvironment.Operator), row.GetAttributeValue<EntityReference>("ownerid"));
        Assert.Equal(env.Dataverse.RootBusinessUnitId, row.GetAttributeValue<EntityReference>("owningbusinessunit").Id);
        Assert.Equal(0, row.GetAttributeValue<OptionSetValue>("statecode").Value);
        Assert.Equal(1, row.GetAttributeValue<OptionSetValue>("statuscode").Value);
        Assert.True(row.GetAttributeValue<long>("versionnumber") > 0);
    }

    [Fact]
    public void Create_IgnoresCallerValuesForPlatformMaintainedColumns()
    {
        using var env = TestEnvironment.Create();
        var account = Rows.Account("Contoso");
        account["createdon"] = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var id = env.Service.Create(account);

        Assert.Equal(FixedIds.Now.UtcDateTime, env.Service.Get("account", id, "createdon").GetAttributeValue<DateTime>("createdon"));
    }

    [Fact]
    public void Create_WithSuppliedOwner_KeepsThatOwner()
    {
        using var env = TestEnvironment.Create();
        var account = Rows.Account("Contoso");
        account["ownerid"] = new EntityReference("systemuser", FixedIds.SalesRep);

        var id = env.Service.Create(account);

        Assert.Equal(FixedIds.SalesRep, env.Service.Get("account", id, "ownerid").GetAttributeValue<EntityReference>("ownerid").Id);
    }

    [Fact]
    public void Create_CopiesValuesIn_SoLaterChangesToTheCallersEntityDoNotLeak()
    {
        using var env = TestEnvironment.Create();
        var limit = new Money(100m);
        var account = new Entity("account") { ["name"] = "Contoso", ["creditlimit"] = limit };
        var id = env.Service.Create(account);

        limit.Value = 999m;
        account["name"] = "Changed";

        var row = env.Service.Get("account", id, "name", "creditlimit");
        Assert.Equal("Contoso", row.GetAttributeValue<string>("name"));
        Assert.Equal(100m, row.GetAttributeValue<Money>("creditlimit").Value);
    }
}
