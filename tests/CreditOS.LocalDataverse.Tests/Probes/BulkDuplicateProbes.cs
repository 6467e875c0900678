using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 10: "Multiple records with the same primary key or alternate key values in the payload are not supported with UpdateMultiple.
/// When more than one record in the Targets parameter is uniquely identified by a primary or alternate key, the operation is performed
/// on the first record only. Any subsequent records with the same key value(s) in the payload are ignored." (Use bulk operation messages,
/// "Duplicate records in UpdateMultiple Targets parameter"). The local Dataverse applied every one, so the last won.
/// </summary>
public sealed class BulkDuplicateProbes
{
    [Fact]
    public void UpdateMultiple_WithOneIdTwice_AppliesTheFirstRowOnly()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var id = SolutionRows.Account(service, "Contoso", "ACC-1");
        var other = SolutionRows.Account(service, "Fabrikam", "ACC-2");

        service.Execute(new OrganizationRequest("UpdateMultiple")
        {
            ["Targets"] = new EntityCollection(
            [
                new Entity("account", id) { ["name"] = "First" },
                new Entity("account", other) { ["name"] = "Fabrikam Ltd" },
                new Entity("account", id) { ["name"] = "Second", ["numberofemployees"] = 5 },
            ]) { EntityName = "account" },
        });

        var row = service.Retrieve("account", id, new ColumnSet("name", "numberofemployees"));
        Assert.Equal("First", row.GetAttributeValue<string>("name"));
        Assert.False(row.Contains("numberofemployees"));
        Assert.Equal("Fabrikam Ltd", service.Retrieve("account", other, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }

    [Fact]
    public void UpdateMultiple_WithOneAlternateKeyTwice_AppliesTheFirstRowOnly()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var id = SolutionRows.Account(service, "Contoso", "ACC-1");

        service.Execute(new OrganizationRequest("UpdateMultiple")
        {
            ["Targets"] = new EntityCollection(
            [
                new Entity("account", "accountnumber", "ACC-1") { ["name"] = "First" },
                new Entity("account", "accountnumber", "acc-1") { ["name"] = "Second" }, // the same key value under SQL Server's collation
            ]) { EntityName = "account" },
        });

        Assert.Equal("First", service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }
}
