using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Delete applies each relationship's CascadeDelete as the solution declares it ("Configure table relationship cascading
/// behavior", learn.microsoft.com/power-apps/developer/data-platform/configure-entity-relationship-cascading-behavior):
/// Restrict refuses the delete while referencing rows exist (CannotDeleteDueToAssociation 0x80040227, "The object you
/// tried to delete is associated with another object and cannot be deleted."), Cascade deletes them, RemoveLink clears them.
/// </summary>
public sealed class CascadeDeleteProbes
{
    [Fact]
    public void DeletingAnAccountWithReceivables_IsRefusedByTheRestrictRelationship_AndNothingChanges()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var account = SolutionRows.Account(service);
        var receivable = SolutionRows.Receivable(service, account);

        var fault = FaultAssert.Throws(DataverseErrorCodes.CannotDeleteDueToAssociation, () => service.Delete("account", account));

        Assert.Equal("The object you tried to delete is associated with another object and cannot be deleted.", fault.Message);
        Assert.Equal(account, service.Retrieve("cos_receivable", receivable, new ColumnSet("cos_accountid")).GetAttributeValue<EntityReference>("cos_accountid").Id);
        Assert.Equal("Contoso", service.Retrieve("account", account, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }

    [Fact]
    public void OnceTheReferencingRowsAreGone_TheRestrictedRowDeletes()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var account = SolutionRows.Account(service);
        var receivable = SolutionRows.Receivable(service, account);

        service.Delete("cos_receivable", receivable);
        service.Delete("account", account);

        FaultAssert.Throws(DataverseErrorCodes.ObjectDoesNotExist, () => service.Retrieve("account", account, new ColumnSet("name")));
    }

    [Fact]
    public void DeletingAnOrder_DeletesItsLines_ThroughTheParentalOrderDetailsRelationship()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var order = SolutionRows.Order(service, SolutionRows.Account(service));
        var line = service.Create(new Entity("salesorderdetail") { ["salesorderid"] = new EntityReference("salesorder", order) });

        service.Delete("salesorder", order);

        FaultAssert.Throws(DataverseErrorCodes.ObjectDoesNotExist, () => service.Retrieve("salesorderdetail", line, new ColumnSet(true)));
    }

    [Fact]
    public void DeletingAParentAccount_RemovesTheLinkFromItsChildren()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var parent = SolutionRows.Account(service, "Parent");
        var child = service.Create(new Entity("account") { ["name"] = "Child", ["parentaccountid"] = new EntityReference("account", parent) });

        service.Delete("account", parent);

        Assert.False(service.Retrieve("account", child, new ColumnSet("parentaccountid")).Contains("parentaccountid"));
    }
}
