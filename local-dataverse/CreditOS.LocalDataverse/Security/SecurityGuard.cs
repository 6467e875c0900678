using CreditOS.LocalDataverse.Query;
using CreditOS.LocalDataverse.Service;
using CreditOS.LocalDataverse.Users;
using CreditOS.LocalDataverse.Values;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Security;

/// <summary>
/// Dataverse's security checks for one operation, as the operation's user: table privileges at their depth against
/// the row's owner and business unit, Append/AppendTo for the lookups a write sets, and field security on secured
/// columns. The SYSTEM user (GetOrganizationService() and CreateOrganizationService(null)) is not checked; a System
/// Administrator passes every privilege check but reaches secured columns only through a field security profile.
/// </summary>
internal static class SecurityGuard
{
    public static bool Applies(MessageContext context) => context.UserId != UserDirectory.SystemUserId;

    public static void CheckCreate(MessageContext context, TableDefinition table, Entity row, IReadOnlyDictionary<string, object?> values)
    {
        if (!Applies(context))
        {
            return;
        }

        var principal = context.Principal;
        Require(context, principal, AccessRight.Create, table, row);
        var owner = row.GetAttributeValue<EntityReference>(SystemColumns.OwnerId);
        if (owner is not null && owner.Id != principal.UserId)
        {
            // Creating a row for someone else is an assignment as well.
            Require(context, principal, AccessRight.Assign, table, row);
        }
        else if (owner is not null)
        {
            // "Unless you also have read access for accounts, you cannot create an account record and be the owner of that new
            // record": Create a record and be the record owner asks CREATE, READ (Data operations and access rights,
            // learn.microsoft.com/power-apps/developer/data-platform/security-access-rights). Only Create was asked.
            Require(context, principal, AccessRight.Read, table, row);
        }

        CheckLinks(context, principal, table, row, values);
        CheckSecuredColumns(context, principal, table, values, isCreate: true);
    }

    public static void CheckUpdate(MessageContext context, TableDefinition table, Entity current, IReadOnlyDictionary<string, object?> values)
    {
        if (!Applies(context))
        {
            return;
        }

        var principal = context.Principal;
        var ownerChanges = values.TryGetValue(SystemColumns.OwnerId, out var newOwner)
            && (newOwner as EntityReference)?.Id != current.GetAttributeValue<EntityReference>(SystemColumns.OwnerId)?.Id;
        RequireUpdate(context, principal, table, current, ownerChanges);

        CheckLinks(context, principal, table, current, values);
        CheckSecuredColumns(context, principal, table, values, isCreate: false);
    }

    /// <summary>
    /// An Update asks Write; one that changes the owner asks Assign too, and Read: "Assign a record: ASSIGN, WRITE, READ" (Data
    /// operations and access rights, learn.microsoft.com/power-apps/developer/data-platform/security-access-rights; "Update of
    /// the ownerid column, or the legacy Assign message: ASSIGN"). An Update of ownerid alone asked Assign only before round 7.
    /// </summary>
    public static void CheckUpdatePrivileges(MessageContext context, TableDefinition table, Entity current, bool ownerChanges)
    {
        if (Applies(context))
        {
            RequireUpdate(context, context.Principal, table, current, ownerChanges);
        }
    }

    private static void RequireUpdate(MessageContext context, Principal principal, TableDefinition table, Entity current, bool ownerChanges)
    {
        Require(context, principal, AccessRight.Write, table, current);
        if (ownerChanges)
        {
            Require(context, principal, AccessRight.Assign, table, current);
            Require(context, principal, AccessRight.Read, table, current);
        }
    }

    public static void Check(MessageContext context, AccessRight access, TableDefinition table, Entity row)
    {
        if (Applies(context))
        {
            Require(context, context.Principal, access, table, row);
        }
    }

    /// <summary>
    /// Before the pre-operation stage, for a row that does not exist yet (Create): the caller must hold the table
    /// privilege at some depth (PrivilegeDenied 0x80040220 otherwise). Whether its depth reaches the new row's owner is
    /// checked with the row's final values in the core operation. Tables checked through their parent (order lines)
    /// are left to the core operation, which knows the parent row.
    /// </summary>
    public static void RequirePrivilege(MessageContext context, AccessRight access, TableDefinition table)
    {
        if (!Applies(context) || IsIntersect(context, table.LogicalName) || ParentalTables.ContainsKey(table.LogicalName))
        {
            return;
        }

        var principal = context.Principal;
        if (!principal.IsSystemAdministrator && principal.GrantsFor(table.LogicalName, access).Count == 0)
        {
            throw SecurityFaults.MissingPrivilege(context.Runtime.Security, principal, access, table.LogicalName);
        }
    }

