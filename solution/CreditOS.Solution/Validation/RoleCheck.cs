using CreditOS.Solution.Metadata;

namespace CreditOS.Solution.Validation;

/// <summary>Security roles grant privileges on tables the catalog knows, at real depths.</summary>
public sealed class RoleCheck : ISolutionCheck
{
    public IEnumerable<SolutionProblem> Check(SolutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var schemaNames = context.Catalog.Tables.Select(t => t.SchemaName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (context.Catalog.Tables.Any(t => t.IsActivity))
        {
            // Activity tables share one privilege set named for the activity pointer (prvReadActivity…).
            schemaNames.Add(ActivityPrivilege.SchemaName);
        }
        foreach (var (path, root) in context.Roots(SolutionPaths.Roles, ".xml"))
        {
            if (root.Name.LocalName != "Role" || !Guid.TryParse((string?)root.Attribute("id"), out _) || root.Attribute("name") is null)
            {
                yield return context.Problem(path, "a role file must be <Role id=\"{guid}\" name=\"...\">.");
                continue;
            }

            foreach (var element in root.Descendants("RolePrivilege"))
            {
                var name = (string?)element.Attribute("name") ?? string.Empty;
                var level = (string?)element.Attribute("level") ?? string.Empty;
                var privilege = RolePrivilege.Parse(name, level);
                if (privilege is null)
                {
                    yield return context.Problem(path, $"privilege '{name}' is not prv<Access><Table>.");
                }
                else if (!schemaNames.Contains(privilege.TableSchemaName))
                {
                    yield return context.Problem(path, $"privilege '{name}' names unknown table '{privilege.TableSchemaName}'.");
                }

                if (!RolePrivilege.Levels.Contains(level))
                {
                    yield return context.Problem(path, $"privilege '{name}' has unknown level '{level}'.");
                }
            }
        }
    }
}
