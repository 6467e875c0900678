using CreditOS.Solution.Files;
using CreditOS.Solution.Validation;

namespace CreditOS.Solution.Security;

/// <summary>
/// Reads the roles (src/Roles/*.xml, the &lt;Role id name&gt;&lt;RolePrivileges&gt; format of an unpacked solution) and the
/// field security profiles (src/Other/FieldSecurityProfiles.xml, through <see cref="FieldSecurityProfileReader"/>).
/// </summary>
public static class SecurityDefinitionLoader
{
    private static readonly Lazy<SecurityDefinitions> EmbeddedDefinitions = new(() => Load(new EmbeddedSolutionFileSource()));

    /// <summary>The security of the solution compiled into this assembly; loaded once and shared (it is immutable).</summary>
    public static SecurityDefinitions LoadEmbedded() => EmbeddedDefinitions.Value;

    public static SecurityDefinitions Load(ISolutionFileSource files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return new SecurityDefinitions(ReadRoles(files), ReadProfiles(files));
    }

    private static List<SecurityRoleDefinition> ReadRoles(ISolutionFileSource files)
    {
        var roles = new List<SecurityRoleDefinition>();
        foreach (var path in files.List(SolutionPaths.Roles).Where(p => p.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)))
        {
            var root = SolutionXml.Load(files, path).Root;
            if (root is null || root.Name.LocalName != "Role" || !Guid.TryParse((string?)root.Attribute("id"), out var id) || root.Attribute("name") is not { } name)
            {
                throw new SolutionFormatException(files.Describe(path), "a role file must be <Role id=\"{guid}\" name=\"...\">.");
            }

            var privileges = new List<RolePrivilege>();
            foreach (var element in root.Descendants().Where(e => e.Name.LocalName == "RolePrivilege"))
            {
                var privilegeName = (string?)element.Attribute("name") ?? string.Empty;
                var level = (string?)element.Attribute("level") ?? string.Empty;
                var privilege = RolePrivilege.Parse(privilegeName, level);
                if (privilege is null || !RolePrivilege.Levels.Contains(level))
                {
                    throw new SolutionFormatException(files.Describe(path), $"privilege '{privilegeName}' at level '{level}' is not prv<Access><Table> at Basic, Local, Deep or Global.");
                }

                privileges.Add(privilege);
            }

            roles.Add(new SecurityRoleDefinition(id, name.Value, privileges));
        }

        return roles;
    }

    // One reader of the profiles file for the whole solution (FieldSecurityProfileReader, the export format).
    private static List<FieldSecurityProfileDefinition> ReadProfiles(ISolutionFileSource files) =>
        [.. FieldSecurityProfileReader.Read(files)
            .Where(profile => profile.Id != Guid.Empty)
            .Select(profile => new FieldSecurityProfileDefinition(
                profile.Id,
                profile.Name,
                [.. profile.Permissions.Select(p => new FieldPermissionDefinition(
                    p.Table.ToLowerInvariant(), p.Column.ToLowerInvariant(), p.CanRead, p.CanCreate, p.CanUpdate))]))];
}
