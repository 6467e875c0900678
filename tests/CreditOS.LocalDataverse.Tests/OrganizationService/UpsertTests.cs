using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CreditOS.LocalDataverse.Tests.OrganizationService;

public sealed class UpsertTests
{
    [Fact]
    public void Upsert_WithAlternateKey_CreatesWhenAbsent()
    {
        using var env = TestEnvironment.Create();

        var response = (UpsertResponse)env.Service.Execute(new UpsertRequest
        {
            Target = new Entity("account", "accountnumber", "ERP-1") { ["name"] = "From ERP" },
        });

        Assert.True(response.RecordCreated);
        var row = env.Service.Get("account", response.Target.Id, "name", "accountnumber");
        Assert.Equal("From ERP", row.GetAttributeValue<string>("name"));
        Assert.Equal("ERP-1", row.GetAttributeValue<string>("accountnumber"));
    }

    [Fact]
    public void Upsert_WithAlternateKey_UpdatesWhenPresent()
    {
        using var env = TestEnvironment.Create();
        var first = (UpsertResponse)env.Service.Execute(new UpsertRequest { Target = new Entity("account", "accountnumber", "ERP-1") { ["name"] = "v1" } });

        var second = (UpsertResponse)env.Service.Execute(new UpsertRequest { Target = new Entity("account", "accountnumber", "ERP-1") { ["name"] = "v2" } });

        Assert.False(second.RecordCreated);
        Assert.Equal(first.Target.Id, second.Target.Id);
        Assert.Equal("v2", env.Service.Get("account", first.Target.Id, "name").GetAttributeValue<string>("name"));
        Assert.Equal(1, env.Dataverse.Count("account"));
    }

    [Fact]
    public void Upsert_WithId_CreatesThatIdWhenAbsent()
    {
        using var env = TestEnvironment.Create();

        var response = (UpsertResponse)env.Service.Execute(new UpsertRequest { Target = new Entity("account", FixedIds.CustomerAccount) { ["name"] = "x" } });

        Assert.True(response.RecordCreated);
        Assert.Equal(FixedIds.CustomerAccount, response.Target.Id);
    }

    [Fact]
    public void Create_WithAlternateKeyValuesAlreadyUsed_FailsAsDuplicateKey()
    {
        using var env = TestEnvironment.Create();
        var first = Rows.Account("First");
        first["accountnumber"] = "ACC-1";
        env.Service.Create(first);
        var second = Rows.Account("Second");
        second["accountnumber"] = "acc-1";

        FaultAssert.Throws(DataverseErrorCodes.DuplicateRecordEntityKey, () => env.Service.Create(second));
    }

    [Fact]
    public void Upsert_WithKeyThatMatchesNoAlternateKey_Fails()
    {
        using var env = TestEnvironment.Create();

        FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () =>
            env.Service.Execute(new UpsertRequest { Target = new Entity("account", "name", "x") { ["creditlimit"] = new Money(1m) } }));
    }
}
