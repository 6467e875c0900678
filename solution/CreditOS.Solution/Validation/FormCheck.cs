using CreditOS.Solution.Metadata;

namespace CreditOS.Solution.Validation;

/// <summary>Form controls bind to columns of the form's table; sub-grids name real tables, relationships and views.</summary>
public sealed class FormCheck : ISolutionCheck
{
    public IEnumerable<SolutionProblem> Check(SolutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var views = context.ViewIds();
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
            }
        }
    }
}
