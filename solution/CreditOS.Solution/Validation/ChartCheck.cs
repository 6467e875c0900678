using System.Xml;
using System.Xml.Linq;
using CreditOS.Solution.Metadata;

namespace CreditOS.Solution.Validation;

/// <summary>
/// System charts (src/Entities/&lt;table&gt;/Visualizations/{id}.xml): the data description is an aggregate FetchXML
/// over the chart's own table naming real columns, every category and measure alias is defined by the fetch, and
/// the presentation has one series per measure.
/// </summary>
public sealed class ChartCheck : ISolutionCheck
{
    public IEnumerable<SolutionProblem> Check(SolutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var (path, root) in context.Roots(SolutionLayout.Entities, ".xml").Where(r => r.Path.Contains(SolutionPaths.VisualizationsFolder, StringComparison.Ordinal)))
        {
            foreach (var message in CheckChart(context.Catalog, SolutionContext.TableOfEntityFile(path), root))
            {
                yield return context.Problem(path, message);
            }
        }
    }

    private static IEnumerable<string> CheckChart(MetadataCatalog catalog, string tableName, XElement chart)
    {
        if (!Guid.TryParse(chart.Element("savedqueryvisualizationid")?.Value, out _))
        {
            yield return "the chart has no <savedqueryvisualizationid>.";
        }

        if (chart.Element("LocalizedNames")?.Element("LocalizedName")?.Attribute("description") is null)
        {
            yield return "the chart has no name (<LocalizedNames>).";
        }

        var data = Parse(chart.Element("datadescription")?.Value);
        var presentation = Parse(chart.Element("presentationdescription")?.Value);
        if (data is null || presentation is null)
        {
            yield return "the chart's <datadescription> and <presentationdescription> must each hold one well-formed XML document (escaped, as Dataverse exports them).";
            yield break;
        }

        var fetch = data.Descendants("fetch").FirstOrDefault();
        var entity = fetch?.Element("entity");
        if (entity is null)
        {
            yield return "the chart's data description has no <fetch><entity>.";
            yield break;
        }

        if ((string?)entity.Attribute("name") != tableName)
        {
            yield return $"the chart of '{tableName}' fetches '{(string?)entity.Attribute("name")}'.";
            yield break;
        }

        if ((string?)fetch!.Attribute("aggregate") != "true")
        {
            yield return "the chart's fetch must be an aggregate (aggregate=\"true\").";
        }

        foreach (var message in FetchXmlReferences.Check(catalog, entity, new Dictionary<string, string>(StringComparer.Ordinal)))
        {
            yield return message;
        }

        var aliases = entity.Elements("attribute").Select(a => (string?)a.Attribute("alias")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var categories = data.Descendants("category").ToList();
        if (categories.Count == 0)
        {
            yield return "the chart's data description has no <category>.";
        }

        foreach (var alias in categories.Select(c => (string?)c.Attribute("alias")).Concat(data.Descendants("measure").Select(m => (string?)m.Attribute("alias"))))
        {
            if (alias is null || !aliases.Contains(alias))
            {
                yield return $"the chart's category or measure '{alias}' is not an alias of the fetch's attributes.";
            }
        }

        var measures = data.Descendants("measure").Count();
        var series = presentation.Element("Series")?.Elements("Series").Count() ?? 0;
        if (measures != series)
        {
            yield return $"the chart has {measures} measures but its presentation draws {series} series.";
        }
    }

    private static XElement? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return XElement.Parse(text);
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
