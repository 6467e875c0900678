using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.XrmSdk.StandIn.Tests.Requests;

public class MessageTests
{
    private static readonly Guid AccountId = new("6f1f2a54-0b7e-4d59-9a4c-1f0d3c1e2a03");

    [Fact]
    public void TypedRequests_CarryTheirMessageName()
    {
        Assert.Equal("Create", new CreateRequest().RequestName);
        Assert.Equal("Update", new UpdateRequest().RequestName);
        Assert.Equal("Upsert", new UpsertRequest().RequestName);
        Assert.Equal("Delete", new DeleteRequest().RequestName);
        Assert.Equal("Retrieve", new RetrieveRequest().RequestName);
        Assert.Equal("RetrieveMultiple", new RetrieveMultipleRequest().RequestName);
        Assert.Equal("ExecuteMultiple", new ExecuteMultipleRequest().RequestName);
        Assert.Equal("ExecuteTransaction", new ExecuteTransactionRequest().RequestName);
        Assert.Equal("Associate", new AssociateRequest().RequestName);
        Assert.Equal("Disassociate", new DisassociateRequest().RequestName);
        Assert.Equal("SetState", new SetStateRequest().RequestName);
        Assert.Equal("Assign", new AssignRequest().RequestName);
        Assert.Equal("AddToQueue", new AddToQueueRequest().RequestName);
        Assert.Equal("WhoAmI", new WhoAmIRequest().RequestName);
    }

    [Fact]
    public void TypedRequests_StartWithTheirRequiredParametersEmpty()
    {
        var retrieve = new RetrieveRequest();
        var addToQueue = new AddToQueueRequest();

        Assert.Equal(["Target", "ColumnSet"], retrieve.Parameters.Keys);
        Assert.Null(retrieve.Parameters["Target"]);
        Assert.Equal(Guid.Empty, addToQueue.Parameters["DestinationQueueId"]);
        Assert.Empty(new WhoAmIRequest().Parameters);
    }

    [Fact]
    public void TypedRequestProperties_RoundTripThroughParameters()
    {
        var target = new Entity("account", AccountId);
        var update = new UpdateRequest { Target = target, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches };

        Assert.Same(target, update.Parameters["Target"]);
        Assert.Equal(ConcurrencyBehavior.IfRowVersionMatches, update["ConcurrencyBehavior"]);

        var generic = new OrganizationRequest("Update") { ["Target"] = target };
        Assert.Same(target, generic.Parameters["Target"]);
    }

    [Fact]
    public void AbsentOptionalParameters_ReadAsDefault()
    {
        Assert.Equal(ConcurrencyBehavior.Default, new UpdateRequest().ConcurrencyBehavior);
        Assert.False(new RetrieveRequest().ReturnNotifications);
        Assert.Null(new ExecuteTransactionRequest().ReturnResponses);
    }

    [Fact]
    public void TypedResponses_ReadTheirResults_AndDefaultWhenAbsent()
    {
        var created = new CreateResponse();
        Assert.Equal(Guid.Empty, created.id);

        created.Results["id"] = AccountId;
        Assert.Equal(AccountId, created.id);

        var upsert = new UpsertResponse();
        upsert.Results["RecordCreated"] = true;
        upsert.Results["Target"] = new EntityReference("account", AccountId);
        Assert.True(upsert.RecordCreated);
        Assert.Equal(new EntityReference("account", AccountId), upsert.Target);

        var retrieveMultiple = new RetrieveMultipleResponse();
        retrieveMultiple.Results["EntityCollection"] = new EntityCollection();
        Assert.Empty(retrieveMultiple.EntityCollection.Entities);

        var whoAmI = new WhoAmIResponse();
        whoAmI.Results["UserId"] = AccountId;
        Assert.Equal(AccountId, whoAmI.UserId);
        Assert.Equal(Guid.Empty, whoAmI.BusinessUnitId);
    }

    [Fact]
    public void TypedResponses_HaveNoResponseNameOfTheirOwn()
    {
        Assert.Null(new CreateResponse().ResponseName);
        Assert.Null(new RetrieveResponse().ResponseName);
    }

    [Fact]
    public void TypedResponse_WithResultOfWrongType_ThrowsInvalidCast()
    {
        var response = new RetrieveResponse();
        response.Results["Entity"] = "not an entity";

        Assert.Throws<InvalidCastException>(() => response.Entity);
    }

    [Fact]
    public void ExecuteMultiple_SettingsAndRequests_RoundTrip()
    {
        var settings = new ExecuteMultipleSettings();
        Assert.False(settings.ContinueOnError);
        Assert.False(settings.ReturnResponses);

        var request = new ExecuteMultipleRequest
        {
            Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
            Requests = [new CreateRequest { Target = new Entity("account") }],
        };

        Assert.True(request.Settings.ContinueOnError);
        Assert.IsType<CreateRequest>(Assert.Single(request.Requests));
    }

    [Fact]
    public void ExecuteMultipleResponse_ReadsItemsAndFault()
    {
        var response = new ExecuteMultipleResponse();
        response.Results["IsFaulted"] = true;
        response.Results["Responses"] = new ExecuteMultipleResponseItemCollection
        {
            new() { RequestIndex = 1, Fault = new OrganizationServiceFault { Message = "bad" } },
        };

        Assert.True(response.IsFaulted);
        var item = Assert.Single(response.Responses);
        Assert.Equal(1, item.RequestIndex);
        Assert.Null(item.Response);
        Assert.Equal("bad", item.Fault.Message);
    }

    [Fact]
    public void SetStateAssignAndAddToQueue_PropertiesRoundTrip()
    {
        var record = new EntityReference("salesorder", AccountId);
        var setState = new SetStateRequest { EntityMoniker = record, State = new OptionSetValue(1), Status = new OptionSetValue(2) };
        var assign = new AssignRequest { Target = record, Assignee = new EntityReference("team", AccountId) };
        var queued = new AddToQueueRequest { Target = record, DestinationQueueId = AccountId };

        Assert.Equal(new OptionSetValue(2), setState.Parameters["Status"]);
        Assert.Equal("team", assign.Assignee.LogicalName);
        Assert.Equal(AccountId, queued.DestinationQueueId);
        Assert.Equal(Guid.Empty, queued.SourceQueueId);
    }

    [Fact]
    public void RetrieveMultipleRequest_HoldsAnyQueryKind()
    {
        var request = new RetrieveMultipleRequest { Query = new FetchExpression("<fetch><entity name='account' /></fetch>") };

        Assert.IsType<FetchExpression>(request.Query);
    }
}
