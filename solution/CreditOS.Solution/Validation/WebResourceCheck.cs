using System.Text.RegularExpressions;
using CreditOS.Solution.Metadata;

namespace CreditOS.Solution.Validation;

/// <summary>Each web resource has its file and its .data.xml; command bars call only web resources that exist.</summary>
public sealed partial class WebResourceCheck : ISolutionCheck
{
    private const string WebResourcesFolder = "src/WebResources/";

    public IEnumerable<SolutionProblem> Check(SolutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, root) in context.Roots(SolutionPaths.WebResources, SolutionPaths.WebResourceDataSuffix))
        {
            var name = root.Element("Name")?.Value ?? string.Empty;
            names.Add(name);
            if (!context.Files.Exists(WebResourcesFolder + name))
            {
                yield return context.Problem(path, $"web resource '{name}' has no file {WebResourcesFolder}{name}.");
            }
        }

        foreach (var path in context.SourceFiles(SolutionLayout.Entities, "/RibbonDiff.xml"))
        {
            var ribbon = context.Document(path);
            if (ribbon?.Root is null)
            {
                continue;
            }

            foreach (var library in ribbon.Root.Descendants().Select(e => (string?)e.Attribute("Library")).OfType<string>())
            {
                var match = WebResourceReference().Match(library);
                if (match.Success && !names.Contains(match.Groups[1].Value))
                {
                    yield return context.Problem(path, $"command calls web resource '{match.Groups[1].Value}', which the solution does not define.");
                }
            }
        }
    }

    [GeneratedRegex(@"^\$webresource:(.+)$")]
    private static partial Regex WebResourceReference();
}
