using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// SetState and N:N links as Dataverse carries them out (SetStateRequest: a status of -1 takes the state's default status,
/// a status of another state is refused with InvalidStateCodeStatusCode 0x80048408 (reference/web-service-error-codes; 0x80040278 before session 16), learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.setstaterequest;
/// "Associate and disassociate table rows using the SDK for .NET": a second Associate of the same pair is a duplicate
/// key, 0x80040237). ColumnSet(false) returns the id alone.
/// </summary>
public sealed class StateAndAssociationProbes
{
    [Fact]
    public void SetState_WithStatusMinusOne_TakesTheStatesDefaultStatus_AndAStatusOfAnotherStateIsRefused()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var id = SolutionRows.Account(service);

        service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("account", id), State = new OptionSetValue(1), Status = new OptionSetValue(-1) });
        var row = service.Retrieve("account", id, new ColumnSet("statecode", "statuscode"));
        FaultAssert.Throws(DataverseErrorCodes.InvalidStateCodeStatusCode, () =>
            service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("account", id), State = new OptionSetValue(0), Status = new OptionSetValue(2) }));

        Assert.Equal(1, row.GetAttributeValue<OptionSetValue>("statecode").Value);
        Assert.Equal(2, row.GetAttributeValue<OptionSetValue>("statuscode").Value);
    }

    [Fact]
    public void AssociatingTheSamePairTwice_IsADuplicate_AndDisassociateRemovesTheLink()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var user = dataverse.CreateUser("Tess Team");
        var team = dataverse.CreateTeam("Collections");
        var relationship = new Relationship("teammembership_association");
        service.Associate("team", team, relationship, [new EntityReference("systemuser", user)]);

        FaultAssert.Throws(DataverseErrorCodes.DuplicateRecord, () => service.Associate("team", team, relationship, [new EntityReference("systemuser", user)]));
        service.Disassociate("team", team, relationship, [new EntityReference("systemuser", user)]);

        var links = service.RetrieveMultiple(new QueryExpression("teammembership") { ColumnSet = new ColumnSet(true), Criteria = { Conditions = { new ConditionExpression("teamid", ConditionOperator.Equal, team) } } });
        Assert.Empty(links.Entities);
    }

    [Fact]
    public void ColumnSetFalse_ReturnsTheIdAlone_FromRetrieveAndRetrieveMultiple()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var id = SolutionRows.Account(service, "Contoso", "ACC-1");

        var retrieved = service.Retrieve("account", id, new ColumnSet(false));
        var listed = Assert.Single(service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet(false) }).Entities);

        Assert.Equal(id, retrieved.Id);
        Assert.DoesNotContain("name", retrieved.Attributes.Keys);
        Assert.Equal(id, listed.Id);
        Assert.DoesNotContain("name", listed.Attributes.Keys);
    }
}
