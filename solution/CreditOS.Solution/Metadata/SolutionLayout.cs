namespace CreditOS.Solution.Metadata;

/// <summary>Where things live in the solution folder (paths relative to <c>solution/</c>).</summary>
public static class SolutionLayout
{
    public const string Source = "src";
    public const string StandardTables = "standard-tables";
    public const string Entities = "src/Entities";
    public const string OptionSets = "src/OptionSets";
    public const string Relationships = "src/Other/Relationships";
    public const string SolutionManifest = "src/Other/Solution.xml";
    public const string Customizations = "src/Other/Customizations.xml";
    public const string StandardRelationships = "standard-tables/Relationships.xml";
    public const string EntityFileName = "Entity.xml";
}
