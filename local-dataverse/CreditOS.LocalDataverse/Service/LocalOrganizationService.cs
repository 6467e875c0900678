using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Service;

/// <summary>
/// The organization service. Every method is a request through <see cref="RequestProcessor"/>; a client's
/// call is its own top-level operation and transaction, so one instance may be used from several threads.
/// </summary>
internal sealed class LocalOrganizationService(DataverseRuntime runtime, CallOrigin origin) : IOrganizationService
{
    public Guid Create(Entity entity) =>
        ((CreateResponse)Execute(new CreateRequest { Target = entity })).id;

    public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) =>
        ((RetrieveResponse)Execute(new RetrieveRequest { Target = new EntityReference(entityName, id), ColumnSet = columnSet })).Entity;

    public void Update(Entity entity) => Execute(new UpdateRequest { Target = entity });

    public void Delete(string entityName, Guid id) => Execute(new DeleteRequest { Target = new EntityReference(entityName, id) });

    public OrganizationResponse Execute(OrganizationRequest request) => runtime.Processor.Execute(request, origin);

    public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
        Execute(new AssociateRequest
        {
            Target = new EntityReference(entityName, entityId),
            Relationship = relationship,
            RelatedEntities = relatedEntities,
        });

    public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
        Execute(new DisassociateRequest
        {
            Target = new EntityReference(entityName, entityId),
            Relationship = relationship,
            RelatedEntities = relatedEntities,
        });

    public EntityCollection RetrieveMultiple(QueryBase query) =>
        ((RetrieveMultipleResponse)Execute(new RetrieveMultipleRequest { Query = query })).EntityCollection;
}
