using System.Globalization;
using System.ServiceModel;
using CreditOS.LocalDataverse.Faults;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Security;

/// <summary>The refusals of Dataverse's security, with its error codes and its wording (the figures it quotes included).</summary>
internal static class SecurityFaults
{
    private const int UserPrincipalType = 8;

    /// <summary>0x80040220: the caller holds the privilege at no depth at all.</summary>
    public static FaultException<OrganizationServiceFault> MissingPrivilege(SecurityModel model, Principal principal, AccessRight access, string table) =>
        MissingPrivilege(model, principal, access, table, principal.UserId);

    /// <summary>0x80040220 for <paramref name="principal"/> (the caller, or a row's new owner) in an operation <paramref name="caller"/> runs.</summary>
    public static FaultException<OrganizationServiceFault> MissingPrivilege(SecurityModel model, Principal principal, AccessRight access, string table, Guid caller)
    {
        var name = model.PrivilegeName(access, table);
        return DataverseFault.Create(
            DataverseErrorCodes.PrivilegeDenied,
            Invariant($"Principal user (Id={principal.UserId:D}, type={UserPrincipalType}, roleCount={principal.RoleCount}, privilegeCount={principal.PrivilegeCount}, accessMode=0), is missing {name} privilege (Id={SecurityModel.PrivilegeId(name):D}) on OTC={model.ObjectTypeCode(table)} for entity '{table}'. context.Caller={caller:D}"));
    }

    /// <summary>
    /// 0x80040220 for a team that is to own a row of a table its roles do not read. Microsoft's dual-write page quotes it as "Principal
    /// team (Id=***, ..., is missing prvReadcol_*** privilege (Id=***) on OTC=***." (Set up dual-write security roles and permissions,
    /// "What if you missed the security setup for the default owning team?"); the figures between follow a live answer recorded in a
    /// public repository ("Principal team (Id=…, type=9, teamType=0, privilegeCount=8, …, businessUnitId=…), is missing prvRead…").
    /// </summary>
    public static FaultException<OrganizationServiceFault> TeamMissingPrivilege(SecurityModel model, Principal team, AccessRight access, string table, Guid caller)
    {
        var name = model.PrivilegeName(access, table);
        return DataverseFault.Create(
            DataverseErrorCodes.PrivilegeDenied,
            Invariant($"Principal team (Id={team.UserId:D}, type={TeamPrincipalType}, teamType=0, privilegeCount={team.PrivilegeCount}, businessUnitId={team.BusinessUnitId:D}), is missing {name} privilege (Id={SecurityModel.PrivilegeId(name):D}) on OTC={model.ObjectTypeCode(table)} for entity '{table}'. context.Caller={caller:D}"));
    }

    private const int TeamPrincipalType = 9;

    /// <summary>0x80048306: the privilege is held, but not at a depth that reaches this row.</summary>
    public static FaultException<OrganizationServiceFault> RecordAccessDenied(SecurityModel model, Principal principal, AccessRight access, string table, Entity row)
    {
        var owner = row.GetAttributeValue<EntityReference>(Values.SystemColumns.OwnerId);
        var ownerType = owner?.LogicalName == "team" ? 9 : UserPrincipalType;
        var unit = row.GetAttributeValue<EntityReference>(Values.SystemColumns.OwningBusinessUnit)?.Id ?? Guid.Empty;
        return DataverseFault.Create(
            DataverseErrorCodes.AccessDenied,
            Invariant($"SecLib::AccessCheckEx failed. Returned hr = {DataverseErrorCodes.AccessDenied}, ObjectID: {row.Id:D}, OwnerId: {owner?.Id ?? Guid.Empty:D},  OwnerIdType: {ownerType} and CallingUser: {principal.UserId:D}. ObjectTypeCode: {model.ObjectTypeCode(table)}, objectBusinessUnitId: {unit:D}, AccessRights: {access}Access "));
    }

    /// <summary>0x8004F502 on create, 0x8004F507 on update: a value for a secured column without a profile that permits it.</summary>
    public static FaultException<OrganizationServiceFault> SecuredColumn(Principal principal, bool isCreate, string columnDisplayName, string tableDisplayName) =>
        DataverseFault.Create(
            isCreate ? DataverseErrorCodes.AttributePrivilegeCreateIsMissing : DataverseErrorCodes.AttributePermissionUpdateIsMissingDuringUpdate,
            Invariant($"Caller user with Id {principal.UserId:D} does not have {(isCreate ? "create" : "update")} permissions to a {columnDisplayName} secured field on entity {tableDisplayName}. The requested operation could not be completed."));

    /// <summary>0x8004A110: CallerId names another user and the caller may not act on behalf of others.</summary>
    public static FaultException<OrganizationServiceFault> CannotImpersonate(Guid caller, Guid callerId) =>
        DataverseFault.Create(
            DataverseErrorCodes.CannotActOnBehalfOfAnotherUser,
            Invariant($"User does not have the privilege to act on behalf another user. (Caller {caller:D} asked to act as {callerId:D}; prvActOnBehalfOfAnotherUser comes with the System Administrator role.)"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
