using CreditOS.Solution.Metadata;

namespace CreditOS.Solution.Validation;

/// <summary>Classic workflows (src/Workflows/*.xaml.data.xml) point at their .xaml, a known table and known trigger columns.</summary>
public sealed class WorkflowCheck : ISolutionCheck
{
    public const string DefinitionSuffix = ".xaml.data.xml";

    public IEnumerable<SolutionProblem> Check(SolutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var (path, root) in context.Roots(SolutionPaths.Workflows, DefinitionSuffix))
        {
            var xaml = root.Element("XamlFileName")?.Value.TrimStart('/');
            if (xaml is null || !context.Files.Exists("src/" + xaml))
            {
                yield return context.Problem(path, $"the workflow's <XamlFileName> '{xaml}' is not a file under src/.");
            }

            var tableName = root.Element("PrimaryEntity")?.Value ?? string.Empty;
            var table = context.Catalog.FindTable(tableName);
            if (table is null)
            {
                yield return context.Problem(path, $"the workflow runs on unknown table '{tableName}'.");
                continue;
            }

            var triggers = (root.Element("TriggerOnUpdateAttributeList")?.Value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var column in triggers.Where(c => table.FindColumn(c) is null))
            {
                yield return context.Problem(path, $"the workflow triggers on column '{column}', which table '{tableName}' does not have.");
            }
        }
    }
}
