using System.Globalization;
using System.Xml.Linq;
using CreditOS.Dataverse.Model;
using CreditOS.Solution.Files;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Cli.Demo.Seeding;

/// <summary>
/// Imports what the solution ships besides its tables, from the solution's own files as a solution import would:
/// the configuration data of data/data.xml (Finance approval queues, the Finance team, approval routes) and the
/// environment variable definitions with their default values.
/// </summary>
internal static class SolutionDataImporter
{
    private const string DataFile = "data/data.xml";
    private const string VariablesFolder = "src/environmentvariabledefinitions";
    private const string VariableFileExtension = ".xml";
    private const string EntityElement = "entity";
    private const string RecordsElement = "records";
    private const string RecordElement = "record";
    private const string FieldElement = "field";
    private const string NameAttribute = "name";
    private const string ValueAttribute = "value";
    private const string IdAttribute = "id";
    private const string LookupTableAttribute = "lookupentity";
    private const string SchemaNameAttribute = "schemaname";
    private const string DefaultValueElement = "defaultvalue";
    private const string BusinessUnitColumn = "businessunitid";
    private const string AdministratorColumn = "administratorid";

    /// <summary>Imports the data and variables; returns the imported rows' ids by table.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<Guid>> Import(IOrganizationService service, MetadataCatalog metadata, Guid businessUnitId, Guid importingUserId)
    {
        var files = new EmbeddedSolutionFileSource();
        var imported = ImportData(service, metadata, files, businessUnitId, importingUserId);
        ImportVariables(service, files);
        return imported;
    }

    private static Dictionary<string, IReadOnlyList<Guid>> ImportData(IOrganizationService service, MetadataCatalog metadata, ISolutionFileSource files, Guid businessUnitId, Guid importingUserId)
    {
        using var stream = files.Open(DataFile);
        var root = XDocument.Load(stream).Root ?? throw new DemoException(files.Describe(DataFile) + " is empty.");
        var imported = new Dictionary<string, IReadOnlyList<Guid>>(StringComparer.Ordinal);
        foreach (var entity in root.Elements(EntityElement))
        {
            var tableName = Required(entity, NameAttribute);
            var table = metadata.FindTable(tableName) ?? throw new DemoException(files.Describe(DataFile) + " names the unknown table " + tableName + ".");
            var ids = new List<Guid>();
            foreach (var record in entity.Element(RecordsElement)?.Elements(RecordElement) ?? [])
            {
                var row = new Entity(tableName, Guid.Parse(Required(record, IdAttribute)));
                foreach (var field in record.Elements(FieldElement))
                {
                    var name = Required(field, NameAttribute);
                    var column = table.FindColumn(name) ?? throw new DemoException(files.Describe(DataFile) + ": " + tableName + " has no column " + name + ".");
                    row[name] = Value(column.Type, Required(field, ValueAttribute), field);
                }

                // A solution import places business-owned rows in the root business unit; the importing user administers imported teams.
                if (table.FindColumn(BusinessUnitColumn) is not null && !row.Contains(BusinessUnitColumn))
                {
                    row[BusinessUnitColumn] = new EntityReference(BusinessUnit.EntityLogicalName, businessUnitId);
                }

                if (table.FindColumn(AdministratorColumn) is not null && !row.Contains(AdministratorColumn))
                {
                    row[AdministratorColumn] = new EntityReference(SystemUser.EntityLogicalName, importingUserId);
                }

                ids.Add(service.Create(row));
            }

            imported[tableName] = ids;
        }

        return imported;
    }

    private static void ImportVariables(IOrganizationService service, ISolutionFileSource files)
    {
        foreach (var path in files.List(VariablesFolder).Where(p => p.EndsWith(VariableFileExtension, StringComparison.Ordinal)))
        {
            using var stream = files.Open(path);
            var definition = XDocument.Load(stream).Root ?? throw new DemoException(files.Describe(path) + " is empty.");
            service.Create(new Entity(EnvironmentVariableDefinition.EntityLogicalName)
            {
                [EnvironmentVariableDefinition.Fields.SchemaName] = Required(definition, SchemaNameAttribute),
                [EnvironmentVariableDefinition.Fields.DefaultValue] = definition.Element(DefaultValueElement)?.Value,
            });
        }
    }

    private static object Value(ColumnType type, string text, XElement field) => type switch
    {
        ColumnType.Integer => int.Parse(text, CultureInfo.InvariantCulture),
        ColumnType.Picklist => new OptionSetValue(int.Parse(text, CultureInfo.InvariantCulture)),
        ColumnType.Lookup => new EntityReference(Required(field, LookupTableAttribute), Guid.Parse(text)),
        ColumnType.Decimal => decimal.Parse(text, CultureInfo.InvariantCulture),
        ColumnType.Money => new Money(decimal.Parse(text, CultureInfo.InvariantCulture)),
        _ => text,
    };

    private static string Required(XElement element, string attribute) =>
        (string?)element.Attribute(attribute) ?? throw new DemoException("The solution data element <" + element.Name.LocalName + "> has no " + attribute + ".");
}
