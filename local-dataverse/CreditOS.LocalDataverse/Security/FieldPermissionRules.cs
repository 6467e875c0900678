using System.Globalization;
using CreditOS.LocalDataverse.Faults;
using CreditOS.Solution.Metadata;
using CreditOS.Solution.Security;

namespace CreditOS.LocalDataverse.Security;

/// <summary>
/// What field security can do with a column, and the field permissions Dataverse refuses to hold.
/// "Boolean attributes can be secured for create and update operations but not for read" ("Field security tables",
/// powerapps-docs developer/data-platform/field-security-entities, 2021; today's "Column-level security with code" sends the
/// reader to <c>AttributeMetadata.CanBeSecuredForRead</c>: "Some columns might only be secured for one or two of the three
/// operations"). So a secured yes/no column is read by everyone, and a permission that grants its read is
/// AttributePermissionIsInvalid 0x8004F50E ("Permission '{0}' for field '{1}' with id={2} is invalid because '{3}' is false.").
/// (A permission on a column that is not secured, AttributeNotSecured 0x8004F508, is not refused: tests pair the solution's
/// profiles with catalogs of their own where those columns are not secured.) Before session 20 secured yes/no columns were
/// hidden from readers without a profile, which Dataverse cannot do.
/// </summary>
internal static class FieldPermissionRules
{
    /// <summary>CanBeSecuredForRead: false for yes/no columns.</summary>
    public static bool CanBeSecuredForRead(ColumnDefinition column) => column.Type != ColumnType.Boolean;

    /// <summary>A secured column whose read field security controls.</summary>
    public static bool IsReadSecured(ColumnDefinition column) => column.IsSecured && CanBeSecuredForRead(column);

    /// <summary>Refuses, as the import of the profile would, a permission Dataverse cannot hold. Columns the metadata lacks are left alone.</summary>
    public static void Validate(MetadataCatalog metadata, FieldSecurityProfileDefinition profile)
    {
        foreach (var permission in profile.Permissions)
        {
            if (metadata.FindTable(permission.Table)?.FindColumn(permission.Column) is not { } column)
            {
                continue;
            }

            if (permission.CanRead && !CanBeSecuredForRead(column))
            {
                throw DataverseFault.Create(
                    DataverseErrorCodes.AttributePermissionIsInvalid,
                    Invariant($"Permission 'CanRead' for field '{permission.Column}' with id={profile.Id:D} is invalid because 'CanBeSecuredForRead' is false. (Profile '{profile.Name}', table {permission.Table}: a yes/no column cannot be secured for read.)"));
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
