using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CreditOS.Solution.Metadata;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// Table and column definitions as the Web API writes them (Web API Metadata Entity Type Reference: EntityMetadata,
/// AttributeMetadata and its derived types, Label, OptionSetMetadata, BooleanOptionSetMetadata), from the solution's metadata.
/// Only the properties <see cref="EntityProperties"/> and <see cref="AttributeProperties"/> name are written; a request for any
/// other is refused by <see cref="TableDefinitions"/> as not implemented, never answered without it.
/// </summary>
internal static class DefinitionJson
{
    public const string Namespace = "Microsoft.Dynamics.CRM.";
    private const int LanguageCode = 1033;

    /// <summary>The EntityMetadata properties the local host writes.</summary>
    public static readonly IReadOnlyDictionary<string, Func<TableDefinition, JsonNode?>> EntityProperties =
        new Dictionary<string, Func<TableDefinition, JsonNode?>>(StringComparer.Ordinal)
        {
            ["LogicalName"] = table => table.LogicalName,
            ["SchemaName"] = table => table.SchemaName,
            ["EntitySetName"] = table => table.EntitySetName,
            ["DisplayName"] = table => Label(table.DisplayName, "DisplayName", table.LogicalName, !table.IsCustom),
            ["DisplayCollectionName"] = table => Label(table.DisplayCollectionName, "DisplayCollectionName", table.LogicalName, !table.IsCustom),
            ["Description"] = table => Label(table.Description, "Description", table.LogicalName, !table.IsCustom),
            ["PrimaryIdAttribute"] = table => table.PrimaryIdAttribute,
            ["PrimaryNameAttribute"] = table => table.PrimaryNameAttribute,
            ["IsCustomEntity"] = table => table.IsCustom,
            ["IsActivity"] = table => table.IsActivity,
            ["OwnershipType"] = table => table.Ownership.ToString(),
        };

    /// <summary>The AttributeMetadata properties the local host writes, by the type that declares them ("" for every attribute).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, Func<ColumnDefinition, JsonNode?>>> AttributeProperties =
        new Dictionary<string, IReadOnlyDictionary<string, Func<ColumnDefinition, JsonNode?>>>(StringComparer.Ordinal)
        {
            [string.Empty] = new Dictionary<string, Func<ColumnDefinition, JsonNode?>>(StringComparer.Ordinal)
            {
                ["LogicalName"] = column => column.LogicalName,
                ["SchemaName"] = column => column.SchemaName,
                ["DisplayName"] = column => Label(column.DisplayName, "DisplayName", column.LogicalName, !column.IsCustom),
                ["Description"] = column => Label(column.Description, "Description", column.LogicalName, !column.IsCustom),
                ["AttributeType"] = column => TypeCode(column.Type),
                ["AttributeTypeName"] = column => new JsonObject { ["Value"] = TypeCode(column.Type) + "Type" },
                ["IsCustomAttribute"] = column => column.IsCustom,
                ["IsSecured"] = column => column.IsSecured,
                ["IsValidForCreate"] = column => column.IsValidForCreate,
                ["IsValidForUpdate"] = column => column.IsValidForUpdate,
                ["IsValidForRead"] = column => column.IsValidForRead,
                ["RequiredLevel"] = column => new JsonObject
                {
                    ["Value"] = column.RequiredLevel.ToString(),
                    ["CanBeChanged"] = column.IsCustom,
                    ["ManagedPropertyLogicalName"] = "canmodifyrequirementlevelsettings",
                },
            },
            ["StringAttributeMetadata"] = Properties(("MaxLength", column => column.MaxLength)),
            ["MemoAttributeMetadata"] = Properties(("MaxLength", column => column.MaxLength)),
            ["IntegerAttributeMetadata"] = Properties(("MinValue", column => Whole(column.MinValue)), ("MaxValue", column => Whole(column.MaxValue))),
            ["BigIntAttributeMetadata"] = Properties(("MinValue", column => Whole(column.MinValue)), ("MaxValue", column => Whole(column.MaxValue))),
            ["DecimalAttributeMetadata"] = Properties(("Precision", column => column.Precision ?? 2), ("MinValue", column => column.MinValue), ("MaxValue", column => column.MaxValue)),
            ["DoubleAttributeMetadata"] = Properties(("Precision", column => column.Precision ?? 2), ("MinValue", column => (double?)column.MinValue), ("MaxValue", column => (double?)column.MaxValue)),
            // MoneyAttributeMetadata.MinValue and MaxValue are Edm.Double; PrecisionSource "defaults to 2" when not assigned.
            ["MoneyAttributeMetadata"] = Properties(("Precision", column => column.Precision ?? 2), ("PrecisionSource", column => column.PrecisionSource ?? 2),
                ("MinValue", column => (double?)column.MinValue), ("MaxValue", column => (double?)column.MaxValue)),
            ["LookupAttributeMetadata"] = Properties(("Targets", column => new JsonArray(column.Targets.Select(target => (JsonNode?)target).ToArray()))),
            ["DateTimeAttributeMetadata"] = Properties(("DateTimeBehavior", column => new JsonObject { ["Value"] = column.DateTimeBehavior.ToString() })),
            ["BooleanAttributeMetadata"] = Properties(),
            ["PicklistAttributeMetadata"] = Properties(),
            ["StateAttributeMetadata"] = Properties(),
            ["StatusAttributeMetadata"] = Properties(),
            ["UniqueIdentifierAttributeMetadata"] = Properties(),
        };

