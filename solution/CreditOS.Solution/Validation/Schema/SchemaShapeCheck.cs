using CreditOS.Solution.Metadata;

namespace CreditOS.Solution.Validation.Schema;

/// <summary>
/// Each component file of src/ has the shape Microsoft's solution schema gives it once packed into customizations.xml
/// (element order, allowed and required elements): tables, roles, workflows, field security, relationships, choices,
/// web resources, the app and its site map, and the skeleton Customizations.xml.
/// </summary>
public sealed class SchemaShapeCheck : ISolutionCheck
{
    public IEnumerable<SolutionProblem> Check(SolutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        (string Folder, string Suffix, string? Section)[] components =
        [
            (SolutionLayout.Customizations, ".xml", null),
            (SolutionLayout.Entities, "/" + SolutionLayout.EntityFileName, "Entities"),
            (SolutionPaths.Roles, ".xml", "Roles"),
            (SolutionPaths.Workflows, WorkflowCheck.DefinitionSuffix, "Workflows"),
            (SolutionPaths.FieldSecurityProfiles, ".xml", null),
            (SolutionLayout.Relationships, ".xml", null),
            (SolutionLayout.OptionSets, ".xml", "optionsets"),
            (SolutionPaths.WebResources, SolutionPaths.WebResourceDataSuffix, "WebResources"),
            (SolutionPaths.AppModules, ".xml", "AppModules"),
            (SolutionPaths.SiteMaps, ".xml", "AppModuleSiteMaps"),
        ];
        foreach (var (folder, suffix, section) in components)
        {
            var paths = folder.EndsWith(".xml", StringComparison.Ordinal)
                ? (context.Files.Exists(folder) ? [folder] : [])
                : context.SourceFiles(folder, suffix);
            foreach (var path in paths)
            {
                if (context.Document(path)?.Root is not { } root)
                {
                    continue;
                }

                foreach (var problem in SchemaShapeValidator.Check(root, section))
                {
                    yield return context.Problem(path, problem);
                }
            }
        }
    }
}
