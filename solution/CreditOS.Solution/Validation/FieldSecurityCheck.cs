namespace CreditOS.Solution.Validation;

/// <summary>Field security profiles grant access only to secured columns that exist.</summary>
public sealed class FieldSecurityCheck : ISolutionCheck
{
    public IEnumerable<SolutionProblem> Check(SolutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Files.Exists(SolutionPaths.FieldSecurityProfiles) || context.Document(SolutionPaths.FieldSecurityProfiles)?.Root is not { } root)
        {
            yield break;
        }

        foreach (var permission in root.Descendants("FieldPermission"))
        {
            var table = (string?)permission.Attribute("entityname") ?? string.Empty;
            var column = (string?)permission.Attribute("attributelogicalname") ?? string.Empty;
            var definition = context.Catalog.FindTable(table)?.FindColumn(column);
            if (definition is null)
            {
                yield return context.Problem(SolutionPaths.FieldSecurityProfiles, $"field permission names unknown column '{table}.{column}'.");
            }
            else if (!definition.IsSecured)
            {
                yield return context.Problem(SolutionPaths.FieldSecurityProfiles, $"field permission on '{table}.{column}', which is not a secured column.");
            }
        }
    }
}
