using CreditOS.LocalDataverse.Security;
using CreditOS.LocalDataverse.Values;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CreditOS.LocalDataverse.Service.Operations;

/// <summary>
/// Delete: removes the row; rows that point at it through a one-to-many relationship lose the link
/// (Dataverse's default "Remove Link" cascade) and its many-to-many links go.
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

    public void Execute(MessageContext context)
    {
        var transaction = context.RequireTransaction();
        var table = context.PrimaryEntityName;
        var id = context.PrimaryEntityId;
        transaction.LockRow(table, id);
        var row = TargetResolver.RequireRow(context, table, id);
        SecurityGuard.Check(context, AccessRight.Delete, context.Metadata.FindTable(table)!, row);
        ActivityParties.DeleteOf(context.RequireTransaction(), id);

        foreach (var relationship in context.Metadata.Relationships.Where(r => r.ReferencedTable == table))
        {
            if (relationship.Type == RelationshipType.OneToMany && relationship.ReferencingAttribute is { } lookup)
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
