namespace CreditOS.Solution.Validation;

/// <summary>Everything creditOS adds carries the publisher prefix, so it never collides with Microsoft's or another vendor's names.</summary>
public sealed class PrefixCheck : ISolutionCheck
{
    private const string Prefix = ManifestCheck.PublisherPrefix + "_";

    public IEnumerable<SolutionProblem> Check(SolutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var table in context.Catalog.Tables)
        {
            if (table.IsCustom && !table.LogicalName.StartsWith(Prefix, StringComparison.Ordinal))
            {
                yield return new SolutionProblem(table.LogicalName, $"custom table '{table.LogicalName}' lacks the '{Prefix}' prefix.");
            }

            foreach (var column in table.Columns.Values.Where(c => c.IsCustom && !c.LogicalName.StartsWith(Prefix, StringComparison.Ordinal)))
            {
                yield return new SolutionProblem(table.LogicalName, $"custom column '{table.LogicalName}.{column.LogicalName}' lacks the '{Prefix}' prefix.");
            }
        }
    }
}
