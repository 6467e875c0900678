using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Session 16 probes of the organization service's messages against Microsoft's pages: unknown columns, columns not valid
/// for update, duplicate alternate keys, ColumnSet(true), nested batches in a transaction, Upsert's RecordCreated.
/// </summary>
public sealed class MessageSemanticsProbes
{
    [Fact]
    public void RetrieveWithAnUnknownColumn_FaultsWithQueryBuilderNoAttribute()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var id = SolutionRows.Account(service);

        FaultAssert.Throws(DataverseErrorCodes.QueryBuilderNoAttribute, () => service.Retrieve("account", id, new ColumnSet("name", "nosuchcolumn")));
    }

    [Fact]
    public void UpdatingAColumnNotValidForUpdate_IsRefused_AndNothingChanges()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var id = service.Create(new Entity("account") { ["name"] = "Contoso", ["creditlimit"] = new Money(100m) });

        // exchangerate: "people can see the value, but they can't edit it" (maker/data-platform/types-of-fields).
        FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () =>
            service.Update(new Entity("account", id) { ["name"] = "Changed", ["exchangerate"] = 2m }));
        Assert.Equal("Contoso", service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }

    [Fact]
    public void ASecondRowWithTheSameAlternateKey_IsRefused_WithDuplicateRecordEntityKey()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var account = SolutionRows.Account(service);
        SolutionRows.Receivable(service, account, "INV-7");

        // "DuplicateRecordEntityKey … Entity Key {0} violated. A record with the same value for {1} already exists. A duplicate record
        // cannot be created. Select one or more unique values and try again." (reference/web-service-error-codes). Before session 16
        // the local Dataverse answered DuplicateRecord 0x80040237 ("Operation failed due to a SQL integrity violation" in that list).
        var fault = FaultAssert.Throws(DataverseErrorCodes.DuplicateRecordEntityKey, () => SolutionRows.Receivable(service, account, "INV-7"));
        Assert.StartsWith("Entity Key ", fault.Message, StringComparison.Ordinal);
        Assert.Contains(" violated. A record with the same value for ", fault.Message, StringComparison.Ordinal);
        Assert.Equal(1, dataverse.Count("cos_receivable"));
    }

    [Fact]
    public void ColumnSetTrue_ReturnsOnlyTheColumnsThatHoldAValue()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        SolutionRows.Account(service, "Contoso");

        var row = service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet(true) }).Entities.Single();

        Assert.Equal("Contoso", row.GetAttributeValue<string>("name"));
        Assert.False(row.Contains("accountnumber"));
        Assert.True(row.Contains("ownerid"));
        Assert.True(row.Contains("statecode"));
    }

    [Fact]
    public void AnExecuteMultipleInsideAnExecuteTransaction_IsRefused_AndNothingRuns()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var inner = new ExecuteMultipleRequest { Requests = [], Settings = new ExecuteMultipleSettings { ContinueOnError = false, ReturnResponses = true } };
        inner.Requests.Add(new CreateRequest { Target = new Entity("account") { ["name"] = "inner" } });
        var request = new ExecuteTransactionRequest { Requests = [new CreateRequest { Target = new Entity("account") { ["name"] = "outer" } }, inner] };

        Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => service.Execute(request));
        Assert.Equal(0, dataverse.Count("account"));
    }

    [Fact]
    public void Upsert_CreatesThenUpdates_ByAlternateKey_AndSaysWhich()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();

        var created = (UpsertResponse)service.Execute(new UpsertRequest { Target = new Entity("account", "accountnumber", "K-1") { ["name"] = "First" } });
        var updated = (UpsertResponse)service.Execute(new UpsertRequest { Target = new Entity("account", "accountnumber", "K-1") { ["name"] = "Second" } });

        Assert.True(created.RecordCreated);
        Assert.False(updated.RecordCreated);
        Assert.Equal(created.Target.Id, updated.Target.Id);
        Assert.Equal("Second", service.Retrieve("account", created.Target.Id, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }

    [Fact]
    public void AStatusReasonOfAnotherState_IsRefusedWithInvalidStateCodeStatusCode_NamingTheState()
    {
        // "InvalidStateCodeStatusCode" is 0x80048408 in Microsoft's list (reference/web-service-error-codes); the state is named
        // as Dataverse names it in the message ("… is not a valid status code for state code AccountState.Active …").
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var id = SolutionRows.Account(service);

        var fault = FaultAssert.Throws(unchecked((int)0x80048408), () => service.Update(new Entity("account", id) { ["statuscode"] = new OptionSetValue(2) }));
        Assert.StartsWith("2 is not a valid status code for state code AccountState.Active on account with Id ", fault.Message, StringComparison.Ordinal);
        FaultAssert.Throws(unchecked((int)0x80048408), () =>
            service.Execute(new Microsoft.Crm.Sdk.Messages.SetStateRequest { EntityMoniker = new EntityReference("account", id), State = new OptionSetValue(1), Status = new OptionSetValue(1) }));
        Assert.Equal(0, service.Retrieve("account", id, new ColumnSet("statecode")).GetAttributeValue<OptionSetValue>("statecode").Value);
    }
}
