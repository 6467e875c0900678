using CreditOS.LocalDataverse.Tests.Probes.Support;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 11: an Entity whose Id and primary-key column name two different rows. Dataverse refuses it with "Entity Id must be the same
/// as the value set in property bag." (not in Microsoft's published list; wording and code 0x80040216 as DLaB.Xrm.LocalCrm reproduces
/// the platform, daryllabar/XrmUnitTest). The local Update wrote the row of Entity.Id and dropped the column; the local Create refused
/// in words of its own (InvalidArgument).
/// </summary>
public sealed class EntityIdMismatchProbes
{
    private const int UnexpectedError = unchecked((int)0x80040216);
    private const string Sentence = "Entity Id must be the same as the value set in property bag.";

    [Fact]
    public void Update_WithAnotherIdInThePrimaryKeyColumn_IsRefused_AndNothingChanges()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var first = SolutionRows.Account(service, "First");
        var second = SolutionRows.Account(service, "Second");

        var fault = FaultAssert.Throws(UnexpectedError, () => service.Update(new Entity("account", first) { ["accountid"] = second, ["name"] = "Changed" }));

        Assert.Equal(Sentence, fault.Message);
        Assert.Equal("First", service.Retrieve("account", first, new ColumnSet("name")).GetAttributeValue<string>("name"));
        Assert.Equal("Second", service.Retrieve("account", second, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }

    [Fact]
    public void Update_WithTheSameIdInThePrimaryKeyColumn_Writes()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var id = SolutionRows.Account(service, "First");

        service.Update(new Entity("account", id) { ["accountid"] = id, ["name"] = "Changed" });

        Assert.Equal("Changed", service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }

    [Fact]
    public void Create_WithAnotherIdInThePrimaryKeyColumn_IsRefused_InDataversesSentence()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();

        var fault = FaultAssert.Throws(UnexpectedError, () => service.Create(new Entity("account", Guid.NewGuid()) { ["accountid"] = Guid.NewGuid(), ["name"] = "X" }));

        Assert.Equal(Sentence, fault.Message);
        Assert.Empty(service.RetrieveMultiple(new QueryExpression("account")).Entities);
    }
}
