using CreditOS.LocalDataverse.Tests.Probes.Support;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 11: UpsertMultiple as "Use bulk operation messages" (bulk-operations) describes it for standard tables: each row upserted as
/// Upsert does (by primary key, else by alternate key), the answer's Results one UpsertResponse per row (Microsoft's example prints
/// "Record Updated", "Record Created"), the whole request rolled back on any error, and "When more than one record in the Targets
/// parameter is uniquely identified by a primary or alternate key, UpsertMultiple will return an error". It answered "does not
/// implement message UpsertMultiple" before. The stand-in has no UpsertMultipleRequest (the SDK it mirrors, 9.0.2.34, predates it),
/// so the probes send an OrganizationRequest, as Microsoft shows for DeleteMultiple.
/// </summary>
public sealed class UpsertMultipleProbes
{
    private const int InvalidArgument = unchecked((int)0x80040203);
    private const int StringTooLong = unchecked((int)0x80044331);

    [Fact]
    public void UpdatesTheRowItsKeyFinds_CreatesTheOther_AndAnswersEachRowsUpsertResponse()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var existing = SolutionRows.Account(service, "Record For Update", "ACC-1");

        var response = service.Execute(Upsert(
            new Entity("account", "accountnumber", "ACC-1") { ["name"] = "Updated using Upsert" },
            new Entity("account", "accountnumber", "ACC-2") { ["name"] = "Created using Upsert" }));

        var results = Assert.IsType<UpsertResponse[]>(response.Results["Results"]);
        Assert.Equal([false, true], results.Select(r => r.RecordCreated));
        Assert.Equal(existing, results[0].Target.Id);
        Assert.Equal("Updated using Upsert", service.Retrieve("account", existing, new ColumnSet("name")).GetAttributeValue<string>("name"));
        var created = service.Retrieve("account", results[1].Target.Id, new ColumnSet("name", "accountnumber"));
        Assert.Equal("Created using Upsert", created.GetAttributeValue<string>("name"));
        Assert.Equal("ACC-2", created.GetAttributeValue<string>("accountnumber"));
    }

    [Fact]
    public void OneKeyTwice_IsRefused_BeforeAnyRowIsWritten()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();

        var fault = FaultAssert.Throws(InvalidArgument, () => service.Execute(Upsert(
            new Entity("account", "accountnumber", "ACC-1") { ["name"] = "First" },
            new Entity("account", "accountnumber", "acc-1") { ["name"] = "Second" })));

        Assert.Contains("Targets[0] and Targets[1]", fault.Message, StringComparison.Ordinal);
        Assert.Empty(service.RetrieveMultiple(new QueryExpression("account")).Entities);
    }

    [Fact]
    public void ARowThatFails_RollsBackTheWholeRequest()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var existing = SolutionRows.Account(service, "Contoso", "ACC-1");

        FaultAssert.Throws(StringTooLong, () => service.Execute(Upsert(
            new Entity("account", existing) { ["name"] = "Changed" },
            new Entity("account", "accountnumber", "ACC-2") { ["name"] = new string('x', 161) })));

        Assert.Equal("Contoso", service.Retrieve("account", existing, new ColumnSet("name")).GetAttributeValue<string>("name"));
        Assert.Single(service.RetrieveMultiple(new QueryExpression("account")).Entities);
    }

    private static OrganizationRequest Upsert(params Entity[] rows) =>
        new("UpsertMultiple") { ["Targets"] = new EntityCollection(rows) { EntityName = "account" } };
}
