using System.Globalization;
using CreditOS.Solution.Data;
using CreditOS.Solution.Files;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Testing.Builders;

/// <summary>
/// Imports what the solution ships for approvals, from the solution's own files (no second copy): the
/// configuration data in data/data.xml read by ConfigurationDataLoader (queues, Finance team, approval routes) and the environment variable
/// definitions, as a solution import would.
/// </summary>
public static class ApprovalsSolutionData
{
    private const string BusinessUnitColumn = "businessunitid";
    private const string AdministratorColumn = "administratorid";

    public static void Import(LocalDataverse.LocalDataverse dataverse, IOrganizationService service)
    {
        var files = new EmbeddedSolutionFileSource();
        ImportConfigurationData(dataverse, service, files);
        SolutionEnvironmentVariables.Import(service, files);
    }

    private static void ImportConfigurationData(LocalDataverse.LocalDataverse dataverse, IOrganizationService service, ISolutionFileSource files)
    {
        foreach (var record in ConfigurationDataLoader.Load(files))
        {
            var table = dataverse.Metadata.FindTable(record.Table) ?? throw new InvalidOperationException($"{ConfigurationDataLoader.DataFile} names unknown table {record.Table}.");
            var row = new Entity(record.Table, record.Id);
            foreach (var (name, value) in record.Values)
            {
                var column = table.FindColumn(name) ?? throw new InvalidOperationException($"{ConfigurationDataLoader.DataFile}: {record.Table} has no column {name}.");
                row[name] = column.Type switch
                {
                    ColumnType.Integer => int.Parse(value.Text, CultureInfo.InvariantCulture),
                    ColumnType.Picklist => new OptionSetValue(int.Parse(value.Text, CultureInfo.InvariantCulture)),
                    ColumnType.Lookup => new EntityReference(value.LookupTable ?? throw new InvalidOperationException($"{record.Table}.{name} has no lookup table."), Guid.Parse(value.Text)),
                    ColumnType.Decimal => decimal.Parse(value.Text, CultureInfo.InvariantCulture),
                    ColumnType.Money => new Money(decimal.Parse(value.Text, CultureInfo.InvariantCulture)),
                    _ => value.Text,
                };
            }

            // A solution import places business-owned rows in the root business unit; the importing user administers imported teams.
            if (table.FindColumn(BusinessUnitColumn) is not null && !row.Contains(BusinessUnitColumn))
            {
                row[BusinessUnitColumn] = new EntityReference("businessunit", dataverse.RootBusinessUnitId);
            }

            if (table.FindColumn(AdministratorColumn) is not null && !row.Contains(AdministratorColumn))
            {
                row[AdministratorColumn] = new EntityReference("systemuser", FixedIds.AdminUser);
            }

            service.Create(row);
        }
    }
}
