using System.Globalization;
using System.Xml.Linq;
using CreditOS.Solution.Files;

namespace CreditOS.Solution.Validation;

/// <summary>A field security profile of src/Other/FieldSecurityProfiles.xml.</summary>
public sealed record FieldSecurityProfile(Guid Id, string Name, string? Description, IReadOnlyList<FieldPermission> Permissions);

/// <summary>
/// One column permission of a profile. Read, Update and Create hold the file's values: 4 allowed, 0 not (as Dataverse
/// stores them); ReadUnmasked likewise, 0 when absent.
/// </summary>
public sealed record FieldPermission(string Table, string Column, int Read, int Update, int Create, int ReadUnmasked)
{
    public const int Allowed = 4;

    public bool CanRead => Read == Allowed;

    public bool CanUpdate => Update == Allowed;

    public bool CanCreate => Create == Allowed;
}

/// <summary>
/// Reads the field security profiles in the format of an export (child elements EntityName, AttributeName, CanRead,
/// CanUpdate, CanCreate, CanReadUnmasked), so that hosts need not parse the XML themselves.
/// </summary>
public static class FieldSecurityProfileReader
{
    public static IReadOnlyList<FieldSecurityProfile> Read(ISolutionFileSource files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (!files.Exists(SolutionPaths.FieldSecurityProfiles))
        {
            return [];
        }

        XElement root;
        try
        {
            root = SolutionXml.Load(files, SolutionPaths.FieldSecurityProfiles).Root!;
        }
        catch (SolutionFormatException)
        {
            return []; // the well-formedness check reports it
        }

        return [.. root.Elements("FieldSecurityProfile").Select(p => new FieldSecurityProfile(
            Guid.TryParse((string?)p.Attribute("fieldsecurityprofileid"), out var id) ? id : Guid.Empty,
            (string?)p.Attribute("name") ?? string.Empty,
            (string?)p.Attribute("description"),
            [.. p.Descendants("FieldPermission").Select(Permission)]))];
    }

    private static FieldPermission Permission(XElement permission) => new(
        (permission.Element("EntityName")?.Value ?? string.Empty).Trim(),
        (permission.Element("AttributeName")?.Value ?? string.Empty).Trim(),
        Number(permission, "CanRead"),
        Number(permission, "CanUpdate"),
        Number(permission, "CanCreate"),
        Number(permission, "CanReadUnmasked"));

    private static int Number(XElement permission, string name) =>
        int.TryParse(permission.Element(name)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
