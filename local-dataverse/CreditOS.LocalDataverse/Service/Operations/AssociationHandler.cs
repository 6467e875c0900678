using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Security;
using CreditOS.LocalDataverse.Values;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CreditOS.LocalDataverse.Service.Operations;

/// <summary>
/// Associate and Disassociate. One-to-many: sets or clears the lookup on the referencing rows (an Update
/// through the pipeline, as Dataverse does). Many-to-many: adds or removes rows of the intersect table.
/// </summary>
internal sealed class AssociationHandler(bool associate) : IMessageHandler
{
    public string MessageName => associate ? MessageNames.Associate : MessageNames.Disassociate;

    public void Describe(MessageContext context)
    {
        var target = context.RequireInput<EntityReference>(ParameterNames.Target);
        var (table, id) = TargetResolver.Resolve(context, target.LogicalName, target.Id, target.KeyAttributes);
        context.PrimaryEntityName = table.LogicalName;
        context.PrimaryEntityId = id;
    }

    /// <summary>
    /// Before stage 20 (IMessageHandler.Authorize: PreValidation runs "before any security checks", PreOperation after them,
    /// learn.microsoft.com/power-apps/developer/data-platform/event-framework): many-to-many, Append on the row and AppendTo on each related row; one-to-many, Write on
    /// each row whose lookup changes (the Update the core operation makes asks it, and Append/AppendTo on the lookup). A missing row is left to the core
    /// operation's not-found fault.
    /// </summary>
    public void Authorize(MessageContext context)
    {
        var relationshipName = context.RequireInput<Relationship>(ParameterNames.Relationship).SchemaName;
        if (context.Metadata.FindRelationship(relationshipName) is not { } relationship
            || context.FindRow(context.PrimaryEntityName, context.PrimaryEntityId) is not { } targetRow)
        {
            return;
        }

        var relatedRows = new List<Entity>();
        foreach (var other in context.RequireInput<EntityReferenceCollection>(ParameterNames.RelatedEntities))
        {
            if (context.FindRow(other.LogicalName, other.Id) is not { } row)
            {
                return;
            }

            relatedRows.Add(row);
        }

        if (relationship.Type == RelationshipType.ManyToMany)
        {
            SecurityGuard.CheckManyToMany(context, targetRow, relatedRows);
            return;
        }

        List<Entity> children = context.PrimaryEntityName == relationship.ReferencedTable ? relatedRows : [targetRow];
        foreach (var child in children.Where(row => row.LogicalName == relationship.ReferencingTable))
        {
            SecurityGuard.Check(context, AccessRight.Write, context.Metadata.FindTable(child.LogicalName)!, child);
        }
    }

    public void Execute(MessageContext context)
    {
        var relationshipName = context.RequireInput<Relationship>(ParameterNames.Relationship).SchemaName;
        var relationship = context.Metadata.FindRelationship(relationshipName)
            ?? throw DataverseFault.InvalidArgument($"The relationship '{relationshipName}' is not in the metadata.");
        var related = context.RequireInput<EntityReferenceCollection>(ParameterNames.RelatedEntities).ToList();
        var target = new EntityReference(context.PrimaryEntityName, context.PrimaryEntityId);
        var targetRow = TargetResolver.RequireRow(context, target.LogicalName, target.Id);
        var relatedRows = related.Select(other => TargetResolver.RequireRow(context, other.LogicalName, other.Id)).ToList();
        if (relationship.Type == RelationshipType.ManyToMany)
        {
            SecurityGuard.CheckManyToMany(context, targetRow, relatedRows);
        }

        if (relationship.Type == RelationshipType.OneToMany)
        {
            LinkOneToMany(context, relationship, target, related);
        }
        else
        {
            LinkManyToMany(context, relationship, target, related);
        }
    }

    public OrganizationResponse Respond(MessageContext context) =>
        associate ? new AssociateResponse() : new DisassociateResponse();

    private void LinkOneToMany(MessageContext context, RelationshipDefinition relationship, EntityReference target, List<EntityReference> related)
    {
        var lookup = relationship.ReferencingAttribute!;
        var pairs = target.LogicalName == relationship.ReferencedTable
            ? related.Select(child => (Child: child, Parent: target))
            : related.Select(parent => (Child: target, Parent: parent));
        foreach (var (child, parent) in pairs)
        {
            if (child.LogicalName != relationship.ReferencingTable || parent.LogicalName != relationship.ReferencedTable)
            {
                throw DataverseFault.InvalidArgument($"The relationship '{relationship.SchemaName}' links {relationship.ReferencedTable} to {relationship.ReferencingTable}, not {target.LogicalName}.");
            }

            if (!associate && context.RequireTransaction().Find(child.LogicalName, child.Id)?.GetAttributeValue<EntityReference>(lookup) is { } current
                && current.Id != parent.Id)
            {
                // Disassociating a row from a parent it is not linked to: Microsoft does not document what Dataverse does (clear
                // the lookup anyway, or nothing). The local Dataverse cleared the link to the other row; it refuses loudly instead.
                throw DataverseFault.NotImplemented(
                    $"Disassociate through '{relationship.SchemaName}' of {child.LogicalName} {child.Id:D} from {parent.LogicalName} {parent.Id:D}: its {lookup} points to {current.LogicalName} {current.Id:D}, and what Dataverse does then is not documented; disassociate it from that row, or set the lookup with Update");
            }

            var update = new Entity(child.LogicalName, child.Id) { [lookup] = associate ? new EntityReference(parent.LogicalName, parent.Id) : null };
            context.ExecuteWithin(new UpdateRequest { Target = update });
        }
    }

    private void LinkManyToMany(MessageContext context, RelationshipDefinition relationship, EntityReference target, List<EntityReference> related)
    {
        var transaction = context.RequireTransaction();
        var intersect = relationship.IntersectTable!;
        var targetIsReferenced = target.LogicalName == relationship.ReferencedTable;
        var targetColumn = targetIsReferenced ? relationship.IntersectReferencedAttribute! : relationship.IntersectReferencingAttribute!;
        var otherColumn = targetIsReferenced ? relationship.IntersectReferencingAttribute! : relationship.IntersectReferencedAttribute!;
        // An intersect column without an index cannot be sought: scan it instead. Ignoring that answer made
        // Disassociate remove nothing and a second Associate go unrefused (a user who left a team kept its roles).
        var existing = (transaction.TrySeek(intersect, targetColumn, target.Id, out var soughtRows)
            ? soughtRows
            : transaction.Scan(intersect).Where(row => row.GetAttributeValue<Guid>(targetColumn) == target.Id)).ToList();
        foreach (var other in related)
        {
            var link = existing.FirstOrDefault(row => row.GetAttributeValue<Guid>(otherColumn) == other.Id);
            if (associate)
            {
                if (link is not null)
                {
                    throw DataverseFault.Create(DataverseErrorCodes.DuplicateRecord, "Cannot insert duplicate key.");
                }

                var id = Guid.NewGuid();
                var primaryId = context.Metadata.FindTable(intersect)?.PrimaryIdAttribute ?? intersect + "id";
                var row = new Entity(intersect, id) { [primaryId] = id, [targetColumn] = target.Id, [otherColumn] = other.Id };
                transaction.LockRow(intersect, id);
                transaction.Put(intersect, row);
            }
            else if (link is not null)
            {
                transaction.LockRow(intersect, link.Id);
                transaction.Remove(intersect, link.Id);
            }
        }
    }
}
