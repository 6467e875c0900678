using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.OrganizationService;

public sealed class SpecialMessageTests
{
    [Fact]
    public void SetState_WithValidPair_ChangesStateAndStatus()
    {
        using var env = TestEnvironment.Create();
        var id = env.Service.Create(Rows.Account("Contoso"));

        env.Service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("account", id), State = new OptionSetValue(1), Status = new OptionSetValue(2) });

        var row = env.Service.Get("account", id, "statecode", "statuscode");
        Assert.Equal(1, row.GetAttributeValue<OptionSetValue>("statecode").Value);
        Assert.Equal(2, row.GetAttributeValue<OptionSetValue>("statuscode").Value);
    }

    [Fact]
    public void SetState_WithStatusOfAnotherState_Fails()
    {
        using var env = TestEnvironment.Create();
        var id = env.Service.Create(Rows.Account("Contoso"));

        FaultAssert.Throws(DataverseErrorCodes.InvalidStateCodeStatusCode, () =>
            env.Service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("account", id), State = new OptionSetValue(1), Status = new OptionSetValue(3) }));
    }

    [Fact]
    public void Update_StateWithoutStatus_TakesTheStatesDefaultStatus()
    {
        using var env = TestEnvironment.Create();
        var id = env.Service.Create(Rows.Account("Contoso"));

        env.Service.Update(new Entity("account", id) { ["statecode"] = new OptionSetValue(1) });

        Assert.Equal(2, env.Service.Get("account", id, "statuscode").GetAttributeValue<OptionSetValue>("statuscode").Value);
    }

    [Fact]
    public void Assign_ChangesTheOwner()
    {
        using var env = TestEnvironment.Create();
        var id = env.Service.Create(Rows.Account("Contoso"));

        env.Service.Execute(new AssignRequest { Target = new EntityReference("account", id), Assignee = new EntityReference("systemuser", FixedIds.FinanceApprover) });

        Assert.Equal(FixedIds.FinanceApprover, env.Service.Get("account", id, "ownerid").GetAttributeValue<EntityReference>("ownerid").Id);
    }

    [Fact]
    public void AddToQueue_CreatesAQueueItemForTheRow()
    {
        using var env = TestEnvironment.Create();
        var account = env.Service.Create(Rows.Account("Contoso"));
        var queue = env.Service.Create(new Entity("queue", FixedIds.FinanceQueue) { ["name"] = "Finance" });

        var response = (AddToQueueResponse)env.Service.Execute(new AddToQueueRequest { Target = new EntityReference("account", account), DestinationQueueId = queue });

        var item = env.Service.Get("queueitem", response.QueueItemId, "queueid", "objectid");
        Assert.Equal(new EntityReference("queue", queue), item.GetAttributeValue<EntityReference>("queueid"));
        Assert.Equal(new EntityReference("account", account), item.GetAttributeValue<EntityReference>("objectid"));
    }

    [Fact]
    public void AddToQueue_ForARowAlreadyQueued_MovesItsQueueItem()
    {
        using var env = TestEnvironment.Create();
        var account = env.Service.Create(Rows.Account("Contoso"));
        var credit = env.Service.Create(new Entity("queue", FixedIds.CreditQueue) { ["name"] = "Credit" });
        var finance = env.Service.Create(new Entity("queue", FixedIds.FinanceQueue) { ["name"] = "Finance" });
        var first = (AddToQueueResponse)env.Service.Execute(new AddToQueueRequest { Target = new EntityReference("account", account), DestinationQueueId = credit });

        var moved = (AddToQueueResponse)env.Service.Execute(new AddToQueueRequest { Target = new EntityReference("account", account), SourceQueueId = credit, DestinationQueueId = finance });

        Assert.Equal(first.QueueItemId, moved.QueueItemId);
        Assert.Equal(1, env.Dataverse.Count("queueitem"));
        Assert.Equal(finance, env.Service.Get("queueitem", moved.QueueItemId, "queueid").GetAttributeValue<EntityReference>("queueid").Id);
    }

    [Fact]
    public void WhoAmI_ReturnsTheCallingUserAndOrganization()
    {
        using var env = TestEnvironment.Create();

        var response = (WhoAmIResponse)env.As(FixedIds.CreditOfficer).Execute(new WhoAmIRequest());

        Assert.Equal(FixedIds.CreditOfficer, response.UserId);
        Assert.Equal(env.Dataverse.RootBusinessUnitId, response.BusinessUnitId);
        Assert.Equal(env.Dataverse.OrganizationId, response.OrganizationId);
    }

    [Fact]
    public void Execute_UnknownMessage_FailsLoudly()
    {
        using var env = TestEnvironment.Create();

        var fault = FaultAssert.Throws(DataverseErrorCodes.UnexpectedError, () => env.Service.Execute(new OrganizationRequest("Merge")));

        Assert.Equal("The local Dataverse does not implement message Merge", fault.Message);
    }

    [Fact]
    public void GetOrganizationService_ForUnknownUser_Fails()
    {
        using var env = TestEnvironment.Create();

        Assert.Throws<ArgumentException>(() => env.Dataverse.GetOrganizationService(Guid.NewGuid()));
    }
}
