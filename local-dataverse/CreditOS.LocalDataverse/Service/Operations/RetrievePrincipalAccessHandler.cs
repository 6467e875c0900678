using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Security;
using CreditOS.LocalDataverse.Users;
using CreditOS.LocalDataverse.Values;
using CreditOS.Solution.Metadata;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Service.Operations;

/// <summary>
/// RetrievePrincipalAccess: the access rights a user has to one row ("Retrieves the access rights of the specified security principal
/// (user, team, or organization) to the specified record", RetrievePrincipalAccessRequest; the AccessRights flags of the AccessRights
/// enum). A right is in the mask when the user's roles grant its privilege at a depth that reaches the row, the same test every
/// operation's own check makes ("How access to a record is determined": the privilege check, then the access check by ownership and
/// role depth). Sharing, access teams and hierarchy security add no access here because the local Dataverse refuses them (no row can
/// be shared), so the roles are the whole answer.
/// Loud where Microsoft does not say what the mask holds: <c>CreateAccess</c> when the user holds the Create privilege but at a depth
/// that does not reach the row (whether the mask reports the table privilege or the depth test is not published; live answers show
/// CreateAccess beside the other rights, never this case), an organization principal, the SYSTEM user, and rows checked through
/// another row (order lines, activity parties) or of tables that are not user-owned. A team principal is answered from its own roles since round 28.
/// </summary>
internal sealed class RetrievePrincipalAccessHandler : IMessageHandler
{
    private static readonly (AccessRight Right, AccessRights Flag)[] RowRights =
    [
        (AccessRight.Read, AccessRights.ReadAccess),
        (AccessRight.Write, AccessRights.WriteAccess),
        (AccessRight.Append, AccessRights.AppendAccess),
        (AccessRight.AppendTo, AccessRights.AppendToAccess),
        (AccessRight.Delete, AccessRights.DeleteAccess),
        (AccessRight.Share, AccessRights.ShareAccess),
        (AccessRight.Assign, AccessRights.AssignAccess),
    ];

    private const string TeamTable = "team";

    public string MessageName => MessageNames.RetrievePrincipalAccess;

    public void Describe(MessageContext context)
    {
        var target = context.RequireInput<EntityReference>(ParameterNames.Target);
        var (table, id) = TargetResolver.Resolve(context, target.LogicalName, target.Id, target.KeyAttributes);
        context.PrimaryEntityName = table.LogicalName;
        context.PrimaryEntityId = id;
    }

    /// <summary>The caller reads the row: "The caller must have the prvReadAccount privilege" (CRMAccount.RetrievePrincipalAccess, and the message's privilege table naming prvRead… per target).</summary>
    public void Authorize(MessageContext context) => RetrieveHandler.AuthorizeRead(context);

    public void Execute(MessageContext context)
    {
        var principalReference = context.RequireInput<EntityReference>(ParameterNames.Principal);
        var (userId, isTeam) = RequirePrincipal(context, principalReference);
        var table = RecordValidator.RequireTable(context.Metadata, context.PrimaryEntityName);
        if (table.Ownership != OwnershipType.UserOwned || SecurityGuard.IsCheckedThroughAnotherRow(table.LogicalName) || SecurityGuard.IsIntersect(context, table.LogicalName))
        {
            throw DataverseFault.NotImplemented(
                $"RetrievePrincipalAccess on a row of '{table.LogicalName}' (ownership {table.Ownership}): the local Dataverse answers it for rows of user-owned tables checked by their own privileges only.");
        }

        var row = TargetResolver.RequireRow(context, table.LogicalName, context.PrimaryEntityId);
        var reader = new PrincipalReader(context.Runtime, context.Transaction ?? context.Origin.Transaction);
        var principal = isTeam ? reader.ReadTeam(userId) : reader.Read(userId);
        var rights = AccessRights.None;
        foreach (var (right, flag) in RowRights)
        {
            if (SecurityGuard.Reaches(principal, table, right, row))
            {
                rights |= flag;
            }
        }

        context.Output[ParameterNames.AccessRights] = rights | CreateAccess(principal, table, row, userId);
    }

    public OrganizationResponse Respond(MessageContext context)
    {
        var response = new RetrievePrincipalAccessResponse();
        response.Results[ParameterNames.AccessRights] = context.Output[ParameterNames.AccessRights];
        return response;
    }

    /// <summary>
    /// CreateAccess where every reading agrees: a System Administrator, or a Create privilege whose depth reaches the row, has it; no
    /// Create privilege at all has not. A Create privilege that does not reach the row is not published: refused.
    /// </summary>
    private static AccessRights CreateAccess(Principal principal, TableDefinition table, Entity row, Guid userId)
    {
        if (SecurityGuard.Reaches(principal, table, AccessRight.Create, row))
        {
            return AccessRights.CreateAccess;
        }

        if (principal.GrantsFor(table.LogicalName, AccessRight.Create).Count == 0)
        {
            return AccessRights.None;
        }

        throw DataverseFault.NotImplemented(
            $"RetrievePrincipalAccess's CreateAccess for user {userId:D} on {table.LogicalName} {row.Id:D}: the user holds the Create privilege at a depth that does not reach the row, and whether Dataverse then reports CreateAccess is not published.");
    }

    /// <summary>
    /// The principal's id, and whether it is a team. A team's rights are those of its own roles, reaching from the team's business unit and,
    /// at Basic, the rows the team owns ("Basic provides access to a record that a user owns, either directly or by virtue of belonging to
    /// the team that owns the table record", Security concepts for developers); its members' roles are not the team's. Before round 28 a team
    /// principal was refused as not implemented.
    /// </summary>
    private static (Guid Id, bool IsTeam) RequirePrincipal(MessageContext context, EntityReference principal)
    {
        if (principal is null || principal.Id == Guid.Empty)
        {
            throw DataverseFault.InvalidArgument("RetrievePrincipalAccess needs a Principal: an entity reference to a systemuser or team.");
        }

        if (principal.LogicalName == TeamTable)
        {
            return context.RowExists(TeamTable, principal.Id)
                ? (principal.Id, true)
                : throw DataverseFault.RecordNotFound(TeamTable, principal.Id);
        }

        if (principal.LogicalName == "organization")
        {
            throw DataverseFault.NotImplemented(
                $"RetrievePrincipalAccess for an organization principal ({principal.Id:D}): the local Dataverse answers it for users (systemuser) and teams only.");
        }

        if (principal.LogicalName != UserDirectory.SystemUserTable)
        {
            throw DataverseFault.InvalidArgument(
                $"The Principal of RetrievePrincipalAccess is a '{principal.LogicalName}' reference; the entity reference must be a SystemUser or Team entity.");
        }

        if (principal.Id == UserDirectory.SystemUserId)
        {
            throw DataverseFault.NotImplemented("RetrievePrincipalAccess for the SYSTEM user: the rights Dataverse reports for it are not published.");
        }

        return context.RowExists(UserDirectory.SystemUserTable, principal.Id)
            ? (principal.Id, false)
            : throw DataverseFault.RecordNotFound(UserDirectory.SystemUserTable, principal.Id);
    }
}
