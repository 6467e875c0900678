using System.Xml.Linq;

namespace CreditOS.Solution.Validation;

/// <summary>
/// The model-driven app and its site map name tables, forms, views and roles that exist, and the app's icon
/// (WebResourceId, which the schema requires) is a web resource of the solution.
/// </summary>
public sealed class AppModuleCheck : ISolutionCheck
{
    private const int TableComponent = 1;
    private const int ViewComponent = 26;
    private const int FormComponent = 60;
    private const int SiteMapComponent = 62;

    public IEnumerable<SolutionProblem> Check(SolutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var views = context.ViewIds();
        var forms = context.FormIds();
        var roles = context.RoleIds();
        var siteMaps = context.Roots(SolutionPaths.SiteMaps, ".xml").Select(r => r.Root.Element("SiteMapUniqueName")?.Value).ToHashSet(StringComparer.Ordinal);
        var webResources = context.Roots(SolutionPaths.WebResources, SolutionPaths.WebResourceDataSuffix)
            .Select(r => Guid.TryParse(r.Root.Element("WebResourceId")?.Value, out var id) ? id : Guid.Empty).ToHashSet();
        foreach (var (path, root) in context.Roots(SolutionPaths.AppModules, ".xml"))
        {
            var icon = root.Element("WebResourceId")?.Value.Trim();
            if (icon is not null && !(Guid.TryParse(icon, out var iconId) && webResources.Contains(iconId)))
            {
                yield return context.Problem(path, $"the app's icon <WebResourceId> {icon} is not a web resource of the solution (src/WebResources).");
            }

            foreach (var component in root.Descendants("AppModuleComponent"))
            {
                var type = (int?)component.Attribute("type");
                var schemaName = (string?)component.Attribute("schemaName");
                var id = Guid.TryParse((string?)component.Attribute("id"), out var parsed) ? parsed : Guid.Empty;
                var problem = type switch
                {
                    TableComponent when context.Catalog.FindTable(schemaName ?? string.Empty) is null => $"app component names unknown table '{schemaName}'.",
                    ViewComponent when !views.Contains(id) => $"app component names view {id}, which the solution does not define.",
                    FormComponent when !forms.Contains(id) => $"app component names form {id}, which the solution does not define.",
                    SiteMapComponent when !siteMaps.Contains(schemaName) => $"app component names site map '{schemaName}', which the solution does not define.",
                    _ => null,
                };
                if (problem is not null)
                {
                    yield return context.Problem(path, problem);
                }
            }

            foreach (var role in root.Descendants("AppModuleRoleMaps").Elements("Role"))
            {
                if (!Guid.TryParse((string?)role.Attribute("id"), out var roleId) || !roles.Contains(roleId))
                {
                    yield return context.Problem(path, $"the app is shared with role {(string?)role.Attribute("id")}, which the solution does not define.");
                }
            }
        }

        foreach (var (path, root) in context.Roots(SolutionPaths.SiteMaps, ".xml"))
        {
            foreach (var subArea in root.Descendants("SubArea"))
            {
                var entity = (string?)subArea.Attribute("Entity");
                if (entity is not null && context.Catalog.FindTable(entity) is null)
                {
                    yield return context.Problem(path, $"site map area '{(string?)subArea.Attribute("Id")}' shows unknown table '{entity}'.");
                }
            }
        }
    }
}
