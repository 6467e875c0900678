using System.Globalization;
using System.Runtime.CompilerServices;
using CreditOS.LocalDataverse.Faults;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Values;

/// <summary>Validates a whole record sent to Create or Update against the table's metadata.</summary>
internal static class RecordValidator
{
    public static TableDefinition RequireTable(MetadataCatalog metadata, string? table) =>
        string.IsNullOrEmpty(table)
            ? throw DataverseFault.InvalidArgument("The entity logical name is required.")
            : metadata.FindTable(table) ?? throw DataverseFault.UnknownTable(table);

    public static ColumnDefinition RequireColumn(TableDefinition table, string column) =>
        table.FindColumn(column) ?? throw DataverseFault.UnknownColumn(table, column);

    /// <summary>
    /// The caller's values, checked and copied. Columns the platform maintains are dropped, as Dataverse
    /// ignores them; other columns not valid for the operation fail.
    /// </summary>
    /// <param name="writtenByPlatform">Columns not valid for the operation that the platform's own generated write may set (<see cref="QueueItemColumns.WrittenByThePlatform"/>).</param>
    public static Dictionary<string, object?> Validate(TableDefinition table, Entity input, bool isCreate, Func<string, Guid, bool> rowExists, IReadOnlySet<string>? writtenByPlatform = null)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var attribute in input.Attributes)
        {
            var column = RequireColumn(table, attribute.Key);
            if (column.Type == ColumnType.PartyList)
            {
                // Not a value on the row: activityparty rows, written by Service/Operations/ActivityParties.
                continue;
            }

            if (SystemColumns.MaintainedByPlatform.Contains(column.LogicalName))
            {
                continue;
            }

            var valid = isCreate ? column.IsValidForCreate : column.IsValidForUpdate;
            if (!valid && column.Type != ColumnType.PrimaryKey && writtenByPlatform?.Contains(column.LogicalName) != true)
            {
                throw DataverseFault.InvalidArgument(Invariant(
                    $"The attribute '{column.LogicalName}' of entity '{table.LogicalName}' is not valid for {(isCreate ? "create" : "update")}."));
            }

            var value = ColumnValueValidator.Validate(table, column, attribute.Value, rowExists);
            if (value is null && column.RequiredLevel == RequiredLevel.SystemRequired)
            {
                // "When this is set to SystemRequired, you cannot set these columns to a null value. If you attempt this you will get
                // error code -2147220989 with the message Attribute: <attribute name> cannot be set to NULL" (Update and delete table
                // rows using the SDK for .NET, org-service/entity-operations-update-delete). The wording was ours before fidelity round 6.
                throw DataverseFault.InvalidArgument(Invariant($"Attribute: {column.LogicalName} cannot be set to NULL"));
            }

            values[column.LogicalName] = value;
        }

        return values;
    }

    /// <summary>Only system-required columns are enforced by the platform; business-required ones are a form's concern.</summary>
    public static void EnsureSystemRequiredPresent(TableDefinition table, Entity row)
    {
        var required = SystemRequiredColumns(table);
        for (var index = 0; index < required.Length; index++)
        {
            var column = required[index];
            if (!row.Attributes.TryGetValue(column.LogicalName, out var value) || value is null)
            {
                throw MissingRequired(table, column);
            }
        }
    }

    // The table's system-required columns (primary key aside), in the table's column order, found once per table instead of
    // walking every column on every write (session 30: each nested Create and Update of a payment walked the whole table). The
    // entry remembers the columns it was made from, so a table whose column dictionary is another instance is looked at again.
    private static readonly ConditionalWeakTable<TableDefinition, RequiredColumns> RequiredByTable = new();

    private sealed record RequiredColumns(IReadOnlyDictionary<string, ColumnDefinition> Source, int Count, ColumnDefinition[] Columns);

    private static ColumnDefinition[] SystemRequiredColumns(TableDefinition table)
    {
        if (RequiredByTable.TryGetValue(table, out var known) && ReferenceEquals(known.Source, table.Columns) && known.Count == table.Columns.Count)
        {
            return known.Columns;
        }

        var columns = table.Columns.Values
            .Where(column => column.RequiredLevel == RequiredLevel.SystemRequired && column.Type != ColumnType.PrimaryKey)
            .ToArray();
        RequiredByTable.AddOrUpdate(table, new RequiredColumns(table.Columns, table.Columns.Count, columns));
        return columns;
    }

    /// <summary>The statuscode must be one of the statecode's status reasons.</summary>
    public static void EnsureStatusBelongsToState(TableDefinition table, Entity row)
    {
        var status = table.FindColumn(SystemColumns.StatusCode);
        if (status is null
            || row.GetAttributeValue<OptionSetValue>(SystemColumns.StateCode) is not { } state
            || row.GetAttributeValue<OptionSetValue>(SystemColumns.StatusCode) is not { } statusValue)
        {
            return;
        }

        var option = status.Options.FirstOrDefault(o => o.Value == statusValue.Value);
        if (option?.State is { } owningState && owningState != state.Value)
        {
            throw DataverseFault.Create(
                DataverseErrorCodes.InvalidStateCodeStatusCode,
                Invariant($"{statusValue.Value} is not a valid status code for state code {table.SchemaName}State.{StateName(table, state.Value)} on {table.LogicalName} with Id {row.Id:D}."));
        }
    }

    /// <summary>
    /// The state's name as Dataverse writes it in this message (AccountState.Active, TaskState.Open): its label without spaces,
    /// the number when the metadata has no label.
    /// </summary>
    private static string StateName(TableDefinition table, int state) =>
        table.FindColumn(SystemColumns.StateCode)?.Options.FirstOrDefault(o => o.Value == state)?.Label is { Length: > 0 } label
            ? string.Concat(label.Where(char.IsLetterOrDigit))
            : state.ToString(CultureInfo.InvariantCulture);

    /// <summary>The default status reason of a state: the first status option belonging to it.</summary>
    public static int? DefaultStatusFor(TableDefinition table, int state) =>
        table.FindColumn(SystemColumns.StatusCode)?.Options.FirstOrDefault(o => o.State == state || o.State is null)?.Value;

    private static System.ServiceModel.FaultException<OrganizationServiceFault> MissingRequired(TableDefinition table, ColumnDefinition column) =>
        DataverseFault.InvalidArgument(Invariant(
            $"Attribute '{column.LogicalName}' of entity '{table.LogicalName}' is system-required and cannot be null."));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
