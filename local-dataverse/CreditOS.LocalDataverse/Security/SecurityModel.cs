using System.Security.Cryptography;
using System.Text;
using CreditOS.Solution.Metadata;
using CreditOS.Solution.Security;

namespace CreditOS.LocalDataverse.Security;

/// <summary>
/// What the environment knows of security, fixed at start: the solution's roles with their privileges by table, the
/// built-in System Administrator role, the field security profiles and their permissions, and the ids and object type
/// codes Dataverse's messages quote.
/// </summary>
internal sealed class SecurityModel
{
    /// <summary>The System Administrator role's template id, which every Dataverse organization's System Administrator role carries.</summary>
    public static readonly Guid SystemAdministratorRoleId = new("627090ff-40a3-4053-8790-584edc5be201");

    /// <summary>The built-in System Administrator field security profile: every permission on every secured column.</summary>
    public static readonly Guid SystemAdministratorProfileId = new("572329c1-a042-4e22-be47-367c6374ea45");

    public const string SystemAdministratorRoleName = "System Administrator";
    public const string SystemAdministratorProfileName = "System Administrator";

    // Standard tables' object type codes as Dataverse numbers them; custom tables get 10000 and up.
    private static readonly Dictionary<string, int> StandardTypeCodes = new(StringComparer.Ordinal)
    {
        ["account"] = 1, ["contact"] = 2, ["systemuser"] = 8, ["team"] = 9, ["businessunit"] = 10, ["systemuserroles"] = 15,
        ["teammembership"] = 23, ["role"] = 1036, ["salesorder"] = 1088, ["queue"] = 2020, ["queueitem"] = 2029, ["task"] = 4212, ["email"] = 4202,
        ["transactioncurrency"] = 9105, ["fieldsecurityprofile"] = 1200, ["systemuserprofiles"] = 1202, ["teamprofiles"] = 1203,
        ["teamroles"] = 40, ["environmentvariabledefinition"] = 380, ["environmentvariablevalue"] = 381,
    };

    private readonly Dictionary<Guid, RoleGrants> _roles = [];
    private readonly Dictionary<Guid, Dictionary<(string Table, string Column), FieldPermissionDefinition>> _profiles = [];
    private readonly Dictionary<string, int> _typeCodes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _intersectTables;

    public SecurityModel(MetadataCatalog metadata, SecurityDefinitions definitions)
    {
        Metadata = metadata;
        var bySchemaName = metadata.Tables.ToDictionary(t => t.SchemaName, t => t.LogicalName, StringComparer.OrdinalIgnoreCase);
        foreach (var role in definitions.Roles)
        {
            var grants = new Dictionary<(string, AccessRight), PrivilegeDepth>();
            foreach (var privilege in role.Privileges)
            {
                // A privilege on a table this environment does not model cannot be exercised here; the solution validator reports it.
                var tables = string.Equals(privilege.TableSchemaName, ActivityPrivilege.SchemaName, StringComparison.OrdinalIgnoreCase)
                    ? metadata.Tables.Where(t => t.IsActivity).Select(t => t.LogicalName).ToList()
                    : bySchemaName.TryGetValue(privilege.TableSchemaName, out var single) ? [single] : [];
                foreach (var table in tables)
                {
                    var key = (table, Enum.Parse<AccessRight>(privilege.Access));
                    var depth = Enum.Parse<PrivilegeDepth>(privilege.Level);
                    grants[key] = depth > grants.GetValueOrDefault(key) ? depth : grants[key];
                }
            }

            _roles[role.Id] = new RoleGrants(role.Name, grants);
        }

        foreach (var profile in definitions.Profiles)
        {
            FieldPermissionRules.Validate(metadata, profile);
            _profiles[profile.Id] = profile.Permissions.ToDictionary(p => (p.Table, p.Column));
        }

        _intersectTables = metadata.Relationships.Where(r => r.IntersectTable is not null).Select(r => r.IntersectTable!).ToHashSet(StringComparer.Ordinal);
        SolutionRoles = [.. definitions.Roles.Select(r => (r.Id, r.Name))];
        SolutionProfiles = [.. definitions.Profiles.Select(p => (p.Id, p.Name))];
        var custom = 10000;
        foreach (var table in metadata.Tables.OrderBy(t => t.LogicalName, StringComparer.Ordinal))
        {
            _typeCodes[table.LogicalName] = StandardTypeCodes.TryGetValue(table.LogicalName, out var code) ? code : custom++;
        }
    }

    public MetadataCatalog Metadata { get; }

    public IReadOnlyList<(Guid Id, string Name)> SolutionRoles { get; }

    public IReadOnlyList<(Guid Id, string Name)> SolutionProfiles { get; }

    /// <summary>The privileges of a role the solution ships, or null for any other role (a role made at run time grants nothing).</summary>
    public IReadOnlyDictionary<(string Table, AccessRight Access), PrivilegeDepth>? GrantsOf(Guid roleId) =>
        _roles.TryGetValue(roleId, out var role) ? role.Grants : null;

    /// <summary>What the profile grants on the column: read, create, update.</summary>
    public (bool Read, bool Create, bool Update) PermissionOf(Guid profileId, string table, string column)
    {
        if (profileId == SystemAdministratorProfileId)
        {
            return (true, true, true);
        }

        return _profiles.TryGetValue(profileId, out var permissions) && permissions.TryGetValue((table, column), out var permission)
            ? (permission.CanRead, permission.CanCreate, permission.CanUpdate)
            : (false, false, false);
    }

    /// <summary>Intersect tables of many-to-many relationships: written only by Associate/Disassociate, read as their two sides allow.</summary>
    public bool IsIntersect(string table) => _intersectTables.Contains(table);

    public int ObjectTypeCode(string table) => _typeCodes.GetValueOrDefault(table);

    /// <summary>The privilege's name as Dataverse forms it: prv + access + the table's schema name.</summary>
    public string PrivilegeName(AccessRight access, string table) =>
        "prv" + access + (Metadata.FindTable(table) is { } definition ? (definition.IsActivity ? ActivityPrivilege.SchemaName : definition.SchemaName) : table);

    /// <summary>A stable id for a privilege (Dataverse's ids differ per privilege; these are derived from the name so messages are reproducible).</summary>
    public static Guid PrivilegeId(string privilegeName)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("creditos-local-privilege:" + privilegeName));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private sealed record RoleGrants(string Name, IReadOnlyDictionary<(string Table, AccessRight Access), PrivilegeDepth> Grants);
}
