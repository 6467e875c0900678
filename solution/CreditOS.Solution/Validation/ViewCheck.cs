using System.Xml.Linq;
using CreditOS.Solution.Metadata;

namespace CreditOS.Solution.Validation;

/// <summary>Views query their own table, and every column in the fetch and the layout exists.</summary>
public sealed class ViewCheck : ISolutionCheck
{
    public IEnumerable<SolutionProblem> Check(SolutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var (path, root) in context.Roots(SolutionLayout.Entities, ".xml").Where(r => r.Path.Contains("/SavedQueries/", StringComparison.Ordinal)))
        {
            var tableName = SolutionContext.TableOfEntityFile(path);
            foreach (var query in root.Elements("savedquery"))
            {
                foreach (var message in CheckQuery(context.Catalog, tableName, query))
                {
                    yield return context.Problem(path, message);
                }
            }
        }
    }

    private static IEnumerable<string> CheckQuery(MetadataCatalog catalog, string tableName, XElement query)
    {
        var entity = query.Element("fetchxml")?.Element("fetch")?.Element("entity");
        if (entity is null)
        {
            yield return "the view has no <fetchxml><fetch><entity>.";
            yield break;
        }

        if ((string?)entity.Attribute("name") != tableName)
        {
            yield return $"the view of '{tableName}' queries '{(string?)entity.Attribute("name")}'.";
            yield break;
        }

        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var message in FetchXmlReferences.Check(catalog, entity, aliases))
        {
            yield return message;
        }

        var table = catalog.FindTable(tableName)!;
        foreach (var cell in query.Descendants("cell"))
        {
            var name = (string?)cell.Attribute("name") ?? string.Empty;
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            var exists = dot < 0
                ? table.FindColumn(name) is not null
                : aliases.TryGetValue(name[..dot], out var linked) && catalog.FindTable(linked)?.FindColumn(name[(dot + 1)..]) is not null;
            if (!exists)
            {
                yield return $"layout column '{name}' is not a column of '{tableName}' or of a linked table.";
            }
        }
    }
}