    /// <summary>Associate/Disassociate of a many-to-many relationship: Append on the row and AppendTo on each related row.</summary>
    public static void CheckManyToMany(MessageContext context, Entity target, IEnumerable<Entity> related)
    {
        if (!Applies(context))
        {
            return;
        }

        var principal = context.Principal;
        var targetTable = context.Metadata.FindTable(target.LogicalName)!;
        Require(context, principal, AccessRight.Append, targetTable, target);
        foreach (var other in related)
        {
            Require(context, principal, AccessRight.AppendTo, context.Metadata.FindTable(other.LogicalName)!, other);
        }
    }

    /// <summary>The rows a query may read as the caller (all rows for SYSTEM).</summary>
    public static IRowSource Secure(MessageContext context, IRowSource rows)
    {
        if (!Applies(context))
        {
            return rows;
        }

        var principal = context.Principal;
        return new SecuredRowSource(
            rows,
            table =>
            {
                // activityparty has no privileges of its own: reading a party is reading its activity (prvReadActivity);
                // an order line is read through its order.
                var checkedTable = table == ActivityPartyTable ? context.Metadata.Tables.First(t => t.IsActivity).LogicalName
                    : ParentalTables.TryGetValue(table, out var parental) ? parental.Parent : table;
                if (!IsIntersect(context, table) && !principal.IsSystemAdministrator && principal.GrantsFor(checkedTable, AccessRight.Read).Count == 0)
                {
                    throw SecurityFaults.MissingPrivilege(context.Runtime.Security, principal, AccessRight.Read, checkedTable);
                }
            },
            (table, row) => IsIntersect(context, table)
                || (table == ActivityPartyTable
                    ? ReachesActivityOf(context, principal, row)
                    : ParentOf(context, table, row) switch
                    {
                        { } parent => parent.Row is not null && Reaches(principal, parent.Table, AccessRight.Read, parent.Row),
                        null => Reaches(principal, context.Metadata.FindTable(table)!, AccessRight.Read, row),
                    }),
            table => UnreadableSecuredColumns(context, principal, table));
    }

    private static bool CanReadSecured(MessageContext context, Principal principal, string table, string column) =>
        principal.ProfileIds.Any(profile => context.Runtime.Security.PermissionOf(profile, table, column).Read);

    /// <summary>The table's secured columns none of the caller's field security profiles lets them read.</summary>
    private static IReadOnlySet<string> UnreadableSecuredColumns(MessageContext context, Principal principal, string table) =>
        context.Metadata.FindTable(table) is { } definition
            ? definition.Columns.Values
                .Where(column => FieldPermissionRules.IsReadSecured(column) && !CanReadSecured(context, principal, table, column.LogicalName))
                .Select(column => column.LogicalName)
                .ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Removes the secured columns the caller may not read from a row about to be returned (aliased columns of linked tables too).</summary>
    public static void RemoveUnreadableColumns(MessageContext context, Entity entity)
    {
        if (!Applies(context))
        {
            return;
        }

        var principal = context.Principal;
        foreach (var (column, value) in entity.Attributes.ToList())
        {
            var (table, name) = value is AliasedValue aliased ? (aliased.EntityLogicalName, aliased.AttributeLogicalName) : (entity.LogicalName, column);
            if (context.Metadata.FindTable(table)?.FindColumn(name) is { } secured && FieldPermissionRules.IsReadSecured(secured) && !CanReadSecured(context, principal, table, name))
            {
                entity.Attributes.Remove(column);
                entity.FormattedValues.Remove(column);
            }
        }
    }

    /// <summary>
    /// Tables with no privileges of their own (Dataverse: "There are no specific privileges for the SalesOrderDetail
    /// (order product) entity"): every access to a row is checked on its parent row instead, Read to read it and
    /// Write for anything else (adding, changing or removing an order's lines is changing the order).
    /// </summary>
    private static readonly IReadOnlyDictionary<string, (string Parent, string Lookup)> ParentalTables =
        new Dictionary<string, (string Parent, string Lookup)>(StringComparer.Ordinal)
        {
            ["salesorderdetail"] = ("salesorder", "salesorderid"),
        };

    /// <summary>Whether rows of the table are checked through a parent row or an activity rather than by their own privileges.</summary>
    internal static bool IsCheckedThroughAnotherRow(string table) => ParentalTables.ContainsKey(table) || table == ActivityPartyTable;

    private static (TableDefinition Table, Entity? Row)? ParentOf(MessageContext context, string table, Entity row)
    {
        if (!ParentalTables.TryGetValue(table, out var parental))
        {
            return null;
        }

        var id = row.GetAttributeValue<EntityReference>(parental.Lookup)?.Id;
        return (context.Metadata.FindTable(parental.Parent)!, id is { } parentId ? context.FindRow(parental.Parent, parentId) : null);
    }

