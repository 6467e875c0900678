using System.Xml.Linq;
using CreditOS.Solution.Files;
using CreditOS.Solution.Validation;

namespace CreditOS.Solution.Security;

/// <summary>
/// Reads the roles (src/Roles/*.xml, the &lt;Role id name&gt;&lt;RolePrivileges&gt; format of an unpacked solution) and the
/// field security profiles. Profiles are read wherever an unpacked solution may carry them: src/Other/FieldSecurityProfiles.xml
/// and the &lt;FieldSecurityProfiles&gt; element of src/Other/Customizations.xml (a profile found in both counts once, by id).
/// </summary>
public static class SecurityDefinitionLoader
{
    private const string Customizations = "src/Other/Customizations.xml";
    private const int Allowed = 4;

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

    private static List<FieldSecurityProfileDefinition> ReadProfiles(ISolutionFileSource files)
    {
        var profiles = new Dictionary<Guid, FieldSecurityProfileDefinition>();
        foreach (var path in new[] { SolutionPaths.FieldSecurityProfiles, Customizations }.Where(files.Exists))
        {
            var root = SolutionXml.Load(files, path).Root;
            foreach (var element in root?.DescendantsAndSelf().Where(e => e.Name.LocalName == "FieldSecurityProfile") ?? [])
            {
                var profile = ReadProfile(element, files.Describe(path));
                profiles.TryAdd(profile.Id, profile);
            }
        }

        return [.. profiles.Values];
    }

    private static FieldSecurityProfileDefinition ReadProfile(XElement element, string file)
    {
        var idText = (string?)element.Attribute("fieldsecurityprofileid") ?? element.Elements().FirstOrDefault(e => e.Name.LocalName == "fieldsecurityprofileid")?.Value;
        var name = (string?)element.Attribute("name") ?? element.Elements().FirstOrDefault(e => e.Name.LocalName == "name")?.Value;
        if (!Guid.TryParse(idText, out var id) || string.IsNullOrWhiteSpace(name))
        {
            throw new SolutionFormatException(file, "a field security profile needs a fieldsecurityprofileid and a name.");
        }

        var permissions = element.Descendants()
            .Where(e => e.Name.LocalName == "FieldPermission")
            .Select(p => new FieldPermissionDefinition(
                Value(p, "entityname").ToLowerInvariant(),
                Value(p, "attributelogicalname").ToLowerInvariant(),
                Flag(p, "canread"),
                Flag(p, "cancreate"),
                Flag(p, "canupdate")))
            .ToList();
        return new FieldSecurityProfileDefinition(id, name, permissions);
    }

    // Attributes (FieldSecurityProfiles.xml) or child elements (the packed form) carry the same names.
    private static string Value(XElement element, string name) =>
        ((string?)element.Attribute(name) ?? element.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value ?? string.Empty).Trim();

    private static bool Flag(XElement element, string name) =>
        int.TryParse(Value(element, name), out var value) && value == Allowed;
}
