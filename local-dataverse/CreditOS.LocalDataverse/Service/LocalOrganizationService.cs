using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Service;

/// <summary>
/// The organization service. Every method is a request through <see cref="RequestProcessor"/>; a client's
/// call is its own top-level operation and transaction, so one instance may be used from several threads.
/// Calls run as the service's user, with that user's security; <see cref="CallerId"/> makes them run on behalf of
/// another user, as the SDK clients' CallerId does.
/// </summary>
public sealed class LocalOrganizationService : IOrganizationService
{
    private readonly DataverseRuntime runtime;
    private readonly CallOrigin origin;

    internal LocalOrganizationService(DataverseRuntime runtime, CallOrigin origin)
    {
        this.runtime = runtime;
        this.origin = origin;
    }

    /// <summary>The user the service authenticates as.</summary>
    public Guid UserId => origin.UserId;

    /// <summary>
    /// Impersonation: when set (not Guid.Empty), every call runs as this user, with their roles and profiles. The
    /// authenticated user needs prvActOnBehalfOfAnotherUser (the SYSTEM user and System Administrators have it);
    /// otherwise each call faults with CannotActOnBehalfOfAnotherUser (0x8004A110).
    /// </summary>
    public Guid CallerId { get; set; }

    public Guid Create(Entity entity) =>
        ((CreateResponse)Execute(new CreateRequest { Target = entity })).id;

    public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) =>
        ((RetrieveResponse)Execute(new RetrieveRequest { Target = new EntityReference(entityName, id), ColumnSet = columnSet })).Entity;

    public void Update(Entity entity) => Execute(new UpdateRequest { Target = entity });

    public void Delete(string entityName, Guid id) => Execute(new DeleteRequest { Target = new EntityReference(entityName, id) });

    public OrganizationResponse Execute(OrganizationRequest request) => runtime.Processor.Execute(request, EffectiveOrigin());

    private CallOrigin EffectiveOrigin()
    {
        var callerId = CallerId;
        if (callerId == Guid.Empty || callerId == origin.UserId)
        {
            return origin;
        }

        if (!runtime.Users.Exists(callerId))
        {
            throw Faults.DataverseFault.RecordNotFound(Users.UserDirectory.SystemUserTable, callerId);
        }

        // The authenticated user must be enabled too; the impersonated one is checked with every request.
        Users.DisabledUserGuard.Check(runtime, origin.UserId, origin.Transaction);
        var mayImpersonate = origin.UserId == Users.UserDirectory.SystemUserId
            || new Security.PrincipalReader(runtime, origin.Transaction).Read(origin.UserId).IsSystemAdministrator;
        return mayImpersonate
            ? origin with { UserId = callerId, InitiatingUserId = callerId, DelegateUserId = origin.UserId }
            : throw Security.SecurityFaults.CannotImpersonate(origin.UserId, callerId);
    }

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
