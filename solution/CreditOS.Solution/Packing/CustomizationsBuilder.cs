using System.Xml.Linq;
using CreditOS.Solution.Files;
using CreditOS.Solution.Metadata;
using CreditOS.Solution.Packing.Registrations;
using CreditOS.Solution.Validation;
using CreditOS.Solution.Validation.Schema;

namespace CreditOS.Solution.Packing;

/// <summary>
/// Assembles customizations.xml the way the solution packager does: the skeleton from src/Other/Customizations.xml,
/// each table's Entity.xml with its forms, views, charts and command bar, roles, relationships, choices, the app,
/// dashboards, web resources, plus the plugin assemblies and steps generated from their attributes. Sections go where the
/// solution schema's sequence puts them (<see cref="CustomizationsSchema.TopLevelOrder"/>), whatever the skeleton holds.
/// </summary>
internal sealed class CustomizationsBuilder(SolutionContext context)
{
    private const string FormsFolder = "/FormXml/";
    private const string ViewsFolder = "/SavedQueries/";
    private const string RibbonFile = "/RibbonDiff.xml";

    public XDocument Build(IReadOnlyList<PluginAssemblyDescription> assemblies, string workflowGroup)
    {
        var document = new XDocument(Root(SolutionLayout.Customizations));
        var root = document.Root!;
        Set(root, "Entities", Entities());
        Set(root, "Roles", Roots(SolutionPaths.Roles, ".xml"));
        Set(root, "Workflows", Roots(SolutionPaths.Workflows, WorkflowCheck.DefinitionSuffix));
        Set(root, "FieldSecurityProfiles", context.Files.Exists(SolutionPaths.FieldSecurityProfiles) ? Root(SolutionPaths.FieldSecurityProfiles).Elements() : []);
        Set(root, "EntityRelationships", Roots(SolutionLayout.Relationships, ".xml").SelectMany(r => r.Elements("EntityRelationship")));
        Set(root, "optionsets", Roots(SolutionLayout.OptionSets, ".xml"));
        Set(root, "SolutionPluginAssemblies", assemblies.Select(a => RegistrationXml.Assembly(a, workflowGroup)));
        Set(root, "SdkMessageProcessingSteps", assemblies.SelectMany(a => a.Steps.Select(s => RegistrationXml.Step(a, s))));
        Set(root, "AppModuleSiteMaps", Roots(SolutionPaths.SiteMaps, ".xml"));
        Set(root, "AppModules", Roots(SolutionPaths.AppModules, ".xml"));
        Set(root, "Dashboards", Roots(SolutionPaths.Dashboards, ".xml"));
        Set(root, "WebResources", Roots(SolutionPaths.WebResources, SolutionPaths.WebResourceDataSuffix));
        return document;
    }

    private IEnumerable<XElement> Entities()
    {
        foreach (var path in context.SourceFiles(SolutionLayout.Entities, "/" + SolutionLayout.EntityFileName))
        {
            var folder = path[..^SolutionLayout.EntityFileName.Length];
            var entity = Root(path);
            AddSecuredStandardColumns(entity, SolutionContext.TableOfEntityFile(path));
            var files = context.Files.List(folder.TrimEnd('/'));
            var forms = files.Where(f => f.Contains(FormsFolder, StringComparison.Ordinal))
                .GroupBy(f => f[(f.IndexOf(FormsFolder, StringComparison.Ordinal) + FormsFolder.Length)..].Split('/')[0], StringComparer.Ordinal)
                .Select(g => new XElement("forms", new XAttribute("type", g.Key), g.SelectMany(f => Root(f).Elements("systemform"))))
                .ToList();
            if (forms.Count > 0)
            {
                entity.Add(new XElement("FormXml", forms));
            }

            var views = files.Where(f => f.Contains(ViewsFolder, StringComparison.Ordinal)).SelectMany(f => Root(f).Elements("savedquery")).ToList();
            if (views.Count > 0)
            {
                entity.Add(new XElement("SavedQueries", new XElement("savedqueries", views)));
            }

            var charts = files.Where(f => f.Contains(SolutionPaths.VisualizationsFolder, StringComparison.Ordinal)).Select(Root).ToList();
            if (charts.Count > 0)
            {
                entity.Add(new XElement("Visualizations", charts));
            }

            if (files.FirstOrDefault(f => f.EndsWith(RibbonFile, StringComparison.Ordinal)) is { } ribbon)
            {
                entity.Add(Root(ribbon));
            }

            yield return entity;
        }
    }

    /// <summary>A customised standard table carries the standard columns creditOS secures (see <see cref="SecuredStandardColumns"/>).</summary>
    private void AddSecuredStandardColumns(XElement entity, string table)
    {
        var secured = SecuredStandardColumns.Of(context, table);
        if (secured.Count == 0)
        {
            return;
        }

        var attributes = entity.Element("EntityInfo")?.Element("entity")?.Element("attributes")
            ?? throw new SolutionFormatException(context.Files.Describe($"{SolutionLayout.Entities}/{table}/{SolutionLayout.EntityFileName}"), "has no <EntityInfo><entity><attributes> to pack the secured standard columns into.");
        var declared = attributes.Elements("attribute").Select(a => a.Element("LogicalName")?.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        attributes.Add(secured.Where(a => !declared.Contains(a.Element("LogicalName")?.Value)));
    }

    private IEnumerable<XElement> Roots(string folder, string suffix) => context.SourceFiles(folder, suffix).Select(Root);

    /// <summary>A fresh copy of the file's root element, without the xsi declaration the packed file declares once.</summary>
    private XElement Root(string path)
    {
        var root = context.Document(path)?.Root ?? throw new SolutionFormatException(context.Files.Describe(path), "cannot be read.");
        var copy = new XElement(root);
        copy.Attributes().Where(a => a.IsNamespaceDeclaration && a.Name.LocalName == "xsi").Remove();
        return copy;
    }

    /// <summary>Fills the section <paramref name="name"/>, creating it at its place in the schema's order when the skeleton lacks it.</summary>
    private static void Set(XElement root, string name, IEnumerable<XElement> children)
    {
        var element = root.Element(name);
        if (element is null)
        {
            element = new XElement(name);
            var position = Position(name);
            var next = root.Elements().FirstOrDefault(e => Position(e.Name.LocalName) > position);
            if (next is null)
            {
                root.Add(element);
            }
            else
            {
                next.AddBeforeSelf(element);
            }
        }

        element.RemoveNodes();
        element.Add(children);
    }

    private static int Position(string section)
    {
        for (var i = 0; i < CustomizationsSchema.TopLevelOrder.Count; i++)
        {
            if (string.Equals(CustomizationsSchema.TopLevelOrder[i], section, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return int.MaxValue; // not in the schema: the schema check reports it
    }
}
