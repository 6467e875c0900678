using System.Xml.Linq;

namespace CreditOS.Solution.Validation;

/// <summary>
/// Dashboards (src/Dashboards/{id}.xml): an id and one dashboard form; each chart control shows a
/// real table through one of its views and one of its charts; the dashboard is a root component of the solution and
/// in the app.
/// </summary>
public sealed class DashboardCheck : ISolutionCheck
{
    /// <summary>The class id of the grid/chart control on forms and dashboards.</summary>
    public const string GridControlClassId = "{E7A81278-8635-4d9e-8D4D-59480B391C5B}";

    private const int FormComponent = 60;

    public IEnumerable<SolutionProblem> Check(SolutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var views = context.ViewTables();
        var charts = context.ChartTables();
        var rootComponents = RootComponentIds(context, "RootComponent");
        var appComponents = RootComponentIds(context, "AppModuleComponent");
        foreach (var (path, root) in context.Roots(SolutionPaths.Dashboards, ".xml"))
        {
            var id = Guid.TryParse(root.Element("FormId")?.Value, out var formId) ? formId : Guid.Empty;
            if (id == Guid.Empty || root.Element("FormXml")?.Elements("forms").Elements("form").Count() != 1)
            {
                yield return context.Problem(path, "a dashboard needs a <FormId> and exactly one <FormXml><forms><form> (as exported: no <systemform> around it).");
            }

            if ((string?)root.Element("FormXml")?.Element("forms")?.Attribute("type") != "dashboard")
            {
                yield return context.Problem(path, "a dashboard's <FormXml><forms> must have type=\"dashboard\".");
            }

            if (!rootComponents.Contains(id))
            {
                yield return context.Problem(path, $"dashboard {id} is not a root component (type 60) of src/Other/Solution.xml.");
            }

            if (!appComponents.Contains(id))
            {
                yield return context.Problem(path, $"dashboard {id} is not in the app (AppModuleComponent type 60).");
            }

            var controls = root.Descendants("control").Where(c => string.Equals((string?)c.Attribute("classid"), GridControlClassId, StringComparison.OrdinalIgnoreCase)).ToList();
            if (controls.Count == 0)
            {
                yield return context.Problem(path, "the dashboard shows no chart or grid.");
            }

            foreach (var control in controls)
            {
                foreach (var message in CheckControl(control, views, charts))
                {
                    yield return context.Problem(path, message);
                }
            }
        }
    }

    private static IEnumerable<string> CheckControl(XElement control, Dictionary<Guid, string> views, Dictionary<Guid, string> charts)
    {
        var name = (string?)control.Attribute("id");
        var parameters = control.Element("parameters");
        var table = parameters?.Element("TargetEntityType")?.Value;
        if (table is null)
        {
            yield return $"dashboard control '{name}' names no <TargetEntityType>.";
            yield break;
        }

        if (!Guid.TryParse(parameters!.Element("ViewId")?.Value, out var view) || !views.TryGetValue(view, out var viewTable) || viewTable != table)
        {
            yield return $"dashboard control '{name}' uses view {parameters.Element("ViewId")?.Value}, which is not a view of '{table}' in the solution.";
        }

        if (parameters.Element("ChartGridMode")?.Value is "Chart" or "All"
            && (!Guid.TryParse(parameters.Element("VisualizationId")?.Value, out var chart) || !charts.TryGetValue(chart, out var chartTable) || chartTable != table))
        {
            yield return $"dashboard control '{name}' shows chart {parameters.Element("VisualizationId")?.Value}, which is not a chart of '{table}' in the solution.";
        }
    }

    private static HashSet<Guid> RootComponentIds(SolutionContext context, string element) =>
        [.. context.Roots("src", ".xml")
            .Where(r => r.Path.EndsWith("Solution.xml", StringComparison.Ordinal) || r.Path.EndsWith("AppModule.xml", StringComparison.Ordinal))
            .SelectMany(r => r.Root.Descendants(element))
            .Where(c => (int?)c.Attribute("type") == FormComponent)
            .Select(c => Guid.TryParse((string?)c.Attribute("id"), out var id) ? id : Guid.Empty)];
}
