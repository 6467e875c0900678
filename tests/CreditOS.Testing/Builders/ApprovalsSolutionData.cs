using System.Globalization;
using System.Xml.Linq;
using CreditOS.Solution.Files;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Testing.Builders;

/// <summary>
/// Imports what the solution ships for approvals, from the solution's own files (no second copy): the
/// configuration data in data/data.xml (queues, Finance team, approval routes) and the environment variable
/// definitions, as a solution import would.
/// </summary>
public static class ApprovalsSolutionData
{
    private const string DataFile = "data/data.xml";
    private const string VariablesFolder = "src/environmentvariabledefinitions";
    private const string DefinitionTable = "environmentvariabledefinition";
    private const string BusinessUnitColumn = "businessunitid";
    private const string AdministratorColumn = "administratorid";

    public static void Import(LocalDataverse.LocalDataverse dataverse, IOrganizationService service)
    {
        var files = new EmbeddedSolutionFileSource();
        ImportConfigurationData(dataverse, service, files);
        ImportEnvironmentVariables(service, files);
    }

    private static void ImportConfigurationData(LocalDataverse.LocalDataverse dataverse, IOrganizationService service, ISolutionFileSource files)
    {
        var metadata = dataverse.Metadata;
        using var stream = files.Open(DataFile);
        var root = XDocument.Load(stream).Root!;
        foreach (var entity in root.Elements("entity"))
        {
            var tableName = (string)entity.Attribute("name")!;
            var table = metadata.FindTable(tableName) ?? throw new InvalidOperationException($"{DataFile} names unknown table {tableName}.");
            foreach (var record in entity.Element("records")?.Elements("record") ?? [])
            {
                var row = new Entity(tableName, Guid.Parse((string)record.Attribute("id")!));
                foreach (var field in record.Elements("field"))
                {
                    var name = (string)field.Attribute("name")!;
                    var text = (string)field.Attribute("value")!;
                    var column = table.FindColumn(name) ?? throw new InvalidOperationException($"{DataFile}: {tableName} has no column {name}.");
                    row[name] = column.Type switch
                    {
                        ColumnType.Integer => int.Parse(text, CultureInfo.InvariantCulture),
                        ColumnType.Picklist => new OptionSetValue(int.Parse(text, CultureInfo.InvariantCulture)),
                        ColumnType.Lookup => new EntityReference((string)field.Attribute("lookupentity")!, Guid.Parse(text)),
                        _ => text,
                    };
                }

                // A solution import places business-owned rows in the root business unit.
                if (table.FindColumn(BusinessUnitColumn) is not null && !row.Contains(BusinessUnitColumn))
                {
                    row[BusinessUnitColumn] = new EntityReference("businessunit", dataverse.RootBusinessUnitId);
                }

                // The importing user administers imported teams.
                if (table.FindColumn(AdministratorColumn) is not null && !row.Contains(AdministratorColumn))
                {
                    row[AdministratorColumn] = new EntityReference("systemuser", FixedIds.AdminUser);
                }

                service.Create(row);
            }
        }
    }

    private static void ImportEnvironmentVariables(IOrganizationService service, ISolutionFileSource files)
    {
        foreach (var path in files.List(VariablesFolder).Where(p => p.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var stream = files.Open(path);
            var definition = XDocument.Load(stream).Root!;
            service.Create(new Entity(DefinitionTable)
            {
                ["schemaname"] = (string)definition.Attribute("schemaname")!,
                ["defaultvalue"] = definition.Element("defaultvalue")?.Value,
            });
        }
    }
}
