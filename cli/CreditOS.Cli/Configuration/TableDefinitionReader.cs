using System.Globalization;
using System.Text.Json.Nodes;

namespace CreditOS.Cli.Configuration;

/// <summary>A table's names as its definition gives them.</summary>
public sealed record TableDefinition(string LogicalName, string Label, string EntitySet, string PrimaryId, string PrimaryName)
{
    public IReadOnlyDictionary<string, ColumnDefinition> Columns { get; init; } = new Dictionary<string, ColumnDefinition>();
}

/// <summary>
/// Reads tables' and columns' definitions through the Web API ("Query table definitions using the Web API"), with the same requests
/// as the configuration change page (definitions.js): the table, its Attributes' common properties, then one request per attribute
/// type for that type's own properties (precision, range, length, option sets, targets). Cached per reader.
/// </summary>
public sealed class TableDefinitionReader(ConfigurationWebApi api)
{
    // AttributeType → the kind a change carries, the cast holding the type's own properties and what to select there (null: options).
    private static readonly Dictionary<string, (ColumnKind Kind, string Cast, string? Select)> Kinds = new(StringComparer.Ordinal)
    {
        ["String"] = (ColumnKind.Text, "StringAttributeMetadata", "MaxLength"),
        ["Memo"] = (ColumnKind.Text, "MemoAttributeMetadata", "MaxLength"),
        ["Integer"] = (ColumnKind.WholeNumber, "IntegerAttributeMetadata", "MinValue,MaxValue"),
        ["Decimal"] = (ColumnKind.Decimal, "DecimalAttributeMetadata", "Precision,MinValue,MaxValue"),
        ["Money"] = (ColumnKind.Money, "MoneyAttributeMetadata", "Precision,PrecisionSource,MinValue,MaxValue"),
        ["Boolean"] = (ColumnKind.YesNo, "BooleanAttributeMetadata", null),
        ["Picklist"] = (ColumnKind.Choice, "PicklistAttributeMetadata", null),
        ["State"] = (ColumnKind.Choice, "StateAttributeMetadata", null),
        ["Status"] = (ColumnKind.Choice, "StatusAttributeMetadata", null),
        ["Lookup"] = (ColumnKind.Lookup, "LookupAttributeMetadata", "Targets"),
        ["Owner"] = (ColumnKind.Lookup, "LookupAttributeMetadata", "Targets"),
        ["Customer"] = (ColumnKind.Lookup, "LookupAttributeMetadata", "Targets"),
    };

    private readonly Dictionary<string, TableDefinition> _tables = new(StringComparer.Ordinal);

    /// <summary>A table's names (no columns).</summary>
    public async Task<TableDefinition> TableAsync(string logicalName)
    {
        if (_tables.TryGetValue(logicalName, out var known))
        {
            return known;
        }

        var json = await api.GetAsync(Path(logicalName) + "?$select=LogicalName,DisplayName,EntitySetName,PrimaryIdAttribute,PrimaryNameAttribute").ConfigureAwait(false);
        return _tables[logicalName] = new TableDefinition(
            logicalName, Label(json["DisplayName"]) ?? logicalName, (string)json["EntitySetName"]!, (string)json["PrimaryIdAttribute"]!, (string)json["PrimaryNameAttribute"]!);
    }

    /// <summary>A table with the definitions of the given columns; a column it does not have or of a type no change edits is refused by name.</summary>
    public async Task<TableDefinition> ColumnsAsync(string logicalName, IReadOnlyCollection<string> names)
    {
        var table = await TableAsync(logicalName).ConfigureAwait(false);
        if (table.Columns.Count > 0)
        {
            return table;
        }

        var common = await api.GetAsync(Path(logicalName) + "/Attributes?$select=LogicalName,DisplayName,AttributeType").ConfigureAwait(false);
        var found = new Dictionary<string, (string Type, string Label)>(StringComparer.Ordinal);
        foreach (var attribute in Values(common))
        {
            var name = (string)attribute["LogicalName"]!;
            if (names.Contains(name))
            {
                found[name] = ((string)attribute["AttributeType"]!, Label(attribute["DisplayName"]) ?? name);
            }
        }

        var columns = new Dictionary<string, ColumnDefinition>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (!found.TryGetValue(name, out var column))
            {
                throw new InvalidOperationException($"Table {logicalName} has no column {name}.");
            }

            if (!Kinds.ContainsKey(column.Type))
            {
                throw new InvalidOperationException($"Column {name} is of type {column.Type}, which a configuration change does not edit.");
            }
        }

        foreach (var cast in found.Values.Select(c => Kinds[c.Type]).DistinctBy(k => k.Cast))
        {
            var query = "?$select=LogicalName" + (cast.Select is null ? "&$expand=OptionSet" : "," + cast.Select);
            var typed = await api.GetAsync(Path(logicalName) + "/Attributes/Microsoft.Dynamics.CRM." + cast.Cast + query).ConfigureAwait(false);
            foreach (var attribute in Values(typed))
            {
                var name = (string)attribute["LogicalName"]!;
                if (!found.TryGetValue(name, out var column))
                {
                    continue;
                }

                columns[name] = new ColumnDefinition(name, column.Label, Kinds[column.Type].Kind)
                {
                    Precision = (int?)attribute["Precision"],
                    PrecisionSource = (int?)attribute["PrecisionSource"],
                    Min = Number(attribute["MinValue"]),
                    Max = Number(attribute["MaxValue"]),
                    MaxLength = (int?)attribute["MaxLength"],
                    Targets = (attribute["Targets"] as JsonArray)?.Select(t => (string)t!).ToList() ?? [],
                    Options = Options(attribute["OptionSet"] as JsonObject),
                };
            }
        }

        var ordered = names.ToDictionary(n => n, n => columns[n], StringComparer.Ordinal);
        return _tables[logicalName] = table with { Columns = ordered };
    }

    private static IReadOnlyList<ColumnOption> Options(JsonObject? set)
    {
        if (set is null)
        {
            return [];
        }

        if (set["Options"] is JsonArray options)
        {
            return options.OfType<JsonObject>()
                .Select(o => new ColumnOption(((int)o["Value"]!).ToString(CultureInfo.InvariantCulture), Label(o["Label"]) ?? ((int)o["Value"]!).ToString(CultureInfo.InvariantCulture)))
                .ToList();
        }

        return [new ColumnOption("yes", Label(set["TrueOption"]?["Label"]) ?? "Yes"), new ColumnOption("no", Label(set["FalseOption"]?["Label"]) ?? "No")];
    }

    private static decimal? Number(JsonNode? node) => node is JsonValue value ? value.GetValue<decimal>() : null;

    private static string? Label(JsonNode? label) => (string?)label?["UserLocalizedLabel"]?["Label"];

    private static IEnumerable<JsonObject> Values(JsonObject json) => (json["value"] as JsonArray ?? []).OfType<JsonObject>();

    private static string Path(string logicalName) => "EntityDefinitions(LogicalName='" + logicalName + "')";
}
