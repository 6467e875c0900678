using System.Net;
using System.ServiceModel;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 26 (session 34): the queue item columns the platform keeps, per the QueueItem table reference
/// (power-apps/developer/data-platform/reference/entities/queueitem): QueueId and ObjectId "IsValidForUpdate False"; Title ("Shows the
/// title or name that describes the queue record. This value is copied from the record that was assigned to the queue.") and EnteredOn
/// ("Shows the date the record was assigned to the queue.") are read-only columns (neither IsValidForCreate nor IsValidForUpdate). The
/// local metadata let a caller move an item by an Update of its queue, point it at another row, and write its title and date; it left the
/// title and the date empty. A move is AddToQueue's (AddToQueueRequest: "move an entity record from a source queue to a destination queue").
/// </summary>
public sealed class QueueItemColumnProbes
{
    private static readonly DateTime Now = new(2026, 12, 7, 9, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void AnUpdateOfAQueueItemsQueueOrObject_IsRefusedAsNotValidForUpdate_AndTheItemStays()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var (request, queue, item) = AQueuedRequest(service, "Limit request LR-1");
        var elsewhere = service.Create(new Entity("queue") { ["name"] = "Nobody looks here" });
        var other = ARequest(service, "Limit request LR-2");

        var moved = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            service.Update(new Entity("queueitem", item) { ["queueid"] = new EntityReference("queue", elsewhere) }));
        var repointed = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            service.Update(new Entity("queueitem", item) { ["objectid"] = new EntityReference("cos_creditapprovalrequest", other) }));

        Assert.Equal(InvalidArgument, moved.Detail.ErrorCode);
        Assert.Equal("The attribute 'queueid' of entity 'queueitem' is not valid for update.", moved.Detail.Message);
        Assert.Equal(InvalidArgument, repointed.Detail.ErrorCode);
        Assert.Equal("The attribute 'objectid' of entity 'queueitem' is not valid for update.", repointed.Detail.Message);
        var stored = service.Retrieve("queueitem", item, new ColumnSet("queueid", "objectid"));
        Assert.Equal(queue, stored.GetAttributeValue<EntityReference>("queueid").Id);
        Assert.Equal(request, stored.GetAttributeValue<EntityReference>("objectid").Id);
    }

    [Fact]
    public void AQueueItemsTitle_IsCopiedFromTheRowItHolds_AndItsEnteredOnIsWhenItEnteredTheQueue()
    {
        using var dataverse = new LocalDataverse(new LocalDataverseOptions { Clock = new Query.Support.FixedClock(new DateTimeOffset(Now)) });
        var service = dataverse.GetOrganizationService();
        var (request, _, item) = AQueuedRequest(service, "Limit request LR-1");
        service.Update(new Entity("cos_creditapprovalrequest", request) { ["cos_name"] = "Limit request LR-1 (renamed)" });

        var stored = service.Retrieve("queueitem", item, new ColumnSet("title", "enteredon"));

        Assert.Equal("Limit request LR-1", stored.GetAttributeValue<string>("title"));
        Assert.Equal(Now, stored.GetAttributeValue<DateTime>("enteredon"));
    }

    [Fact]
    public void ATitleOrEnteredOnGivenByTheCaller_IsRefused_OnCreateAndUpdate()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var (request, queue, item) = AQueuedRequest(service, "Limit request LR-1");

        var titled = Assert.Throws<FaultException<OrganizationServiceFault>>(() => service.Create(new Entity("queueitem")
        {
            ["queueid"] = new EntityReference("queue", queue),
            ["objectid"] = new EntityReference("cos_creditapprovalrequest", request),
            ["title"] = "Look here",
        }));
        var retitled = Assert.Throws<FaultException<OrganizationServiceFault>>(() => service.Update(new Entity("queueitem", item) { ["title"] = "Look here" }));
        var backdated = Assert.Throws<FaultException<OrganizationServiceFault>>(() => service.Update(new Entity("queueitem", item) { ["enteredon"] = Now.AddDays(-30) }));
        var viaProperties = Assert.Throws<FaultException<OrganizationServiceFault>>(() => service.Execute(new AddToQueueRequest
        {
            Target = new EntityReference("cos_creditapprovalrequest", request),
            DestinationQueueId = queue,
            QueueItemProperties = new Entity("queueitem") { ["enteredon"] = Now.AddDays(-30) },
        }));

        Assert.Equal("The attribute 'title' of entity 'queueitem' is not valid for create.", titled.Detail.Message);
        Assert.Equal("The attribute 'title' of entity 'queueitem' is not valid for update.", retitled.Detail.Message);
        Assert.Equal("The attribute 'enteredon' of entity 'queueitem' is not valid for update.", backdated.Detail.Message);
        Assert.Equal("The attribute 'enteredon' of entity 'queueitem' is not valid for update.", viaProperties.Detail.Message);
        Assert.All(new[] { titled, retitled, backdated, viaProperties }, fault => Assert.Equal(InvalidArgument, fault.Detail.ErrorCode));
        Assert.Single(service.RetrieveMultiple(ItemsOf(request)).Entities);
    }

    [Fact]
    public void AddToQueue_StillMovesTheItem_AndItsEnteredOnIsTheMove()
    {
        var clock = new MovableClock(Now);
        using var dataverse = new LocalDataverse(new LocalDataverseOptions { Clock = clock });
        var service = dataverse.GetOrganizationService();
        var (request, queue, item) = AQueuedRequest(service, "Limit request LR-1");
        var escalation = service.Create(new Entity("queue") { ["name"] = "Escalation" });
        clock.Now = Now.AddHours(50);

        var moved = (AddToQueueResponse)service.Execute(new AddToQueueRequest
        {
            Target = new EntityReference("cos_creditapprovalrequest", request),
            SourceQueueId = queue,
            DestinationQueueId = escalation,
        });

        Assert.Equal(item, moved.QueueItemId);
        var stored = service.Retrieve("queueitem", item, new ColumnSet("queueid", "enteredon", "title"));
        Assert.Equal(escalation, stored.GetAttributeValue<EntityReference>("queueid").Id);
        Assert.Equal(Now.AddHours(50), stored.GetAttributeValue<DateTime>("enteredon"));
        Assert.Equal("Limit request LR-1", stored.GetAttributeValue<string>("title"));
    }

    /// <summary>
    /// The queue table reference lists queue_entries (queue → queueitem.queueid) with "CascadeConfiguration … Delete: Cascade": deleting a
    /// queue deletes its items. solution/standard-tables declared RemoveLink, so the items stayed behind with no queue (a
    /// system-required lookup left empty), still pointing at the request.
    /// </summary>
    [Fact]
    public void DeletingAQueue_DeletesItsQueueItems_AsQueueEntriesCascades()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var (request, queue, item) = AQueuedRequest(service, "Limit request LR-1");
        var (otherRequest, otherQueue, otherItem) = AQueuedRequest(service, "Limit request LR-2");

        service.Delete("queue", queue);

        Assert.Empty(service.RetrieveMultiple(ItemsOf(request)).Entities);
        var missing = Assert.Throws<FaultException<OrganizationServiceFault>>(() => service.Retrieve("queueitem", item, new ColumnSet("queueid")));
        Assert.Equal(unchecked((int)0x80040217), missing.Detail.ErrorCode);
        Assert.Equal(otherQueue, service.Retrieve("queueitem", otherItem, new ColumnSet("queueid")).GetAttributeValue<EntityReference>("queueid").Id);
        Assert.Single(service.RetrieveMultiple(ItemsOf(otherRequest)).Entities);
        Assert.Equal("Limit request LR-1", service.Retrieve("cos_creditapprovalrequest", request, new ColumnSet("cos_name")).GetAttributeValue<string>("cos_name"));
    }

    [Fact]
    public async Task OverTheWebApi_APatchOfAQueueItemsQueue_Answers400_AndTheItemStays()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var (_, queue, item) = AQueuedRequest(host.Service, "Limit request LR-1");
        var elsewhere = host.Service.Create(new Entity("queue") { ["name"] = "Nobody looks here" });

        var answer = await host.SendAsync(HttpMethod.Patch, $"queueitems({item})", new JsonObject { ["queueid@odata.bind"] = $"/queues({elsewhere})" });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x80040203", answer.ErrorCode);
        Assert.Contains("'queueid' of entity 'queueitem' is not valid for update", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(queue, host.Service.Retrieve("queueitem", item, new ColumnSet("queueid")).GetAttributeValue<EntityReference>("queueid").Id);
    }

    private const int InvalidArgument = unchecked((int)0x80040203);

    private static Guid ARequest(IOrganizationService service, string name) =>
        service.Create(new Entity("cos_creditapprovalrequest") { ["cos_name"] = name });

    private static (Guid Request, Guid Queue, Guid Item) AQueuedRequest(IOrganizationService service, string name)
    {
        var request = ARequest(service, name);
        var queue = service.Create(new Entity("queue") { ["name"] = "Credit approvals" });
        var response = (AddToQueueResponse)service.Execute(new AddToQueueRequest
        {
            Target = new EntityReference("cos_creditapprovalrequest", request),
            DestinationQueueId = queue,
        });
        return (request, queue, response.QueueItemId);
    }

    private static QueryExpression ItemsOf(Guid request)
    {
        var query = new QueryExpression("queueitem") { ColumnSet = new ColumnSet("queueid") };
        query.Criteria.AddCondition("objectid", ConditionOperator.Equal, request);
        return query;
    }

    private sealed class MovableClock(DateTime now) : TimeProvider
    {
        public DateTime Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => new(Now);
    }
}
