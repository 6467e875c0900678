using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// An organization service that reads through to the real one but holds every write back, then sends them all as one
/// <see cref="ExecuteTransactionRequest"/>: either every write is applied or none is. New rows get their ids here so
/// callers can refer to them before the commit. For workflow activities only: plugins must not use ExecuteTransaction.
/// Reads see the rows as they were before any held write.
/// </summary>
public sealed class TransactionalWrites(IOrganizationService service) : IOrganizationService
{
    private readonly OrganizationRequestCollection writes = new();

    public Guid Create(Entity entity)
    {
        if (entity.Id == Guid.Empty)
        {
            entity.Id = Guid.NewGuid();
        }

        writes.Add(new CreateRequest { Target = entity });
        return entity.Id;
    }

    public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) => service.Retrieve(entityName, id, columnSet);

    public EntityCollection RetrieveMultiple(QueryBase query) => service.RetrieveMultiple(query);

    public void Update(Entity entity) => writes.Add(new UpdateRequest { Target = entity });

    public void Delete(string entityName, Guid id) => writes.Add(new DeleteRequest { Target = new EntityReference(entityName, id) });

    public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
        writes.Add(new AssociateRequest { Target = new EntityReference(entityName, entityId), Relationship = relationship, RelatedEntities = relatedEntities });

    public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
        writes.Add(new DisassociateRequest { Target = new EntityReference(entityName, entityId), Relationship = relationship, RelatedEntities = relatedEntities });

    /// <summary>Reads go through; any other request is a write and waits for the commit (its response is empty).</summary>
    public OrganizationResponse Execute(OrganizationRequest request)
    {
        if (request is RetrieveRequest or RetrieveMultipleRequest)
        {
            return service.Execute(request);
        }

        writes.Add(request);
        return new OrganizationResponse();
    }

    /// <summary>Sends the held writes in one transaction (nothing when there are none); a failure leaves nothing written.</summary>
    public void Commit()
    {
        if (writes.Count == 0)
        {
            return;
        }

        service.Execute(new ExecuteTransactionRequest { Requests = writes, ReturnResponses = false });
        writes.Clear();
    }
}
