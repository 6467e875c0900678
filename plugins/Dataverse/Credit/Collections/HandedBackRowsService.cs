using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Collections;

/// <summary>
/// The page's own later writes while its worklist rows wait to be handed back (session 21): when the page itself updates a
/// receivable whose worklist row is waiting (the dunning run raising its level), the row's figures go into that update and the
/// row is no longer handed back. Otherwise the page's own write would give the invoice a newer version than the row's basis and
/// <see cref="WorklistBasis"/> would drop figures nobody else changed. Adds no call; every other call passes through.
/// </summary>
public sealed class HandedBackRowsService(IOrganizationService inner, ICollection<Entity> handedBack) : IOrganizationService
{
    public void Update(Entity entity)
    {
        if (entity.LogicalName == Receivable.EntityLogicalName && handedBack.FirstOrDefault(row => row.Id == entity.Id) is { } waiting)
        {
            foreach (var figure in waiting.Attributes.Where(a => a.Key != Receivable.Fields.WorklistBasis && !entity.Contains(a.Key)))
            {
                entity[figure.Key] = figure.Value;
            }

            handedBack.Remove(waiting);
        }

        inner.Update(entity);
    }

    public Guid Create(Entity entity) => inner.Create(entity);

    public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) => inner.Retrieve(entityName, id, columnSet);

    public void Delete(string entityName, Guid id) => inner.Delete(entityName, id);

    public OrganizationResponse Execute(OrganizationRequest request) =>
        request is { RequestName: "Update" } && request.Parameters.TryGetValue("Target", out var target) && target is Entity { LogicalName: Receivable.EntityLogicalName } row && handedBack.Any(r => r.Id == row.Id)
            ? throw new InvalidPluginExecutionException("The page updates invoice " + row.Id + " through an UpdateRequest while its worklist row waits to be handed back; update it with Update so the figures go with it.")
            : inner.Execute(request);

    public EntityCollection RetrieveMultiple(QueryBase query) => inner.RetrieveMultiple(query);

    public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
        inner.Associate(entityName, entityId, relationship, relatedEntities);

    public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
        inner.Disassociate(entityName, entityId, relationship, relatedEntities);
}
