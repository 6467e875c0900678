using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CreditOS.LocalDataverse.Tests.OrganizationService;

/// <summary>The default local Dataverse takes its tables from the solution itself.</summary>
public sealed class SolutionMetadataTests
{
    [Fact]
    public void DefaultLocalDataverse_KnowsTheSolutionsTables()
    {
        using var env = DataverseTestBuilder.ALocalDataverse().Build();

        Assert.NotNull(env.Dataverse.Metadata.FindTable("account"));
        Assert.NotNull(env.Dataverse.Metadata.FindTable("cos_payment"));
        Assert.NotNull(env.Dataverse.Metadata.FindTable("queueitem"));
    }

    [Fact]
    public void DefaultLocalDataverse_CreatesAndUpsertsAccountsByTheirAlternateKey()
    {
        using var env = DataverseTestBuilder.ALocalDataverse().Build();

        var created = (UpsertResponse)env.Service.Execute(new UpsertRequest
        {
            Target = new Entity("account", "accountnumber", "ERP-100") { ["name"] = "Contoso", ["creditlimit"] = new Money(50_000m) },
        });
        var updated = (UpsertResponse)env.Service.Execute(new UpsertRequest
        {
            Target = new Entity("account", "accountnumber", "ERP-100") { ["creditlimit"] = new Money(60_000m) },
        });

        Assert.True(created.RecordCreated);
        Assert.False(updated.RecordCreated);
        var row = env.Service.Get("account", created.Target.Id, "name", "creditlimit", "ownerid", "createdon", "statecode");
        Assert.Equal(60_000m, row.GetAttributeValue<Money>("creditlimit").Value);
        Assert.Equal(FixedIds.AdminUser, row.GetAttributeValue<EntityReference>("ownerid").Id);
        Assert.Equal(FixedIds.Now.UtcDateTime, row.GetAttributeValue<DateTime>("createdon"));
        Assert.Equal(0, row.GetAttributeValue<OptionSetValue>("statecode").Value);
    }

    [Fact]
    public void DefaultLocalDataverse_RefusesAColumnTheSolutionDoesNotDeclare()
    {
        using var env = DataverseTestBuilder.ALocalDataverse().Build();

        FaultAssert.Throws(DataverseErrorCodes.QueryBuilderNoAttribute, () =>
            env.Service.Create(new Entity("account") { ["name"] = "Contoso", ["cos_notdeclared"] = 1 }));
    }
}
