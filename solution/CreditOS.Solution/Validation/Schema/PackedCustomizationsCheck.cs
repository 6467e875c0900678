using System.Xml.Linq;

namespace CreditOS.Solution.Validation.Schema;

/// <summary>
/// Checks the customizations.xml the packer assembled, before it is written: the whole document against the schema's
/// shapes (the top-level order included, which no single source file shows) and every column a field security profile
/// grants declared secured (IsSecured 1) in a packed table, since Dataverse secures only what the import declares.
/// </summary>
public static class PackedCustomizationsCheck
{
    public static IReadOnlyList<string> Check(XDocument customizations)
    {
        ArgumentNullException.ThrowIfNull(customizations);
        var root = customizations.Root ?? throw new ArgumentException("customizations.xml has no root element.", nameof(customizations));
        return [.. SchemaShapeValidator.Check(root), .. UnsecuredPermissions(root)];
    }

    private static IEnumerable<string> UnsecuredPermissions(XElement root)
    {
        var secured = new Dictionary<(string Table, string Column), bool>();
        foreach (var entity in root.Elements("Entities").Elements("Entity"))
        {
            var table = (entity.Element("Name")?.Value ?? string.Empty).Trim().ToLowerInvariant();
            foreach (var attribute in entity.Elements("EntityInfo").Elements("entity").Elements("attributes").Elements("attribute"))
            {
                var column = (attribute.Element("LogicalName")?.Value ?? string.Empty).Trim().ToLowerInvariant();
                secured[(table, column)] = attribute.Element("IsSecured")?.Value.Trim() == "1";
            }
        }

        foreach (var profile in root.Elements("FieldSecurityProfiles").Elements("FieldSecurityProfile"))
        {
            foreach (var permission in profile.Descendants("FieldPermission"))
            {
                var table = (permission.Element("EntityName")?.Value ?? string.Empty).Trim().ToLowerInvariant();
                var column = (permission.Element("AttributeName")?.Value ?? string.Empty).Trim().ToLowerInvariant();
                if (!secured.TryGetValue((table, column), out var isSecured))
                {
                    yield return $"field security profile '{(string?)profile.Attribute("name")}' grants '{table}.{column}', which no packed table declares; Dataverse would not secure it.";
                }
                else if (!isSecured)
                {
                    yield return $"field security profile '{(string?)profile.Attribute("name")}' grants '{table}.{column}', which the packed table does not declare secured (IsSecured 1).";
                }
            }
        }
    }
}
