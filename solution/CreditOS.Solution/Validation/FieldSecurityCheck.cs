using CreditOS.Solution.Metadata;
using CreditOS.Solution.Packing;

namespace CreditOS.Solution.Validation;

/// <summary>
/// Field security profiles grant access only to secured columns that exist and that the packed solution declares
/// secured: a custom column in its src/ table, a standard column (secured in standard-tables/) on a table the solution
/// carries in src/Entities, where the packer puts it.
/// </summary>
public sealed class FieldSecurityCheck : ISolutionCheck
{
    public IEnumerable<SolutionProblem> Check(SolutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var table in SecuredStandardColumns.Tables(context).Where(t => !context.Files.Exists(EntityFile(t))))
        {
            yield return context.Problem($"{SolutionLayout.StandardTables}/{table}/{SolutionLayout.EntityFileName}",
                $"declares secured columns, but the solution does not carry table '{table}' ({EntityFile(table)}), so they would not be packed secured.");
        }

        foreach (var permission in FieldSecurityProfileReader.Read(context.Files).SelectMany(p => p.Permissions))
        {
            var definition = context.Catalog.FindTable(permission.Table)?.FindColumn(permission.Column);
            if (definition is null)
            {
                yield return context.Problem(SolutionPaths.FieldSecurityProfiles, $"field permission names unknown column '{permission.Table}.{permission.Column}'.");
            }
            else if (!definition.IsSecured)
            {
                yield return context.Problem(SolutionPaths.FieldSecurityProfiles, $"field permission on '{permission.Table}.{permission.Column}', which is not a secured column.");
            }
        }
    }

    private static string EntityFile(string table) => $"{SolutionLayout.Entities}/{table}/{SolutionLayout.EntityFileName}";
}