    private static void Require(MessageContext context, Principal principal, AccessRight access, TableDefinition table, Entity row)
    {
        if (principal.IsSystemAdministrator || IsIntersect(context, table.LogicalName))
        {
            return;
        }

        if (ParentOf(context, table.LogicalName, row) is { } parent)
        {
            // A line without its order is refused by the required-column and lookup checks.
            if (parent.Row is not null)
            {
                Require(context, principal, access == AccessRight.Read ? AccessRight.Read : AccessRight.Write, parent.Table, parent.Row);
            }

            return;
        }

        var model = context.Runtime.Security;
        if (principal.GrantsFor(table.LogicalName, access).Count == 0)
        {
            throw SecurityFaults.MissingPrivilege(model, principal, access, table.LogicalName);
        }

        if (!Reaches(principal, table, access, row))
        {
            throw SecurityFaults.RecordAccessDenied(model, principal, access, table.LogicalName, row);
        }
    }

    private const string ActivityPartyTable = "activityparty";

    /// <summary>A party row is readable when its activity is.</summary>
    private static bool ReachesActivityOf(MessageContext context, Principal principal, Entity party)
    {
        var activity = party.GetAttributeValue<EntityReference>("activityid");
        return activity is not null
            && context.Metadata.FindTable(activity.LogicalName) is { } table
            && context.FindRow(activity.LogicalName, activity.Id) is { } row
            && Reaches(principal, table, AccessRight.Read, row);
    }

    internal static bool Reaches(Principal principal, TableDefinition table, AccessRight access, Entity row)
    {
        if (principal.IsSystemAdministrator)
        {
            return true;
        }

        var grants = principal.GrantsFor(table.LogicalName, access);
        if (table.Ownership != OwnershipType.UserOwned)
        {
            // Organization- and business-owned tables: the privilege is all or nothing.
            return grants.Count > 0;
        }

        var owner = row.GetAttributeValue<EntityReference>(SystemColumns.OwnerId)?.Id ?? Guid.Empty;
        var unit = row.GetAttributeValue<EntityReference>(SystemColumns.OwningBusinessUnit)?.Id ?? Guid.Empty;
        return grants.Any(grant => grant.Depth switch
        {
            PrivilegeDepth.Global => true,
            PrivilegeDepth.Deep => grant.AnchorSubtree.Contains(unit) || grant.BasicOwners.Contains(owner),
            PrivilegeDepth.Local => grant.AnchorBusinessUnit == unit || grant.BasicOwners.Contains(owner),
            PrivilegeDepth.Basic => grant.BasicOwners.Contains(owner),
            _ => false,
        });
    }

    /// <summary>
    /// Setting a lookup links two rows: AppendTo on the row pointed at, Append on the row that points. Dataverse asks
    /// this for rows of user-owned tables and of the solution's tables; the platform's own organization-owned tables
    /// (currency, users, teams, business units) carry no Append privileges to ask for.
    /// </summary>
    private static void CheckLinks(MessageContext context, Principal principal, TableDefinition table, Entity row, IReadOnlyDictionary<string, object?> values)
    {
        var appends = false;
        foreach (var (column, value) in values)
        {
            if (value is not EntityReference reference
                || column == SystemColumns.OwnerId
                || table.FindColumn(column)?.Type is not (ColumnType.Lookup or ColumnType.Customer)
                || context.Metadata.FindTable(reference.LogicalName) is not { } referenced
                || !(referenced.Ownership == OwnershipType.UserOwned || referenced.IsCustom)
                || context.FindRow(referenced.LogicalName, reference.Id) is not { } target)
            {
                continue;
            }

            Require(context, principal, AccessRight.AppendTo, referenced, target);
            appends = true;
        }

        if (appends)
        {
            Require(context, principal, AccessRight.Append, table, row);
        }
    }

    private static void CheckSecuredColumns(MessageContext context, Principal principal, TableDefinition table, IReadOnlyDictionary<string, object?> values, bool isCreate)
    {
        var model = context.Runtime.Security;
        // Dataverse checks field security against the columns the caller sent: a value a pre-validation or
        // pre-operation plug-in puts into the Target is the platform's, not the caller's, and is not checked.
        var callerColumns = (context.Request.Parameters.TryGetValue(ParameterNames.Target, out var sent) ? sent as Entity : null)?.Attributes.Keys;
        foreach (var (name, value) in values)
        {
            if (table.FindColumn(name) is not { IsSecured: true } column || (isCreate && value is null)
                || (callerColumns is not null && !callerColumns.Contains(name)))
            {
                continue;
            }

            var permitted = principal.ProfileIds.Any(profile =>
            {
                var permission = model.PermissionOf(profile, table.LogicalName, name);
                return isCreate ? permission.Create : permission.Update;
            });
            if (!permitted)
            {
                throw SecurityFaults.SecuredColumn(principal, isCreate, column.DisplayName, table.DisplayName);
            }
        }
    }

    internal static bool IsIntersect(MessageContext context, string table) => context.Runtime.Security.IsIntersect(table);
}
