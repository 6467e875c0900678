namespace CreditOS.Solution.Validation;

/// <summary>The configuration data (queues, Finance team, approval routing) names real tables and columns.</summary>
public sealed class ConfigurationDataCheck : ISolutionCheck
{
    public IEnumerable<SolutionProblem> Check(SolutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var (path, root) in context.Roots(SolutionPaths.Data, ".xml"))
        {
            foreach (var entity in root.Elements("entity"))
            {
                var tableName = (string?)entity.Attribute("name") ?? string.Empty;
                var table = context.Catalog.FindTable(tableName);
                if (table is null)
                {
                    yield return context.Problem(path, $"data for unknown table '{tableName}'.");
                    continue;
                }

                foreach (var field in entity.Descendants("field"))
                {
                    var column = (string?)field.Attribute("name") ?? string.Empty;
                    var definition = table.FindColumn(column);
                    if (definition is null)
                    {
                        yield return context.Problem(path, $"data field '{column}' is not a column of '{tableName}'.");
                    }
                    else if ((string?)field.Attribute("lookupentity") is { } target && !definition.Targets.Contains(target))
                    {
                        yield return context.Problem(path, $"data field '{tableName}.{column}' points at '{target}', which it cannot target.");
                    }
                }
            }
        }
    }
}
