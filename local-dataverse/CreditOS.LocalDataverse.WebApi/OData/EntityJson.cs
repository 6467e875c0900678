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
                var navigation = Navigation(table, property[..^BindSuffix.Length]);
                var reference = value is null ? null : resolveBinding(value.GetValue<string>());
                if (reference is not null && reference.LogicalName != navigation.Target)
                {
                    throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError, $"The navigation property '{navigation.Name}' binds to entities of type 'Microsoft.Dynamics.CRM.{navigation.Target}', not '{reference.LogicalName}'.");
                }

                entity[navigation.Column] = reference;
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
                ColumnType.DateTime => EdmDate.Parse(value.GetValue<string>(), column.LogicalName),
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
            ColumnType.Picklist or ColumnType.State or ColumnType.Status => new OptionSetValue(int.Parse(literal, CultureInfo.InvariantCulture)),
            ColumnType.DateTime => EdmDate.Parse(literal, column.LogicalName),
            ColumnType.Money => new Money(decimal.Parse(literal, CultureInfo.InvariantCulture)),
            _ => ToValue(column, JsonNode.Parse(literal)),
        };
    }

    /// <summary>
    /// The single-valued navigation property with exactly this name (case-sensitive, from the relationships in the
    /// metadata). A lookup's logical name, or its schema name in other casing, is refused as Dataverse refuses it.
    /// </summary>
    public NavigationProperty Navigation(TableDefinition table, string navigationProperty)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(navigationProperty);
        return NavigationProperties.Find(metadata, table, navigationProperty)
            ?? throw DataverseFault.Create(
                WebApiErrorCodes.ODataPayloadError,
                $"An undeclared property '{navigationProperty}' which only has property annotations in the payload but no property value was found in the payload. In OData, only declared navigation properties and declared named streams can be represented as properties without values.");
    }

}
