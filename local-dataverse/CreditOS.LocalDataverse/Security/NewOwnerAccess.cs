using CreditOS.LocalDataverse.Service;
using CreditOS.LocalDataverse.Users;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Security;

/// <summary>
/// The new owner of a row must hold Read on its table. Live environments refuse making a user the owner of a row of a table their
/// roles do not read, whoever the caller (data migration as an administrator included), with "Principal user (Id=&lt;the owner&gt;…)
/// is missing prvReadAccount privilege" (0x80040220; inogic.com/blog/2016/02/error-principal-user-is-missing-prvreadaccount-privilege-resolved:
/// "the owner is assigned with a security role other than System Administrator and has not been given the … privileges for the
/// particular entity"). "Data operations and access rights" (security-access-rights) lists the caller's rights for an assignment and
/// READ for "the person with whom the record is being shared". The local Dataverse checked only the caller before round 27, so a
/// row could be assigned to, or created for, a user who could never read it. A team owner is checked the same way on its own roles
/// since round 28: "If the security role that has read permissions isn't assigned [to the owning team], the Dataverse table throws an
/// exception … Principal team (Id=***, ..., is missing prvReadcol_*** privilege" (Set up dual-write security roles and permissions);
/// its members' roles do not count. The depth is not compared: holding Read at any depth is what the fault names (the new owner's own
/// rows are always within it). Like every check of <see cref="SecurityGuard"/>, it is skipped for the local SYSTEM user, which seeds
/// rows for tests (a System Administrator caller is checked).
/// </summary>
internal static class NewOwnerAccess
{
    private const string TeamTable = "team";

    /// <summary>Refuses <paramref name="owner"/> as the owner of a row of <paramref name="table"/> when it is another user, or a team, that holds no Read on it.</summary>
    public static void Check(MessageContext context, TableDefinition table, EntityReference? owner)
    {
        if (!SecurityGuard.Applies(context) || owner is null || owner.Id == context.UserId || owner.Id == UserDirectory.SystemUserId)
        {
            return;
        }

        var reader = new PrincipalReader(context.Runtime, context.Transaction);
        if (owner.LogicalName == TeamTable)
        {
            var team = reader.ReadTeam(owner.Id);
            if (!team.IsSystemAdministrator && team.GrantsFor(table.LogicalName, AccessRight.Read).Count == 0)
            {
                throw SecurityFaults.TeamMissingPrivilege(context.Runtime.Security, team, AccessRight.Read, table.LogicalName, context.UserId);
            }

            return;
        }

        if (owner.LogicalName != UserDirectory.SystemUserTable)
        {
            return;
        }

        var principal = reader.Read(owner.Id);
        if (!principal.IsSystemAdministrator && principal.GrantsFor(table.LogicalName, AccessRight.Read).Count == 0)
        {
            throw SecurityFaults.MissingPrivilege(context.Runtime.Security, principal, AccessRight.Read, table.LogicalName, context.UserId);
        }
    }
}
