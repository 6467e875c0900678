using CreditOS.LocalDataverse.Tests.Probes.Support;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 11, "Use bulk operation messages" (learn.microsoft.com/power-apps/developer/data-platform/bulk-operations): an UpdateMultiple
/// row that does not exist answers "Contact With Ids = &lt;guid&gt; Do Not Exist" (Troubleshooting common errors, client errors), the whole
/// request rolled back (On Error behavior with standard tables); DeleteMultiple on a standard table answers "DeleteMultiple has not yet
/// been implemented." (DeleteMultiple availability; the same live answer in MarkMpn/Sql4Cds#469). Locally the first came through as the
/// single Update's "account With Id = … Does Not Exist", the second as "The local Dataverse does not implement message DeleteMultiple".
/// </summary>
public sealed class BulkMessageWordingProbes
{
    private const int ObjectDoesNotExist = unchecked((int)0x80040217);
    private const int UnexpectedError = unchecked((int)0x80040216);

    [Fact]
    public void UpdateMultiple_WithARowThatDoesNotExist_AnswersInTheBulkWording_AndRollsBack()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var id = SolutionRows.Account(service, "Contoso");
        var missing = Guid.NewGuid();

        var fault = FaultAssert.Throws(ObjectDoesNotExist, () => service.Execute(new OrganizationRequest("UpdateMultiple")
        {
            ["Targets"] = new EntityCollection([new Entity("account", id) { ["name"] = "Changed" }, new Entity("account", missing) { ["name"] = "Ghost" }])
            {
                EntityName = "account",
            },
        }));

        Assert.Equal($"account With Ids = {missing:D} Do Not Exist", fault.Message);
        Assert.Equal("Contoso", service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }

    [Fact]
    public void DeleteMultiple_OnAStandardTable_AnswersThatItIsNotImplemented_AndDeletesNothing()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var id = SolutionRows.Account(service, "Contoso");

        var fault = FaultAssert.Throws(UnexpectedError, () => service.Execute(new OrganizationRequest("DeleteMultiple")
        {
            ["Targets"] = new EntityReferenceCollection([new EntityReference("account", id)]),
        }));

        Assert.Equal("DeleteMultiple has not yet been implemented.", fault.Message);
        Assert.Equal(id, service.Retrieve("account", id, new ColumnSet("name")).Id);
    }
}
