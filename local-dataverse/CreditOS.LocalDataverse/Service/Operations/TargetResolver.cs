using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Values;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Service.Operations;

/// <summary>Turns a reference by id or by alternate key into the table and id of an existing row.</summary>
internal static class TargetResolver
{
    public static (TableDefinition Table, Guid Id) Resolve(MessageContext context, string logicalName, Guid id, KeyAttributeCollection? keys)
    {
        var table = RecordValidator.RequireTable(context.Metadata, logicalName);
        if (id != Guid.Empty)
        {
            return (table, id);
        }

        if (keys is null || keys.Count == 0)
        {
            throw DataverseFault.InvalidArgument($"A reference to '{logicalName}' needs an Id or KeyAttributes.");
        }

        var resolved = AlternateKeys.Resolve(context, table, keys) ?? throw DataverseFault.RecordNotFoundByKey(table.LogicalName);
        return (table, resolved);
    }

    public static Entity RequireRow(MessageContext context, string table, Guid id) =>
        context.FindRow(table, id) ?? throw DataverseFault.RecordNotFound(table, id);
}
