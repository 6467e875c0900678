using System.Xml.Linq;
using CreditOS.Solution.Files;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Testing.Builders;

/// <summary>
/// The environment variable definitions the solution ships, created from the solution's own files with their
/// default values, as a solution import would. Definitions already present are left as they are.
/// </summary>
public static class SolutionEnvironmentVariables
{
    private const string VariablesFolder = "src/environmentvariabledefinitions";
    private const string DefinitionTable = "environmentvariabledefinition";
    private const string SchemaName = "schemaname";

    public static void Import(IOrganizationService service) => Import(service, new EmbeddedSolutionFileSource());

    public static void Import(IOrganizationService service, ISolutionFileSource files)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(files);
        var existing = service.RetrieveMultiple(new QueryExpression(DefinitionTable) { ColumnSet = new ColumnSet(SchemaName) }).Entities
            .Select(row => row.GetAttributeValue<string>(SchemaName))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var path in files.List(VariablesFolder).Where(p => p.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var stream = files.Open(path);
            var definition = XDocument.Load(stream).Root!;
            var name = (string)definition.Attribute(SchemaName)!;
            if (existing.Add(name))
            {
                service.Create(new Entity(DefinitionTable)
                {
                    [SchemaName] = name,
                    ["defaultvalue"] = definition.Element("defaultvalue")?.Value,
                });
            }
        }
    }
}
