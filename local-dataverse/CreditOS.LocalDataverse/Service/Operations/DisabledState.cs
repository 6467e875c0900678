using CreditOS.LocalDataverse.Faults;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Service.Operations;

/// <summary>
/// SetState of a user or a business unit: in Dataverse these tables have no statecode; their state is <c>isdisabled</c>. Microsoft's
/// "Sample: Disable or enable a user" disables with <c>SetStateRequest { State = 1, Status = -1 }</c> and enables with State 0
/// ("Required by request but always valued at -1 in this context"). Before session 20 the SetState was carried out as an
/// Update of a statecode those tables do not have, and faulted as an unknown column.
/// </summary>
internal static class DisabledState
{
    private const string DisabledColumn = "isdisabled";
    private const int Enabled = 0;
    private const int Disabled = 1;
    private const int DefaultStatus = -1;

    // The metadata loader gives business-owned tables no statecode (session 21); these two carry their state in isdisabled.
    public static bool Applies(MetadataCatalog metadata, string table) =>
        table is Users.UserDirectory.SystemUserTable or Users.UserDirectory.BusinessUnitTable
        && metadata.FindTable(table)?.FindColumn(DisabledColumn)?.Type == ColumnType.Boolean;

    public static Entity Update(string table, Guid id, int state, int status)
    {
        if (state is not (Enabled or Disabled) || status != DefaultStatus)
        {
            throw DataverseFault.InvalidArgument(
                $"SetState of a {table} takes State 0 (enabled) or 1 (disabled) with Status -1; State {state} and Status {status} were given.");
        }

        return new Entity(table, id) { [DisabledColumn] = state == Disabled };
    }
}
