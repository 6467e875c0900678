using CreditOS.LocalDataverse.Faults;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Service.Operations;

/// <summary>
/// Dataverse refuses a parent that would close a loop in a hierarchical relationship: a row made its own parent, or the
/// parent of one of its ancestors. For accounts it answers AccountLoopBeingCreated (0x80040507, "Creating this parental
/// association would create a loop in Accounts hierarchy."); that is the one hierarchical relationship creditOS's
/// metadata declares, and any other table's loop fails loudly as not imitated.
/// </summary>
internal static class HierarchyLoopGuard
{
    /// <summary>Checks the row about to be written (<paramref name="id"/>, with the parent <paramref name="values"/> sets).</summary>
    public static void Check(MessageContext context, TableDefinition table, Guid id, IReadOnlyDictionary<string, object?> values)
    {
        if (context.Metadata.FindHierarchy(table.LogicalName) is not { } hierarchy
            || !values.TryGetValue(hierarchy.ReferencingAttribute!, out var value)
            || value is not EntityReference { Id: var parent })
        {
            return;
        }

        // Walk up from the new parent; reaching the row itself means the row would sit above itself.
        var seen = new HashSet<Guid>();
        for (Guid? current = parent; current is { } step; current = context.FindRow(table.LogicalName, step)?.GetAttributeValue<EntityReference>(hierarchy.ReferencingAttribute!)?.Id)
        {
            if (step == id)
            {
                throw Loop(table);
            }

            if (!seen.Add(step))
            {
                // A loop above the new parent that does not pass through this row: stored data Dataverse itself never lets in.
                throw table.LogicalName == "account"
                    ? DataverseFault.Create(DataverseErrorCodes.AccountLoopExists, "Loop exists in the accounts hierarchy.")
                    : DataverseFault.NotImplemented($"a loop in the '{table.LogicalName}' hierarchy");
            }
        }
    }

    private static System.ServiceModel.FaultException<OrganizationServiceFault> Loop(TableDefinition table) =>
        table.LogicalName == "account"
            ? DataverseFault.Create(DataverseErrorCodes.AccountLoopBeingCreated, "Creating this parental association would create a loop in Accounts hierarchy.")
            : DataverseFault.NotImplemented($"refusing a loop in the '{table.LogicalName}' hierarchy (Dataverse's error for it is documented for accounts only)");
}
