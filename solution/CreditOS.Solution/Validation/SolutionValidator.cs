using CreditOS.Solution.Files;
using CreditOS.Solution.Metadata;
using CreditOS.Solution.Validation.Schema;

namespace CreditOS.Solution.Validation;

/// <summary>Runs every consistency check over the unpacked solution.</summary>
public static class SolutionValidator
{
    public static IReadOnlyList<ISolutionCheck> Checks { get; } =
    [
        new WellFormedXmlCheck(),
        new ManifestCheck(),
        new PrefixCheck(),
        new FormCheck(),
        new ViewCheck(),
        new RoleCheck(),
        new FieldSecurityCheck(),
        new AppModuleCheck(),
        new WebResourceCheck(),
        new ChartCheck(),
        new DashboardCheck(),
        new ConfigurationDataCheck(),
        new WorkflowCheck(),
        new SchemaShapeCheck(),
    ];

    /// <summary>Loads the catalog (which fails on malformed tables) and returns every other problem found.</summary>
    public static IReadOnlyList<SolutionProblem> Validate(ISolutionFileSource files)
    {
        var catalog = SolutionMetadataLoader.Load(files);
        var context = new SolutionContext(files, catalog);
        return [.. Checks.SelectMany(check => check.Check(context))];
    }

    public static void ThrowIfInvalid(ISolutionFileSource files)
    {
        var problems = Validate(files);
        if (problems.Count > 0)
        {
            throw new SolutionFormatException("The solution is not consistent:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        }
    }
}
