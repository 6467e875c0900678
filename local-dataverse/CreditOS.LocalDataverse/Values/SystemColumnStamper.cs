using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Values;

/// <summary>Writes the columns Dataverse maintains itself, for those the table models.</summary>
internal static class SystemColumnStamper
{
    private const string SystemUserTable = "systemuser";
    private const string BusinessUnitTable = "businessunit";
    private const string TeamTable = "team";
    private const int ActiveState = 0;
    private const string OverriddenCreatedOn = "overriddencreatedon";

    public static void OnCreate(TableDefinition table, Entity row, Guid userId, Guid businessUnitId, DateTime now, long version, Guid delegateUserId = default)
    {
        var user = new EntityReference(SystemUserTable, userId);
        // A caller's createdon is ignored; overriddencreatedon (data migration) becomes createdon and itself records when
        // the row was really created, as Microsoft documents the column ("Date and time that the record was migrated").
        Set(table, row, SystemColumns.CreatedOn, row.GetAttributeValue<DateTime?>(OverriddenCreatedOn) ?? now);
        if (row.Contains(OverriddenCreatedOn) && row[OverriddenCreatedOn] is not null)
        {
            row[OverriddenCreatedOn] = now;
        }

        Set(table, row, SystemColumns.ModifiedOn, now);
        Set(table, row, SystemColumns.CreatedBy, user);
        Set(table, row, SystemColumns.ModifiedBy, new EntityReference(SystemUserTable, userId));
        StampDelegate(table, row, SystemColumns.CreatedOnBehalfBy, delegateUserId);
        StampDelegate(table, row, SystemColumns.ModifiedOnBehalfBy, delegateUserId);
        Set(table, row, SystemColumns.VersionNumber, version);
        if (table.FindColumn(SystemColumns.OwnerId) is not null && !HasValue(row, SystemColumns.OwnerId))
        {
            row[SystemColumns.OwnerId] = new EntityReference(SystemUserTable, userId);
        }

        if (businessUnitId != Guid.Empty)
        {
            Set(table, row, SystemColumns.OwningBusinessUnit, new EntityReference(BusinessUnitTable, businessUnitId));
        }

        StampOwningPrincipal(table, row);

        if (table.FindColumn(SystemColumns.StateCode) is not null && !HasValue(row, SystemColumns.StateCode))
        {
            row[SystemColumns.StateCode] = new OptionSetValue(ActiveState);
        }

        DefaultStatus(table, row);
        row.RowVersion = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static void OnUpdate(TableDefinition table, Entity row, bool stateChanged, bool statusGiven, Guid userId, DateTime now, long version, Guid delegateUserId = default)
    {
        Set(table, row, SystemColumns.ModifiedOn, now);
        Set(table, row, SystemColumns.ModifiedBy, new EntityReference(SystemUserTable, userId));
        StampDelegate(table, row, SystemColumns.ModifiedOnBehalfBy, delegateUserId);
        Set(table, row, SystemColumns.VersionNumber, version);
        if (stateChanged && !statusGiven)
        {
            row.Attributes.Remove(SystemColumns.StatusCode);
        }

        DefaultStatus(table, row);
        row.RowVersion = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// owninguser / owningteam follow ownerid: the user or the team that owns the row, the other one empty (Dataverse fills them;
    /// Microsoft's filter example <c>accounts?$filter=_owninguser_value eq '&lt;systemuserid value&gt;'</c> reads the first,
    /// Filter rows using OData). Before Web API round 13 (session 21) they were never written, so reads answered null.
    /// </summary>
    public static void StampOwningPrincipal(TableDefinition table, Entity row)
    {
        if (row.GetAttributeValue<EntityReference>(SystemColumns.OwnerId) is not { } owner)
        {
            return;
        }

        foreach (var (column, ownerTable) in new[] { (SystemColumns.OwningUser, SystemUserTable), (SystemColumns.OwningTeam, TeamTable) })
        {
            if (table.FindColumn(column) is null)
            {
                continue;
            }

            if (owner.LogicalName == ownerTable)
            {
                row[column] = new EntityReference(ownerTable, owner.Id);
            }
            else
            {
                row.Attributes.Remove(column);
            }
        }
    }

    /// <summary>
    /// createdonbehalfby / modifiedonbehalfby: the impersonating user when the write runs for another one, empty otherwise. "If you
    /// need to see the ID of the user who actually performed an operation for another user, you can query the record's
    /// createdonbehalfby value" (Impersonate another user using the Web API, "Determine the actual user",
    /// learn.microsoft.com/power-apps/developer/data-platform/webapi/impersonate-another-user-web-api). modifiedonbehalfby is the
    /// delegate of the latest write, as modifiedby is its user: a later write without impersonation empties it (Web API round 15;
    /// before it neither column existed locally).
    /// </summary>
    private static void StampDelegate(TableDefinition table, Entity row, string column, Guid delegateUserId)
    {
        if (table.FindColumn(column) is null)
        {
            return;
        }

        if (delegateUserId == Guid.Empty)
        {
            row.Attributes.Remove(column);
        }
        else
        {
            row[column] = new EntityReference(SystemUserTable, delegateUserId);
        }
    }

    private static void DefaultStatus(TableDefinition table, Entity row)
    {
        if (table.FindColumn(SystemColumns.StatusCode) is null
            || HasValue(row, SystemColumns.StatusCode)
            || row.GetAttributeValue<OptionSetValue>(SystemColumns.StateCode) is not { } state)
        {
            return;
        }

        if (RecordValidator.DefaultStatusFor(table, state.Value) is { } status)
        {
            row[SystemColumns.StatusCode] = new OptionSetValue(status);
        }
    }

    private static void Set(TableDefinition table, Entity row, string column, object value)
    {
        if (table.FindColumn(column) is not null)
        {
            row[column] = value;
        }
    }

    private static bool HasValue(Entity row, string column) =>
        row.Attributes.TryGetValue(column, out var value) && value is not null;
}
