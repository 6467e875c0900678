using System.Xml.Linq;
using CreditOS.Solution.Files;
using CreditOS.Solution.Metadata;

namespace CreditOS.Solution.Validation;

/// <summary>What the checks share: the files, the catalog, and each XML file parsed once.</summary>
public sealed class SolutionContext
{
    private readonly Dictionary<string, XDocument?> _documents = new(StringComparer.Ordinal);

    public SolutionContext(ISolutionFileSource files, MetadataCatalog catalog)
    {
        Files = files ?? throw new ArgumentNullException(nameof(files));
        Catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
    }

    public ISolutionFileSource Files { get; }
    public MetadataCatalog Catalog { get; }

    public IReadOnlyList<string> SourceFiles(string folder, string suffix) =>
        [.. Files.List(folder).Where(p => p.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The parsed file, or null when it is not well-formed (the well-formedness check reports that).</summary>
    public XDocument? Document(string path)
    {
        if (!_documents.TryGetValue(path, out var document))
        {
            try
            {
                document = SolutionXml.Load(Files, path);
            }
            catch (SolutionFormatException)
            {
                document = null;
            }

            _documents[path] = document;
        }

        return document;
    }

    public SolutionProblem Problem(string path, string message) => new(Files.Describe(path), message);

    /// <summary>The table whose folder (src/Entities/&lt;table&gt;/...) holds the file.</summary>
    public static string TableOfEntityFile(string path) => path.Split('/')[2];

    public IEnumerable<(string Path, XElement Root)> Roots(string folder, string suffix)
    {
        foreach (var path in SourceFiles(folder, suffix))
        {
            if (Document(path)?.Root is { } root)
            {
                yield return (path, root);
            }
        }
    }

    public HashSet<Guid> ViewIds() => Ids(SolutionLayout.Entities, "savedqueryid", p => p.Contains("/SavedQueries/", StringComparison.Ordinal));

    /// <summary>Forms of tables and dashboards (both are system forms, component type 60).</summary>
    public HashSet<Guid> FormIds() =>
        [.. Ids(SolutionLayout.Entities, "formid", p => p.Contains("/FormXml/", StringComparison.Ordinal)), .. Ids(SolutionPaths.Dashboards, "FormId", _ => true)];

    /// <summary>Charts (savedqueryvisualization, component type 59) by id, with the table they chart.</summary>
    public Dictionary<Guid, string> ChartTables() =>
        Roots(SolutionLayout.Entities, ".xml").Where(r => r.Path.Contains(SolutionPaths.VisualizationsFolder, StringComparison.Ordinal))
            .Select(r => (Id: Guid.TryParse(r.Root.Element("savedqueryvisualizationid")?.Value, out var id) ? id : Guid.Empty, Table: TableOfEntityFile(r.Path)))
            .GroupBy(c => c.Id)
            .ToDictionary(g => g.Key, g => g.First().Table);

    /// <summary>Views by id, with the table they query.</summary>
    public Dictionary<Guid, string> ViewTables() =>
        Roots(SolutionLayout.Entities, ".xml").Where(r => r.Path.Contains("/SavedQueries/", StringComparison.Ordinal))
            .SelectMany(r => r.Root.Descendants("savedqueryid").Select(e => (Id: Guid.TryParse(e.Value, out var id) ? id : Guid.Empty, Table: TableOfEntityFile(r.Path))))
            .GroupBy(v => v.Id)
            .ToDictionary(g => g.Key, g => g.First().Table);

    public HashSet<Guid> RoleIds() =>
        [.. Roots(SolutionPaths.Roles, ".xml").Select(r => Guid.TryParse((string?)r.Root.Attribute("id"), out var id) ? id : Guid.Empty)];

    private HashSet<Guid> Ids(string folder, string element, Func<string, bool> include) =>
        [.. Roots(folder, ".xml").Where(r => include(r.Path))
            .SelectMany(r => r.Root.Descendants(element))
            .Select(e => Guid.TryParse(e.Value, out var id) ? id : Guid.Empty)];
}
