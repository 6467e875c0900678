using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Upsert by alternate key with the key's column also among the Target's attributes, as "Understand the upsert process for
/// standard tables" (Use Upsert to Create or Update a record, learn.microsoft.com/power-apps/developer/data-platform/use-upsert-insert-update-record)
/// describes it. If the record exists: "Remove any data from the Target Entity.Attributes collection that uses the same keys as the
/// Target Entity.KeyAttributes collection. Call Update" ("you can't update the alternate key values of a record when you're using
/// those alternate key values to identify it"): the local Dataverse wrote the attribute's value over the key. If it doesn't: "Copy any
/// data from the Target Entity.KeyAttributes that the Target doesn't already have in its Entity.Attributes … Call Create" ("even if
/// the values are different"): the local Dataverse overwrote the attribute with the key value.
/// </summary>
public sealed class UpsertKeyProbes
{
    [Fact]
    public void AnExistingRow_KeepsItsKey_WhateverTheAttributesSay()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var id = SolutionRows.Account(service, "Contoso", "ACC-1");

        var response = (UpsertResponse)service.Execute(new UpsertRequest
        {
            Target = new Entity("account", "accountnumber", "ACC-1") { ["accountnumber"] = "ACC-9", ["name"] = "Contoso Ltd" },
        });

        Assert.False(response.RecordCreated);
        Assert.Equal(id, response.Target.Id);
        var row = service.Retrieve("account", id, new ColumnSet("accountnumber", "name"));
        Assert.Equal("ACC-1", row.GetAttributeValue<string>("accountnumber"));
        Assert.Equal("Contoso Ltd", row.GetAttributeValue<string>("name"));
    }

    [Fact]
    public void AMissingRow_IsCreatedWithTheAttributesValue_AndTheKeyValueOnlyWhereThereIsNone()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();

        var withAttribute = (UpsertResponse)service.Execute(new UpsertRequest
        {
            Target = new Entity("account", "accountnumber", "ACC-1") { ["accountnumber"] = "ACC-9", ["name"] = "From the body" },
        });
        var withoutAttribute = (UpsertResponse)service.Execute(new UpsertRequest
        {
            Target = new Entity("account", "accountnumber", "ACC-2") { ["name"] = "From the key" },
        });

        Assert.True(withAttribute.RecordCreated);
        Assert.Equal("ACC-9", service.Retrieve("account", withAttribute.Target.Id, new ColumnSet("accountnumber")).GetAttributeValue<string>("accountnumber"));
        Assert.True(withoutAttribute.RecordCreated);
        Assert.Equal("ACC-2", service.Retrieve("account", withoutAttribute.Target.Id, new ColumnSet("accountnumber")).GetAttributeValue<string>("accountnumber"));
    }
}