    /// <summary>The derived type a column's definition has ("MoneyAttributeMetadata"); Customer, Owner and PartyList are lookups.</summary>
    public static string DerivedType(ColumnDefinition column) => column.Type switch
    {
        ColumnType.PrimaryKey or ColumnType.Uniqueidentifier => "UniqueIdentifierAttributeMetadata",
        ColumnType.String => "StringAttributeMetadata",
        ColumnType.Memo => "MemoAttributeMetadata",
        ColumnType.Integer => "IntegerAttributeMetadata",
        ColumnType.BigInt => "BigIntAttributeMetadata",
        ColumnType.Decimal => "DecimalAttributeMetadata",
        ColumnType.Double => "DoubleAttributeMetadata",
        ColumnType.Money => "MoneyAttributeMetadata",
        ColumnType.Boolean => "BooleanAttributeMetadata",
        ColumnType.DateTime => "DateTimeAttributeMetadata",
        ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner or ColumnType.PartyList => "LookupAttributeMetadata",
        ColumnType.Picklist => "PicklistAttributeMetadata",
        ColumnType.State => "StateAttributeMetadata",
        ColumnType.Status => "StatusAttributeMetadata",
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "no attribute type"),
    };

    /// <summary>AttributeTypeCode's member name for a column type.</summary>
    public static string TypeCode(ColumnType type) => type switch
    {
        ColumnType.PrimaryKey => "Uniqueidentifier",
        _ => type.ToString(),
    };

    public static JsonObject Entity(TableDefinition table, IReadOnlyList<string> select)
    {
        var json = new JsonObject();
        foreach (var property in select)
        {
            json[property] = EntityProperties[property](table);
        }

        json["MetadataId"] = MetadataId("entity", table.LogicalName);
        return json;
    }

    /// <param name="select">Properties of every attribute or of <paramref name="castTo"/> (checked by the caller).</param>
    public static JsonObject Attribute(TableDefinition table, ColumnDefinition column, IReadOnlyList<string> select, bool typeAnnotation)
    {
        var json = new JsonObject();
        var derived = DerivedType(column);
        if (typeAnnotation)
        {
            json["@odata.type"] = "#" + Namespace + derived;
        }

        foreach (var property in select)
        {
            var getter = AttributeProperties[string.Empty].TryGetValue(property, out var common) ? common : AttributeProperties[derived][property];
            json[property] = getter(column);
        }

        json["MetadataId"] = MetadataId("attribute", table.LogicalName + "." + column.LogicalName);
        return json;
    }

    /// <summary>
    /// The OptionSet of a Boolean (BooleanOptionSetMetadata: TrueOption, FalseOption), Picklist, State or Status column
    /// (OptionSetMetadata: Options; a status option carries the State it belongs to).
    /// </summary>
    public static JsonObject OptionSet(TableDefinition table, ColumnDefinition column, IReadOnlyList<string>? select)
    {
        var json = new JsonObject();
        var key = table.LogicalName + "." + column.LogicalName;
        if (column.Type == ColumnType.Boolean)
        {
            Add(json, select, "TrueOption", () => Option(column.TwoOptions.FirstOrDefault(option => option.Value == 1) ?? new OptionDefinition(1, "Yes"), column, key));
            Add(json, select, "FalseOption", () => Option(column.TwoOptions.FirstOrDefault(option => option.Value == 0) ?? new OptionDefinition(0, "No"), column, key));
            Add(json, select, "OptionSetType", () => "Boolean");
        }
        else
        {
            Add(json, select, "Options", () => new JsonArray(column.Options.Select(option => (JsonNode)Option(option, column, key)).ToArray()));
            Add(json, select, "OptionSetType", () => column.Type.ToString());
        }

        Add(json, select, "Name", () => column.OptionSetName ?? table.LogicalName + "_" + column.LogicalName);
        Add(json, select, "IsGlobal", () => column.OptionSetName is not null);
        json["MetadataId"] = MetadataId("optionset", column.OptionSetName ?? key);
        return json;
    }

    /// <summary>The OptionSet properties the local host writes.</summary>
    public static readonly IReadOnlySet<string> OptionSetProperties = new HashSet<string>(StringComparer.Ordinal)
    {
        "Options", "TrueOption", "FalseOption", "OptionSetType", "Name", "IsGlobal",
    };

    private static JsonObject Option(OptionDefinition option, ColumnDefinition column, string key)
    {
        var json = new JsonObject
        {
            ["Value"] = option.Value,
            ["Label"] = Label(option.Label, "Option" + option.Value, key, !column.IsCustom),
        };
        if (column.Type == ColumnType.Status)
        {
            json["State"] = option.State;
        }

        return json;
    }

    private static void Add(JsonObject json, IReadOnlyList<string>? select, string property, Func<JsonNode?> value)
    {
        if (select is null || select.Contains(property, StringComparer.Ordinal))
        {
            json[property] = value();
        }
    }

    /// <summary>A Label: one localized label (1033) and the user's, or empty lists when there is no text.</summary>
    private static JsonObject Label(string? text, string what, string key, bool managed)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new JsonObject { ["LocalizedLabels"] = new JsonArray(), ["UserLocalizedLabel"] = null };
        }

        JsonObject One() => new()
        {
            ["Label"] = text,
            ["LanguageCode"] = LanguageCode,
            ["IsManaged"] = managed,
            ["MetadataId"] = MetadataId("label", key + "/" + what),
            ["HasChanged"] = null,
        };
        return new JsonObject { ["LocalizedLabels"] = new JsonArray(One()), ["UserLocalizedLabel"] = One() };
    }

    private static long? Whole(decimal? value) => value is null ? null : (long)value.Value;

    private static Dictionary<string, Func<ColumnDefinition, JsonNode?>> Properties(params (string Name, Func<ColumnDefinition, JsonNode?> Value)[] properties) =>
        properties.ToDictionary(property => property.Name, property => property.Value, StringComparer.Ordinal);

    /// <summary>A MetadataId stable for the name (the solution gives none): the same definition answers the same id every time.</summary>
    private static Guid MetadataId(string kind, string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(kind + ":" + name));
        return new Guid(hash.AsSpan(0, 16));
    }
}
