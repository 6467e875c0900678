using System.Xml.Linq;
using CreditOS.Solution.Metadata;

namespace CreditOS.Solution.Validation;

/// <summary>
/// Form controls bind to columns of the form's table; sub-grids name real tables, relationships and views (a view of
/// the sub-grid's table); a quick view control sits on a lookup and names a quick view form of a table the lookup
/// points at.
/// </summary>
public sealed class FormCheck : ISolutionCheck
{
    public IEnumerable<SolutionProblem> Check(SolutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var views = context.ViewIds();
        var viewTables = context.ViewTables();
        var quickForms = QuickForms(context);
        foreach (var (path, root) in context.Roots(SolutionLayout.Entities, ".xml").Where(r => r.Path.Contains("/FormXml/", StringComparison.Ordinal)))
        {
            var tableName = SolutionContext.TableOfEntityFile(path);
            var table = context.Catalog.FindTable(tableName);
            if (table is null)
            {
                yield return context.Problem(path, $"form of unknown table '{tableName}'.");
                continue;
            }

            foreach (var control in root.Descendants("control"))
            {
                var field = (string?)control.Attribute("datafieldname");
                if (field is not null && table.FindColumn(field) is null)
                {
                    yield return context.Problem(path, $"control '{(string?)control.Attribute("id")}' binds to column '{field}', which table '{tableName}' does not have.");
                }

                if (string.Equals((string?)control.Attribute("classid"), QuickViewClassId, StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var problem in CheckQuickView(context, path, table, control, quickForms))
                    {
                        yield return problem;
                    }

                    continue;
                }

                if (control.Element("parameters") is not { } parameters || parameters.Element("TargetEntityType") is not { } target)
                {
                    continue;
                }

                if (context.Catalog.FindTable(target.Value) is null)
                {
                    yield return context.Problem(path, $"sub-grid '{(string?)control.Attribute("id")}' shows unknown table '{target.Value}'.");
                }

                var relationship = parameters.Element("RelationshipName")?.Value;
                if (relationship is not null && context.Catalog.FindRelationship(relationship) is null)
                {
                    yield return context.Problem(path, $"sub-grid '{(string?)control.Attribute("id")}' uses unknown relationship '{relationship}'.");
                }

                var view = parameters.Element("ViewId")?.Value;
                if (view is not null && !(Guid.TryParse(view, out var viewId) && views.Contains(viewId)))
                {
                    yield return context.Problem(path, $"sub-grid '{(string?)control.Attribute("id")}' uses view {view}, which the solution does not define.");
                }
                else if (view is not null && viewTables.TryGetValue(Guid.Parse(view), out var viewTable) && !string.Equals(viewTable, target.Value, StringComparison.Ordinal))
                {
                    yield return context.Problem(path, $"sub-grid '{(string?)control.Attribute("id")}' shows '{target.Value}' through view {view}, which is a view of '{viewTable}'.");
                }

                if (relationship is not null && context.Catalog.FindRelationship(relationship) is { } definition
                    && !string.Equals(definition.ReferencingTable, target.Value, StringComparison.Ordinal) && !IsManyToMany(definition))
                {
                    yield return context.Problem(path, $"sub-grid '{(string?)control.Attribute("id")}' shows '{target.Value}' through relationship '{relationship}', whose rows are '{definition.ReferencingTable}'.");
                }
            }
        }
    }

    /// <summary>The class id Dataverse gives a quick view control (a related row's quick view form inside a form).</summary>
    public const string QuickViewClassId = "{5C5600E0-1D6E-4205-A272-BE80DA87FD42}";

    private static IEnumerable<SolutionProblem> CheckQuickView(SolutionContext context, string path, TableDefinition table, XElement control, Dictionary<Guid, string> quickForms)
    {
        var id = (string?)control.Attribute("id");
        var lookup = (string?)control.Attribute("datafieldname") is { } field ? table.FindColumn(field) : null;
        if (lookup is null)
        {
            yield return context.Problem(path, $"quick view control '{id}' is bound to no column of '{table.LogicalName}'; it must sit on a lookup.");
            yield break;
        }

        var markup = control.Element("parameters")?.Element("QuickForms")?.Value;
        XElement? ids = null;
        try
        {
            ids = markup is null ? null : XElement.Parse(markup);
        }
        catch (System.Xml.XmlException)
        {
        }

        var named = ids?.Elements("QuickFormId").ToList() ?? [];
        if (named.Count == 0)
        {
            yield return context.Problem(path, $"quick view control '{id}' names no quick view form (<QuickForms> with <QuickFormIds><QuickFormId entityname=...>).");
            yield break;
        }

        foreach (var quick in named)
        {
            var entity = (string?)quick.Attribute("entityname") ?? string.Empty;
            if (!lookup.Targets.Contains(entity, StringComparer.Ordinal))
            {
                yield return context.Problem(path, $"quick view control '{id}' shows a form of '{entity}', but its lookup '{lookup.LogicalName}' points at {string.Join(", ", lookup.Targets)}.");
            }

            if (!(Guid.TryParse(quick.Value, out var formId) && quickForms.TryGetValue(formId, out var formTable) && string.Equals(formTable, entity, StringComparison.Ordinal)))
            {
                yield return context.Problem(path, $"quick view control '{id}' names form {quick.Value} of '{entity}', which is not a quick view form the solution defines for that table.");
            }
        }
    }

    private static Dictionary<Guid, string> QuickForms(SolutionContext context) =>
        context.Roots(SolutionLayout.Entities, ".xml")
            .Where(r => r.Path.Contains("/FormXml/quick/", StringComparison.Ordinal))
            .SelectMany(r => r.Root.Descendants("formid").Select(e => (Id: Guid.TryParse(e.Value, out var formId) ? formId : Guid.Empty, Table: SolutionContext.TableOfEntityFile(r.Path))))
            .GroupBy(f => f.Id)
            .ToDictionary(g => g.Key, g => g.First().Table);

    private static bool IsManyToMany(RelationshipDefinition relationship) => relationship.IntersectTable is not null;
}
