using System.ServiceModel;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Disassociate of a one-to-many relationship clears the referencing row's lookup ("Associate and disassociate table rows using
/// the SDK for .NET", learn.microsoft.com/power-apps/developer/data-platform/org-service/entity-operations-associate-disassociate).
/// Microsoft does not say what Dataverse does when the row is linked to another parent than the one named; the local Dataverse
/// cleared that other link, a result that only looks right. It refuses loudly now (0x80040216) and changes nothing.
/// </summary>
public sealed class DisassociateProbes
{
    private static readonly Relationship AccountReceivables = new("cos_account_cos_receivable_accountid");

    [Fact]
    public void DisassociatingFromTheLinkedParent_ClearsTheLookup()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var account = SolutionRows.Account(service);
        var receivable = SolutionRows.Receivable(service, account);

        service.Disassociate("account", account, AccountReceivables, new EntityReferenceCollection { new EntityReference("cos_receivable", receivable) });

        Assert.Null(service.Retrieve("cos_receivable", receivable, new ColumnSet("cos_accountid")).GetAttributeValue<EntityReference>("cos_accountid"));
    }

    [Fact]
    public void DisassociatingFromAnotherParent_IsRefusedLoudly_AndTheLinkStays()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var linked = SolutionRows.Account(service, "Linked");
        var other = SolutionRows.Account(service, "Other");
        var receivable = SolutionRows.Receivable(service, linked);

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            service.Disassociate("account", other, AccountReceivables, new EntityReferenceCollection { new EntityReference("cos_receivable", receivable) }));

        Assert.Equal(unchecked((int)0x80040216), fault.Detail.ErrorCode);
        Assert.Contains("does not implement Disassociate", fault.Detail.Message, StringComparison.Ordinal);
        Assert.Equal(linked, service.Retrieve("cos_receivable", receivable, new ColumnSet("cos_accountid")).GetAttributeValue<EntityReference>("cos_accountid").Id);
    }
}
