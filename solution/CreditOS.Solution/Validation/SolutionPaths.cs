namespace CreditOS.Solution.Validation;

/// <summary>Folders of solution components besides tables (paths relative to solution/).</summary>
public static class SolutionPaths
{
    public const string Roles = "src/Roles";
    public const string AppModules = "src/AppModules";
    public const string SiteMaps = "src/AppModuleSiteMaps";
    public const string WebResources = "src/WebResources";
    public const string Dashboards = "src/Dashboards";

    /// <summary>Charts (savedqueryvisualization) live beside a table's views: src/Entities/&lt;table&gt;/Visualizations/{id}.xml.</summary>
    public const string VisualizationsFolder = "/Visualizations/";
    public const string EnvironmentVariables = "src/environmentvariabledefinitions";
    public const string FieldSecurityProfiles = "src/Other/FieldSecurityProfiles.xml";
    public const string Workflows = "src/Workflows";
    public const string Data = "data";
    public const string WebResourceDataSuffix = ".data.xml";
}
