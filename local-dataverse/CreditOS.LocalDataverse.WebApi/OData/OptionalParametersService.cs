using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// The organization service of one Web API request that carries optional parameters ("Use optional parameters"): every request
/// it sends gets them. The <c>tag</c> query parameter ("Two exceptions are the following that are appended to the URL. The tag
/// parameter…"), which plug-ins read as SharedVariables["tag"], and the <c>MSCRM.</c> headers that skip custom logic
/// (<see cref="BypassHeaders"/>), whose privilege check and effect are the organization service's.
/// </summary>
internal sealed class OptionalParametersService(IOrganizationService inner, IReadOnlyDictionary<string, object> parameters) : IOrganizationService
{
    public const string TagParameter = "tag";

    /// <summary>The parameters every request carries.</summary>
    public IReadOnlyDictionary<string, object> Parameters => parameters;

    /// <summary>The same parameters on another service (a deep insert's transactional one).</summary>
    public OptionalParametersService Over(IOrganizationService service) => new(service, parameters);

    public OrganizationResponse Execute(OrganizationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var parameter in parameters)
        {
            request.Parameters[parameter.Key] = parameter.Value;
        }

        return inner.Execute(request);
    }

    public Guid Create(Entity entity) => ((CreateResponse)Execute(new CreateRequest { Target = entity })).id;

    public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) =>
        ((RetrieveResponse)Execute(new RetrieveRequest { Target = new EntityReference(entityName, id), ColumnSet = columnSet })).Entity;

    public void Update(Entity entity) => Execute(new UpdateRequest { Target = entity });

    public void Delete(string entityName, Guid id) => Execute(new DeleteRequest { Target = new EntityReference(entityName, id) });

    public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
        Execute(new AssociateRequest { Target = new EntityReference(entityName, entityId), Relationship = relationship, RelatedEntities = relatedEntities });

    public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
        Execute(new DisassociateRequest { Target = new EntityReference(entityName, entityId), Relationship = relationship, RelatedEntities = relatedEntities });

    public EntityCollection RetrieveMultiple(QueryBase query) =>
        ((RetrieveMultipleResponse)Execute(new RetrieveMultipleRequest { Query = query })).EntityCollection;
}
