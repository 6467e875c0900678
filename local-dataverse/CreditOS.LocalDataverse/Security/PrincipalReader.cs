using CreditOS.LocalDataverse.Storage;
using CreditOS.LocalDataverse.Users;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Security;

/// <summary>
/// Reads a user's security from the rows an operation sees: systemuserroles, teammembership, teamroles,
/// systemuserprofiles, teamprofiles and the business unit tree. Tables the metadata does not model count as empty.
/// </summary>
internal sealed class PrincipalReader(DataverseRuntime runtime, Transaction? transaction)
{
    private const string BusinessUnitTable = "businessunit";
    private const string ParentBusinessUnit = "parentbusinessunitid";
    private const string TeamTable = "team";
    private const string TeamBusinessUnit = "businessunitid";
    private const string RoleTable = "role";
    private const string ParentRootRole = "parentrootroleid";

    public Principal Read(Guid userId)
    {
        var businessUnit = runtime.Users.BusinessUnitOf(userId);
        var teams = Rows("teammembership").Where(r => Id(r, "systemuserid") == userId).Select(r => Id(r, "teamid")).ToHashSet();
        var ownRoles = Rows("systemuserroles").Where(r => Id(r, "systemuserid") == userId).Select(r => Id(r, "roleid")).ToList();
        var teamRoles = Rows("teamroles").Where(r => teams.Contains(Id(r, "teamid"))).Select(r => (Team: Id(r, "teamid"), Role: Id(r, "roleid"))).ToList();
        var profiles = Rows("systemuserprofiles").Where(r => Id(r, "systemuserid") == userId).Select(r => Id(r, "fieldsecurityprofileid"))
            .Concat(Rows("teamprofiles").Where(r => teams.Contains(Id(r, "teamid"))).Select(r => Id(r, "fieldsecurityprofileid")))
            .ToHashSet();

        var children = ChildUnits();
        var userOwners = new HashSet<Guid>(teams) { userId };
        var grants = new Dictionary<(string, AccessRight), List<Grant>>();
        var isAdministrator = false;
        foreach (var role in ownRoles)
        {
            isAdministrator |= role == SecurityModel.SystemAdministratorRoleId;
            AddGrants(grants, role, businessUnit, children, userOwners);
        }

        foreach (var (team, role) in teamRoles)
        {
            isAdministrator |= role == SecurityModel.SystemAdministratorRoleId;
            var teamUnit = FindRow(TeamTable, team)?.GetAttributeValue<EntityReference>(TeamBusinessUnit)?.Id ?? UserDirectory.RootBusinessUnitId;
            AddGrants(grants, role, teamUnit, children, new HashSet<Guid> { team, userId });
        }

        if (isAdministrator)
        {
            // "When a column is secured, only people who have the system administrator security role can read or set the
            // value of the column unless they've been granted access through a column security profile" (Column-level
            // security): the System Administrator profile's full access comes with the role, not with a membership.
            profiles.Add(SecurityModel.SystemAdministratorProfileId);
        }

        return new Principal
        {
            UserId = userId,
            BusinessUnitId = businessUnit,
            TeamIds = teams,
            RoleCount = ownRoles.Count + teamRoles.Count,
            IsSystemAdministrator = isAdministrator,
            Grants = grants.ToDictionary(g => g.Key, g => (IReadOnlyList<Grant>)g.Value),
            ProfileIds = profiles,
        };
    }

    /// <summary>
    /// A team as a principal of its own (the owner of a row): the privileges of the team's roles, reaching from the team's business unit,
    /// Basic ones reaching the team's rows. Members' own roles are not the team's.
    /// </summary>
    public Principal ReadTeam(Guid teamId)
    {
        var unit = FindRow(TeamTable, teamId)?.GetAttributeValue<EntityReference>(TeamBusinessUnit)?.Id ?? UserDirectory.RootBusinessUnitId;
        var roles = Rows("teamroles").Where(r => Id(r, "teamid") == teamId).Select(r => Id(r, "roleid")).ToList();
        var children = ChildUnits();
        var grants = new Dictionary<(string, AccessRight), List<Grant>>();
        foreach (var role in roles)
        {
            AddGrants(grants, role, unit, children, new HashSet<Guid> { teamId });
        }

        return new Principal
        {
            UserId = teamId,
            BusinessUnitId = unit,
            TeamIds = new HashSet<Guid>(),
            RoleCount = roles.Count,
            IsSystemAdministrator = roles.Contains(SecurityModel.SystemAdministratorRoleId),
            Grants = grants.ToDictionary(g => g.Key, g => (IReadOnlyList<Grant>)g.Value),
            ProfileIds = Rows("teamprofiles").Where(r => Id(r, "teamid") == teamId).Select(r => Id(r, "fieldsecurityprofileid")).ToHashSet(),
        };
    }

    private void AddGrants(Dictionary<(string, AccessRight), List<Grant>> grants, Guid role, Guid anchor, ILookup<Guid, Guid> children, IReadOnlySet<Guid> owners)
    {
        // Dataverse keeps a copy of every role in each business unit, linked to the root role by parentrootroleid;
        // the copy carries the root role's privileges, anchored in its own business unit.
        var roleGrants = runtime.Security.GrantsOf(role)
            ?? (FindRow(RoleTable, role)?.GetAttributeValue<EntityReference>(ParentRootRole) is { } root && root.Id != role
                ? runtime.Security.GrantsOf(root.Id)
                : null);
        if (roleGrants is null)
        {
            return;
        }

        var subtree = Subtree(anchor, children);
        foreach (var (key, depth) in roleGrants)
        {
            if (!grants.TryGetValue(key, out var list))
            {
                grants[key] = list = [];
            }

            list.Add(new Grant(depth, anchor, subtree, owners));
        }
    }

    private ILookup<Guid, Guid> ChildUnits() =>
        Rows(BusinessUnitTable)
            .Where(r => r.GetAttributeValue<EntityReference>(ParentBusinessUnit) is not null)
            .ToLookup(r => r.GetAttributeValue<EntityReference>(ParentBusinessUnit).Id, r => r.Id);

    private static HashSet<Guid> Subtree(Guid root, ILookup<Guid, Guid> children)
    {
        var result = new HashSet<Guid> { root };
        var pending = new Stack<Guid>([root]);
        while (pending.Count > 0)
        {
            foreach (var child in children[pending.Pop()])
            {
                if (result.Add(child))
                {
                    pending.Push(child);
                }
            }
        }

        return result;
    }

    private IEnumerable<Entity> Rows(string table)
    {
        if (!runtime.Store.HasTable(table))
        {
            return [];
        }

        return transaction is not null ? transaction.Scan(table) : runtime.Store.Scan(table);
    }

    private Entity? FindRow(string table, Guid id) =>
        !runtime.Store.HasTable(table) ? null : transaction is not null ? transaction.Find(table, id) : runtime.Store.Find(table, id);

    private static Guid Id(Entity row, string column) => row.GetAttributeValue<Guid>(column);
}
