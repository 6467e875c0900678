using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Security;
using CreditOS.LocalDataverse.Users;
using CreditOS.LocalDataverse.Values;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Service.Operations;

/// <summary>
/// Rules Dataverse holds on the rows of its security tables, for every caller (SYSTEM included), with the codes and
/// messages of the Web service error codes list (reference/web-service-error-codes):
/// <list type="bullet">
/// <item>AdminProfileCannotBeEditedOrDeleted 0x8004F50C "The System Administrator field security profile cannot be modified or deleted."</item>
/// <item>BusinessUnitIsNotDisabledAndCannotBeDeleted 0x80041d60 "Not disabled business unit cannot be deleted."; then
/// BusinessUnitHasChildAndCannotBeDeleted 0x80041d61 "Business unit has a child business unit and cannot be deleted."</item>
/// <item>unManagedidsownernotenabled 0x8004022b "The specified owner has been disabled.": a row given to a disabled user.</item>
/// </list>
/// Before session 20 all of these were carried out.
/// </summary>
internal static class SecurityRowRules
{
    private const string ProfileTable = "fieldsecurityprofile";
    private const string DisabledColumn = "isdisabled";
    private const string ParentBusinessUnit = "parentbusinessunitid";

    public static void CheckUpdate(MessageContext context, string table, Guid id, IReadOnlyDictionary<string, object?> values)
    {
        RefuseAdminProfile(table, id);
        if (values.TryGetValue(SystemColumns.OwnerId, out var owner) && owner is EntityReference reference)
        {
            CheckOwner(context, reference);
        }
    }

    public static void CheckCreate(MessageContext context, IReadOnlyDictionary<string, object?> values)
    {
        if (values.TryGetValue(SystemColumns.OwnerId, out var owner) && owner is EntityReference reference)
        {
            CheckOwner(context, reference);
        }
    }

    public static void CheckDelete(MessageContext context, string table, Entity row)
    {
        RefuseAdminProfile(table, row.Id);
        if (table != UserDirectory.BusinessUnitTable)
        {
            return;
        }

        if (!row.GetAttributeValue<bool>(DisabledColumn))
        {
            throw DataverseFault.Create(DataverseErrorCodes.BusinessUnitIsNotDisabledAndCannotBeDeleted, $"Not disabled business unit cannot be deleted. (Business unit {row.Id:D} is enabled: disable it first.)");
        }

        if (context.RequireTransaction().Scan(UserDirectory.BusinessUnitTable).Any(unit => unit.GetAttributeValue<EntityReference>(ParentBusinessUnit)?.Id == row.Id))
        {
            throw DataverseFault.Create(DataverseErrorCodes.BusinessUnitHasChildAndCannotBeDeleted, $"Business unit has a child business unit and cannot be deleted. (Business unit {row.Id:D}.)");
        }
    }

    private static void RefuseAdminProfile(string table, Guid id)
    {
        if (table == ProfileTable && id == SecurityModel.SystemAdministratorProfileId)
        {
            throw DataverseFault.Create(DataverseErrorCodes.AdminProfileCannotBeEditedOrDeleted, "The System Administrator field security profile cannot be modified or deleted.");
        }
    }

    private static void CheckOwner(MessageContext context, EntityReference owner)
    {
        if (owner.LogicalName == UserDirectory.SystemUserTable && DisabledUserGuard.IsDisabled(context.FindRow(UserDirectory.SystemUserTable, owner.Id)))
        {
            throw DataverseFault.Create(DataverseErrorCodes.OwnerNotEnabled, $"The specified owner has been disabled. (User {owner.Id:D} is disabled.)");
        }
    }
}
