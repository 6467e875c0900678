using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Framework;

/// <summary>
/// Counts the calls a piece of plug-in code makes through a service, as reads (Retrieve, RetrieveMultiple) and the rest
/// (writes and other messages), so a plug-in can trace where its budget went (the nightly page: scoring against
/// collections, reads against writes). Adds nothing to the calls themselves.
/// </summary>
public sealed class CountingService(IOrganizationService inner) : IOrganizationService
{
    public int Reads { get; private set; }

    public int Others { get; private set; }

    public int Total => Reads + Others;

    public Guid Create(Entity entity)
    {
        Others++;
        return inner.Create(entity);
    }

    public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet)
    {
        Reads++;
        return inner.Retrieve(entityName, id, columnSet);
    }

    public void Update(Entity entity)
    {
        Others++;
        inner.Update(entity);
    }

    public void Delete(string entityName, Guid id)
    {
        Others++;
        inner.Delete(entityName, id);
    }

    public OrganizationResponse Execute(OrganizationRequest request)
    {
        if (request?.RequestName is "RetrieveMultiple" or "Retrieve")
        {
            Reads++;
        }
        else
        {
            Others++;
        }

        return inner.Execute(request!);
    }

    public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities)
    {
        Others++;
        inner.Associate(entityName, entityId, relationship, relatedEntities);
    }

    public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities)
    {
        Others++;
        inner.Disassociate(entityName, entityId, relationship, relatedEntities);
    }

    public EntityCollection RetrieveMultiple(QueryBase query)
    {
        Reads++;
        return inner.RetrieveMultiple(query);
    }
}
