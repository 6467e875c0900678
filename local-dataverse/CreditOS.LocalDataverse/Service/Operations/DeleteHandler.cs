using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Security;
using CreditOS.LocalDataverse.Values;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CreditOS.LocalDataverse.Service.Operations;

/// <summary>
/// Delete: removes the row and applies each one-to-many relationship's <c>CascadeDelete</c> from the solution, as
/// Microsoft documents the cascade types (learn.microsoft.com/power-apps/developer/data-platform/configure-entity-relationship-cascading-behavior):
/// Restrict refuses the delete while a referencing row exists (CannotDeleteDueToAssociation 0x80040227), Cascade deletes
/// the referencing rows (each a nested Delete in the same transaction, so their own cascades and Delete steps run),
/// RemoveLink clears their lookup. Its many-to-many links go.
/// </summary>
internal sealed class DeleteHandler : IMessageHandler
{
    public string MessageName => MessageNames.Delete;

    public void Describe(MessageContext context)
    {
        var target = context.RequireInput<EntityReference>(ParameterNames.Target);
        var (table, id) = TargetResolver.Resolve(context, target.LogicalName, target.Id, target.KeyAttributes);
        ActivityParties.RefuseDirect(MessageName, table.LogicalName);
        context.PrimaryEntityName = table.LogicalName;
        context.PrimaryEntityId = id;
    }

    /// <summary>Before stage 20: Delete on the row, the privilege and its depth (IMessageHandler.Authorize).</summary>
    public void Authorize(MessageContext context)
    {
        if (context.FindRow(context.PrimaryEntityName, context.PrimaryEntityId) is { } row)
        {
            SecurityGuard.Check(context, AccessRight.Delete, context.Metadata.FindTable(context.PrimaryEntityName)!, row);
        }
    }

    public void Execute(MessageContext context)
    {
        var transaction = context.RequireTransaction();
        var table = context.PrimaryEntityName;
        var id = context.PrimaryEntityId;
        transaction.LockRow(table, id);
        var row = TargetResolver.RequireRow(context, table, id);
        RowVersionGuard.Check(context, context.RequireInput<EntityReference>(ParameterNames.Target).RowVersion, row);
        SecurityGuard.Check(context, AccessRight.Delete, context.Metadata.FindTable(table)!, row);
        SecurityRowRules.CheckDelete(context, table, row);
        RefuseRestricted(context, table, id);
        ActivityParties.DeleteOf(context.RequireTransaction(), id);

        foreach (var relationship in context.Metadata.Relationships.Where(r => r.ReferencedTable == table))
        {
            if (relationship is { Type: RelationshipType.OneToMany, CascadeDelete: CascadeDelete.Cascade, ReferencingAttribute: { } owned }
                && relationship.ReferencingTable != ActivityParties.Table)
            {
                DeleteReferencing(context, relationship.ReferencingTable, owned, id);
            }
            else if (relationship.Type == RelationshipType.OneToMany && relationship.ReferencingAttribute is { } lookup)
            {
                RemoveLinks(context, relationship.ReferencingTable, lookup, id);
            }
            else if (relationship is { Type: RelationshipType.ManyToMany, IntersectTable: { } intersect, IntersectReferencedAttribute: { } column })
            {
                RemoveIntersectRows(context, intersect, column, id);
            }
        }

        foreach (var relationship in context.Metadata.Relationships.Where(r =>
            r is { Type: RelationshipType.ManyToMany, IntersectTable: not null, IntersectReferencingAttribute: not null } && r.ReferencingTable == table))
        {
            RemoveIntersectRows(context, relationship.IntersectTable!, relationship.IntersectReferencingAttribute!, id);
        }

        transaction.Remove(table, id);
    }

    public OrganizationResponse Respond(MessageContext context) => new DeleteResponse();

    /// <summary>
    /// A Restrict relationship with any referencing row (whoever may read it) stops the delete before anything changes,
    /// with Dataverse's CannotDeleteDueToAssociation fault. The message is Dataverse's; it names neither the table nor the count.
    /// </summary>
    private static void RefuseRestricted(MessageContext context, string table, Guid id)
    {
        var transaction = context.RequireTransaction();
        foreach (var relationship in context.Metadata.Relationships.Where(r =>
            r is { Type: RelationshipType.OneToMany, CascadeDelete: CascadeDelete.Restrict, ReferencingAttribute: not null } && r.ReferencedTable == table))
        {
            if (transaction.TrySeek(relationship.ReferencingTable, relationship.ReferencingAttribute!, id, out var rows) && rows.Any())
            {
                throw DataverseFault.Create(
                    DataverseErrorCodes.CannotDeleteDueToAssociation,
                    "The object you tried to delete is associated with another object and cannot be deleted.");
            }
        }
    }

    private static void DeleteReferencing(MessageContext context, string referencingTable, string lookup, Guid id)
    {
        var transaction = context.RequireTransaction();
        if (!transaction.TrySeek(referencingTable, lookup, id, out var rows))
        {
            return;
        }

        foreach (var childId in rows.Select(row => row.Id).ToList())
        {
            context.ExecuteWithin(new DeleteRequest { Target = new EntityReference(referencingTable, childId) }, onOtherRows: true);
        }
    }

    private static void RemoveLinks(MessageContext context, string referencingTable, string lookup, Guid id)
    {
        var transaction = context.RequireTransaction();
        if (!transaction.TrySeek(referencingTable, lookup, id, out var rows))
        {
            return;
        }

        foreach (var row in rows.ToList())
        {
            transaction.LockRow(referencingTable, row.Id);
            var unlinked = ValueCopier.Copy(transaction.Find(referencingTable, row.Id)!);
            unlinked.Attributes.Remove(lookup);
            transaction.Put(referencingTable, unlinked);
        }
    }

    private static void RemoveIntersectRows(MessageContext context, string intersect, string column, Guid id)
    {
        var transaction = context.RequireTransaction();
        if (!transaction.TrySeek(intersect, column, id, out var rows))
        {
            return;
        }

        foreach (var row in rows.ToList())
        {
            transaction.LockRow(intersect, row.Id);
            transaction.Remove(intersect, row.Id);
        }
    }
}
