using CreditOS.Solution.Metadata;

namespace CreditOS.Solution.Validation;

/// <summary>
/// Solution.xml names the creditOS publisher and lists as root components exactly what src/ holds:
/// every entity folder, global choice, role, web resource, environment variable and field security profile.
/// </summary>
public sealed class ManifestCheck : ISolutionCheck
{
    public const string UniqueName = "creditOS";
    public const string PublisherPrefix = "cos";

    private const int EntityType = 1;
    private const int OptionSetType = 9;
    private const int RoleType = 20;
    private const int WebResourceType = 61;
    private const int FieldSecurityProfileType = 70;
    private const int EnvironmentVariableType = 380;

    public IEnumerable<SolutionProblem> Check(SolutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = SolutionLayout.SolutionManifest;
        var manifest = context.Document(path)?.Root?.Element("SolutionManifest");
        if (manifest is null)
        {
            yield return context.Problem(path, "has no <SolutionManifest>.");
            yield break;
        }

        if (manifest.Element("UniqueName")?.Value != UniqueName)
        {
            yield return context.Problem(path, $"the solution's unique name must be '{UniqueName}'.");
        }

        if (manifest.Element("Publisher")?.Element("CustomizationPrefix")?.Value != PublisherPrefix)
        {
            yield return context.Problem(path, $"the publisher's prefix must be '{PublisherPrefix}'.");
        }

        if (!Version.TryParse(manifest.Element("Version")?.Value, out _))
        {
            yield return context.Problem(path, "<Version> must be a version such as 1.0.0.0.");
        }

        var listed = manifest.Element("RootComponents")?.Elements("RootComponent")
            .Select(c => ((int?)c.Attribute("type") ?? -1, ((string?)c.Attribute("schemaName") ?? (string?)c.Attribute("id") ?? string.Empty).ToUpperInvariant()))
            .ToHashSet() ?? [];
        var present = Present(context).ToHashSet();
        foreach (var missing in present.Except(listed))
        {
            yield return context.Problem(path, $"root component of type {missing.Item1} '{missing.Item2.ToLowerInvariant()}' exists in src/ but is not listed.");
        }

        foreach (var extra in listed.Where(l => Checked(l.Item1)).Except(present))
        {
            yield return context.Problem(path, $"root component of type {extra.Item1} '{extra.Item2.ToLowerInvariant()}' is listed but not in src/.");
        }
    }

    private static bool Checked(int type) => type is EntityType or OptionSetType or RoleType or WebResourceType or FieldSecurityProfileType or EnvironmentVariableType;

    private static IEnumerable<(int, string)> Present(SolutionContext context)
    {
        foreach (var path in context.SourceFiles(SolutionLayout.Entities, "/" + SolutionLayout.EntityFileName))
        {
            yield return (EntityType, SolutionContext.TableOfEntityFile(path).ToUpperInvariant());
        }

        foreach (var (_, root) in context.Roots(SolutionLayout.OptionSets, ".xml"))
        {
            yield return (OptionSetType, ((string?)root.Attribute("Name") ?? string.Empty).ToUpperInvariant());
        }

        foreach (var (_, root) in context.Roots(SolutionPaths.Roles, ".xml"))
        {
            yield return (RoleType, ((string?)root.Attribute("id") ?? string.Empty).ToUpperInvariant());
        }

        foreach (var (_, root) in context.Roots(SolutionPaths.WebResources, SolutionPaths.WebResourceDataSuffix))
        {
            yield return (WebResourceType, (root.Element("Name")?.Value ?? string.Empty).ToUpperInvariant());
        }

        foreach (var (_, root) in context.Roots(SolutionPaths.EnvironmentVariables, ".xml"))
        {
            yield return (EnvironmentVariableType, ((string?)root.Attribute("schemaname") ?? string.Empty).ToUpperInvariant());
        }

        if (context.Files.Exists(SolutionPaths.FieldSecurityProfiles) && context.Document(SolutionPaths.FieldSecurityProfiles)?.Root is { } profiles)
        {
            foreach (var profile in profiles.Elements("FieldSecurityProfile"))
            {
                yield return (FieldSecurityProfileType, ((string?)profile.Attribute("fieldsecurityprofileid") ?? string.Empty).ToUpperInvariant());
            }
        }
    }
}
