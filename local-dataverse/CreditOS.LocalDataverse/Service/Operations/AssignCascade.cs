using CreditOS.LocalDataverse.Values;
using CreditOS.Solution.Metadata;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Service.Operations;

/// <summary>
/// Assigning a row to another owner cascades to the referencing rows of each one-to-many relationship by its
/// <c>CascadeAssign</c>, as "Configure table relationship cascading behavior" documents
/// (learn.microsoft.com/power-apps/developer/data-platform/configure-entity-relationship-cascading-behavior): Cascade ("Cascade
/// All": "Perform the action on all referencing table records"), Active ("all active referencing table records"; "Cascading
/// actions on Active records will only include records that have a Status Code of Active", statecode 0), UserOwned ("all
/// referencing table records owned by the same user as the referenced table record", its owner before the assign). "Assign …
/// will not execute … If the original parent record and requested action contain the same values" (assigning to the owner it
/// already has). Each child is a nested Assign in the same transaction, checked as the caller, so its own cascades and steps run.
/// Only user-owned referencing tables have an owner to change. Before session 16 an Assign moved the row alone.
/// </summary>
internal static class AssignCascade
{
    public static void Apply(MessageContext context, TableDefinition table, Guid id, EntityReference? previousOwner, EntityReference newOwner)
    {
        if (previousOwner is not null && previousOwner.Id == newOwner.Id)
        {
            return;
        }

        var transaction = context.RequireTransaction();
        foreach (var relationship in context.Metadata.Relationships)
        {
            if (relationship is not { Type: RelationshipType.OneToMany, ReferencingAttribute: { } lookup }
                || relationship.CascadeAssign == CascadeAssign.NoCascade
                || relationship.ReferencedTable != table.LogicalName
                || context.Metadata.FindTable(relationship.ReferencingTable) is not { Ownership: OwnershipType.UserOwned }
                || !transaction.TrySeek(relationship.ReferencingTable, lookup, id, out var rows))
            {
                continue;
            }

            var children = rows
                .Where(row => row.Id != id && Applies(relationship.CascadeAssign, row, previousOwner))
                .Select(row => row.Id)
                .ToList();
            foreach (var childId in children)
            {
                context.ExecuteWithin(new AssignRequest
                {
                    Target = new EntityReference(relationship.ReferencingTable, childId),
                    Assignee = new EntityReference(newOwner.LogicalName, newOwner.Id),
                }, onOtherRows: true);
            }
        }
    }

    private static bool Applies(CascadeAssign cascade, Entity child, EntityReference? previousOwner) => cascade switch
    {
        CascadeAssign.Cascade => true,
        CascadeAssign.Active => child.GetAttributeValue<OptionSetValue>(SystemColumns.StateCode)?.Value == 0,
        CascadeAssign.UserOwned => previousOwner is not null
            && child.GetAttributeValue<EntityReference>(SystemColumns.OwnerId)?.Id == previousOwner.Id,
        _ => false,
    };
}
