using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Faults;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>Converts between Web API JSON and SDK entities, column by column, using the solution's metadata.</summary>
public sealed class EntityJson(MetadataCatalog metadata)
{
    private const string BindSuffix = "@odata.bind";

    public TableDefinition TableForEntitySet(string entitySet) =>
        metadata.FindTableByEntitySet(entitySet)
        ?? throw DataverseFault.Create(DataverseErrorCodes.QueryBuilderNoEntity, $"Resource not found for the segment '{entitySet}'.");

    /// <summary>Reads a request body into an entity of the table; @odata.bind lookups become entity references.</summary>
    public Entity ToEntity(TableDefinition table, JsonObject body, Func<string, EntityReference> resolveBinding)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(resolveBinding);
        var entity = new Entity(table.LogicalName);
        foreach (var (property, value) in body)
        {
            if (property.StartsWith('@') || property.Contains("@odata.", StringComparison.Ordinal) && !property.EndsWith(BindSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            if (property.EndsWith(BindSuffix, StringComparison.Ordinal))
            {
                var column = LookupColumn(table, property[..^BindSuffix.Length]);
                entity[column.LogicalName] = value is null ? null : resolveBinding(value.GetValue<string>());
                continue;
            }

            var definition = table.FindColumn(property)
                ?? throw DataverseFault.Create(DataverseErrorCodes.QueryBuilderNoAttribute, $"The property '{property}' does not exist on type 'Microsoft.Dynamics.CRM.{table.LogicalName}'.");
            entity[definition.LogicalName] = ToValue(definition, value);
        }

        return entity;
    }

    /// <summary>Writes an entity as the Web API returns it: lookups as _column_value, choices as numbers.</summary>
    public static JsonObject ToJson(Entity entity, string entitySet)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var json = new JsonObject
        {
            ["@odata.etag"] = entity.Attributes.TryGetValue("versionnumber", out var version) ? $"W/\"{version}\"" : null,
        };
        foreach (var (name, value) in entity.Attributes)
        {
            if (value is EntityReference reference)
            {
                json[$"_{name}_value"] = reference.Id;
                continue;
            }

            json[name] = value switch
            {
                null => null,
                OptionSetValue option => option.Value,
                Money money => money.Value,
                DateTime date => date.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                Guid id => id,
                bool flag => flag,
                int number => number,
                long number => number,
                decimal number => number,
                double number => number,
                string text => text,
                _ => value.ToString(),
            };
        }

        if (json["@odata.etag"] is null)
        {
            json.Remove("@odata.etag");
        }

        _ = entitySet;
        return json;
    }

    /// <summary>A typed value for a column from a JSON value or a URL literal.</summary>
    public static object? ToValue(ColumnDefinition column, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (value is null)
        {
            return null;
        }

        try
        {
            return column.Type switch
            {
                ColumnType.String or ColumnType.Memo => value.GetValue<string>(),
                ColumnType.Integer => value.GetValue<int>(),
                ColumnType.BigInt => value.GetValue<long>(),
                ColumnType.Decimal => value.GetValue<decimal>(),
                ColumnType.Double => value.GetValue<double>(),
                ColumnType.Money => new Money(value.GetValue<decimal>()),
                ColumnType.Boolean => value.GetValue<bool>(),
                ColumnType.DateTime => ParseDate(value.GetValue<string>()),
                ColumnType.Picklist or ColumnType.State or ColumnType.Status => new OptionSetValue(value.GetValue<int>()),
                ColumnType.PrimaryKey or ColumnType.Uniqueidentifier => value.GetValue<Guid>(),
                _ => throw DataverseFault.InvalidArgument($"Column '{column.LogicalName}' is a lookup; set it with '{column.LogicalName}@odata.bind'."),
            };
        }
        catch (Exception exception) when (exception is FormatException or InvalidOperationException or JsonException)
        {
            throw DataverseFault.InvalidArgument($"Cannot convert the value '{value.ToJsonString()}' for the property '{column.LogicalName}' to type {column.Type}.");
        }
    }

    /// <summary>A typed value for a column from an unquoted or quoted URL literal (keys and $filter).</summary>
    public static object? FromLiteral(ColumnDefinition column, string literal)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (literal == "null")
        {
            return null;
        }

        return column.Type switch
        {
            ColumnType.String or ColumnType.Memo => literal,
            ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner or ColumnType.PrimaryKey or ColumnType.Uniqueidentifier => Guid.Parse(literal),
            ColumnType.Picklist or ColumnType.State or ColumnType.Status => int.Parse(literal, CultureInfo.InvariantCulture),
            ColumnType.DateTime => ParseDate(literal),
            ColumnType.Money => new Money(decimal.Parse(literal, CultureInfo.InvariantCulture)),
            _ => ToValue(column, JsonNode.Parse(literal)),
        };
    }

    /// <summary>The lookup column a navigation property names: the column itself, its schema name, or column_target for polymorphic lookups.</summary>
    public static ColumnDefinition LookupColumn(TableDefinition table, string navigationProperty)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(navigationProperty);
        var direct = table.Columns.Values.FirstOrDefault(column => IsLookup(column)
            && (column.LogicalName.Equals(navigationProperty, StringComparison.OrdinalIgnoreCase) || column.SchemaName.Equals(navigationProperty, StringComparison.OrdinalIgnoreCase)));
        if (direct is not null)
        {
            return direct;
        }

        var separator = navigationProperty.LastIndexOf('_');
        if (separator > 0
            && table.FindColumn(navigationProperty[..separator].ToLowerInvariant()) is { } polymorphic
            && IsLookup(polymorphic)
            && polymorphic.Targets.Contains(navigationProperty[(separator + 1)..], StringComparer.OrdinalIgnoreCase))
        {
            return polymorphic;
        }

        throw DataverseFault.InvalidArgument($"An undeclared property '{navigationProperty}' which only has property annotations in the payload but no property value was found in the payload. In OData, only declared navigation properties and declared named streams can be represented as properties without values.");
    }

    private static bool IsLookup(ColumnDefinition column) => column.Type is ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner;

    private static DateTime ParseDate(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
