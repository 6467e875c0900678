using System.Text.RegularExpressions;
using CreditOS.Solution.Metadata;

namespace CreditOS.Solution.Validation;

/// <summary>
/// Each web resource has its file and its .data.xml; command bars and form and dashboard web resource controls use only web
/// resources that exist (by name and id); an HTML web resource loads only other web resources of the solution, by
/// relative path (no CDN, nothing from outside).
/// </summary>
public sealed partial class WebResourceCheck : ISolutionCheck
{
    private const string WebResourcesFolder = "src/WebResources/";

    public IEnumerable<SolutionProblem> Check(SolutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var html = new List<string>();
        foreach (var (path, root) in context.Roots(SolutionPaths.WebResources, SolutionPaths.WebResourceDataSuffix))
        {
            var name = root.Element("Name")?.Value ?? string.Empty;
            names.Add(name);
            ids[name] = Guid.TryParse(root.Element("WebResourceId")?.Value, out var id) ? id : Guid.Empty;
            if (root.Element("WebResourceType")?.Value == "1")
            {
                html.Add(name);
            }

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

        // Forms' and dashboards' web resource controls (the dashboard's Aging is one since issue 15, session 16).
        foreach (var (path, root) in context.Roots(SolutionLayout.Entities, ".xml").Where(r => r.Path.Contains("/FormXml/", StringComparison.Ordinal)).Concat(context.Roots(SolutionPaths.Dashboards, ".xml")))
        {
            foreach (var control in root.Descendants("control").Where(c => string.Equals((string?)c.Attribute("classid"), WebResourceControlClassId, StringComparison.OrdinalIgnoreCase)))
            {
                var url = control.Element("parameters")?.Element("Url")?.Value ?? string.Empty;
                if (!names.Contains(url))
                {
                    yield return context.Problem(path, $"web resource control '{(string?)control.Attribute("id")}' shows '{url}', which the solution does not define.");
                }
                else if (Guid.TryParse(control.Element("parameters")?.Element("WebResourceId")?.Value, out var declared) && declared != ids[url])
                {
                    yield return context.Problem(path, $"web resource control '{(string?)control.Attribute("id")}' names '{url}' with id {declared}, but that web resource's id is {ids[url]}.");
                }
            }
        }

        foreach (var name in html.Where(n => context.Files.Exists(WebResourcesFolder + n)))
        {
            var folder = name.Contains('/', StringComparison.Ordinal) ? name[..(name.LastIndexOf('/') + 1)] : string.Empty;
            foreach (Match reference in HtmlReference().Matches(Text(context, WebResourcesFolder + name)))
            {
                var target = reference.Groups[2].Value;
                if (target.Contains(':', StringComparison.Ordinal) || target.StartsWith("//", StringComparison.Ordinal) || target.StartsWith('/'))
                {
                    yield return context.Problem(WebResourcesFolder + name, $"loads '{target}': an HTML web resource loads only the solution's web resources, by relative path (no CDN).");
                    continue;
                }

                var resolved = Resolve(folder, target);
                if (!names.Contains(resolved))
                {
                    yield return context.Problem(WebResourcesFolder + name, $"loads '{target}' ({resolved}), which is not a web resource of the solution.");
                }
            }
        }
    }

    private static string Text(SolutionContext context, string path)
    {
        using var reader = new StreamReader(context.Files.Open(path));
        return reader.ReadToEnd();
    }

    /// <summary>The class id Dataverse gives a web resource control on a form.</summary>
    public const string WebResourceControlClassId = "{9FDF5F91-88B1-47f4-AD53-C11EFC01A01D}";

    private static string Resolve(string folder, string relative)
    {
        var parts = new List<string>(folder.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var segment in relative.Split('?')[0].Split('/'))
        {
            if (segment == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (segment is not "." and not "")
            {
                parts.Add(segment);
            }
        }

        return string.Join('/', parts);
    }

    [GeneratedRegex(@"<(?:script|link|img)\b[^>]*?\b(src|href)\s*=\s*[""']([^""']+)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlReference();

    [GeneratedRegex(@"^\$webresource:(.+)$")]
    private static partial Regex WebResourceReference();
}
