using System.Globalization;
using System.ServiceModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Users;
using CreditOS.LocalDataverse.Values;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>Converts between Web API JSON and SDK entities, column by column, using the solution's metadata.</summary>
public sealed class EntityJson(MetadataCatalog metadata)
{
    private const string BindSuffix = "@odata.bind";

    public TableDefinition TableForEntitySet(string entitySet) =>
        metadata.FindTableByEntitySet(entitySet)
        ?? (UnmodelledSettingsTables.ForEntitySet(entitySet) is { } unmodelled
            ? throw DataverseFault.NotImplemented(UnmodelledSettingsTables.Explanation(unmodelled))
            : throw DataverseFault.Create(WebApiErrorCodes.ResourceNotFound, ResourceNotFoundPrefix + $"'{entitySet}'."));

    /// <summary>The start of the message Dataverse answers with 404 for an entity set (or segment) it does not have.</summary>
    public const string ResourceNotFoundPrefix = "Resource not found for the segment ";

    /// <summary>Reads a request body into an entity of the table; @odata.bind lookups become entity references.</summary>
    public Entity ToEntity(TableDefinition table, JsonObject body, Func<string, EntityReference> resolveBinding)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(resolveBinding);
        var entity = new Entity(table.LogicalName);
        foreach (var (property, value) in body)
        {
            if (property == "@odata.type")
            {
                RefuseOtherType(table, value);
                continue;
            }

            if (property.StartsWith('@') || property.Contains("@odata.", StringComparison.Ordinal) && !property.EndsWith(BindSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            if (property.EndsWith(BindSuffix, StringComparison.Ordinal) && OwnerColumn(table, property[..^BindSuffix.Length]) is { } owner)
            {
                entity[owner.LogicalName] = value is null ? null : OwnerReference(owner, resolveBinding(value.GetValue<string>()));
                continue;
            }

            if (property.EndsWith(BindSuffix, StringComparison.Ordinal))
            {
                RefuseCollectionBind(table, property[..^BindSuffix.Length]);
                var navigation = Navigation(table, property[..^BindSuffix.Length]);
                var reference = value is null ? null : resolveBinding(value.GetValue<string>());
                if (reference is not null && reference.LogicalName != navigation.Target)
                {
                    throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError, $"The navigation property '{navigation.Name}' binds to entities of type 'Microsoft.Dynamics.CRM.{navigation.Target}', not '{reference.LogicalName}'.");
                }

                entity[navigation.Column] = reference;
                continue;
            }

            if (table.IsActivity && property == ActivityPartiesProperty(table))
            {
                AddParties(table, entity, value, resolveBinding);
                continue;
            }

            if ((value is null or JsonObject) && SingleValuedNavigation(table, property) is { } lookupColumn)
            {
                // "You can remove a reference to a single-valued navigation property when updating by setting the value to null …
                // Or, just use the name of the single-valued navigation property": {"parentaccountid": null} (Associate and
                // disassociate table rows using the Web API, "Disassociate table rows on update"). It answered 400 "Invalid
                // property" before fidelity round 6. An object there is a deep insert ("Create related table rows in one
                // operation"), carried out for a POST by WebApiOperations.DeepInsert (session 16); elsewhere refused. Any other
                // value (a GUID string) is refused below as before: what Dataverse answers to it is not published.
                entity[lookupColumn] = value is null
                    ? null
                    : throw DataverseFault.NotImplemented(
                        $"a new related row in the single-valued navigation property '{property}' of '{table.LogicalName}' here (deep insert is implemented for a POST, through the relationships of the metadata; not for the owner, nor in an update, where what Dataverse does is not documented); create it first and bind it with '{property}@odata.bind'");
                continue;
            }

            var definition = table.FindColumn(property);
            if (definition is null || definition.Type is ColumnType.PartyList or ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner)
            {
                // The Web API has no property for a PartyList column (its parties are the {activity}_activity_parties
                // collection) nor for a lookup (set through its navigation property's @odata.bind; _x_value is read-only).
                throw UndeclaredProperty(table, property);
            }

            entity[definition.LogicalName] = PayloadValue(table, definition, value);
        }

        return entity;
    }

    /// <summary>
    /// The start of the message Dataverse answers, with code 0x80048d19, when the OData library cannot read a request body: "Error
    /// identified in Payload provided by the user for Entity :'accounts', For more information on this error please follow this help
    /// link https://go.microsoft.com/fwlink/?linkid=2195293  ---->  InnerException : …" (Troubleshoot Dataverse Web API client errors,
    /// "Error identified in Payload provided by the user for Entity", the response of its batch example).
    /// </summary>
    public static string PayloadErrorPrefix(string entitySet) =>
        $"Error identified in Payload provided by the user for Entity :'{entitySet}', For more information on this error please follow this help link https://go.microsoft.com/fwlink/?linkid=2195293  ---->  InnerException : ";

    /// <summary>A body value the OData library cannot read as the property's type: 400 0x80048d19 with the library's inner message.</summary>
    public static FaultException<OrganizationServiceFault> PayloadError(string entitySet, string innerMessage) =>
        DataverseFault.Create(WebApiErrorCodes.PayloadError, PayloadErrorPrefix(entitySet) + "Microsoft.OData.ODataException: " + innerMessage);

    /// <summary>
    /// A body value converted to the column's type. A value of another JSON type than the property's Edm type (a string for an
    /// Edm.Int32, a number for an Edm.String, a date-time for an Edm.Date) fails when the OData library deserializes the body, before
    /// Dataverse sees the entity, so Dataverse answers the payload error 0x80048d19 (see <see cref="PayloadErrorPrefix"/>) with the
    /// library's "Cannot convert the literal '…' to the expected type 'Edm.Int32'." (ReaderValidationUtils). The local host answered
    /// InvalidArgument 0x80040203 "Cannot convert the value … to type Integer." before Web API round 9 (session 17).
    /// </summary>
    private static object? PayloadValue(TableDefinition table, ColumnDefinition column, JsonNode? value)
    {
        try
        {
            return ConvertValue(column, value);
        }
        catch (Exception exception) when (IsConversionFailure(exception))
        {
            var literal = value is JsonValue text && text.TryGetValue<string>(out var given) ? given : value!.ToJsonString();
            throw PayloadError(table.EntitySetName, $"Cannot convert the literal '{literal}' to the expected type '{EdmTypeName(column)}'.");
        }
        catch (FaultException<OrganizationServiceFault> fault) when (fault.Detail.Message?.StartsWith("Cannot convert the literal", StringComparison.Ordinal) == true)
        {
            // EdmDate's refusals of a date or date-time literal: the same deserialization failure.
            throw PayloadError(table.EntitySetName, fault.Detail.Message);
        }
    }

    /// <summary>The Edm type of the property a column is (Web API Properties: Edm.Int32 for whole numbers and choices, money Edm.Decimal…).</summary>
    private static string EdmTypeName(ColumnDefinition column) => column.Type switch
    {
        ColumnType.String or ColumnType.Memo => "Edm.String",
        ColumnType.Integer or ColumnType.Picklist or ColumnType.State or ColumnType.Status => "Edm.Int32",
        ColumnType.BigInt => "Edm.Int64",
        ColumnType.Decimal or ColumnType.Money => "Edm.Decimal",
        ColumnType.Double => "Edm.Double",
        ColumnType.Boolean => "Edm.Boolean",
        ColumnType.DateTime when column.DateTimeBehavior == DateTimeBehavior.DateOnly => "Edm.Date",
        ColumnType.DateTime => "Edm.DateTimeOffset",
        ColumnType.PrimaryKey or ColumnType.Uniqueidentifier => "Edm.Guid",
        _ => "Edm.Untyped",
    };

    private static bool IsConversionFailure(Exception exception) => exception is FormatException or InvalidOperationException or JsonException;

    /// <summary>
    /// An entity's @odata.type names its type (OData JSON format 4.0, "Control Information odata.type"); a payload for
    /// accounts that says it is a contact is refused by the OData library ("A resource with type … was found, but it is not
    /// assignable to the expected type …"), Dataverse's entity types deriving only from crmbaseentity. The local host ignored it.
    /// </summary>
    private static void RefuseOtherType(TableDefinition table, JsonNode? value)
    {
        var expected = "Microsoft.Dynamics.CRM." + table.LogicalName;
        var given = value is JsonValue text && text.TryGetValue<string>(out var name) ? name.TrimStart('#') : value?.ToJsonString();
        if (!string.Equals(given, expected, StringComparison.Ordinal))
        {
            throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError,
                $"A resource with type '{given}' was found, but it is not assignable to the expected type '{expected}'. The type specified in the resource must be equal to either the expected type or a derived type.");
        }
    }

    /// <summary>The collection-valued navigation property from an activity to its parties (email_activity_parties).</summary>
    public static string ActivityPartiesProperty(TableDefinition table) => table.LogicalName + "_activity_parties";

    /// <summary>
    /// Deep insert of an activity's parties: each item gives its participationtypemask, the party through
    /// partyid_{table}@odata.bind (or only an addressused); they become the activity's PartyList columns (1 from, 2 to,
    /// 3 cc, 4 bcc…), which the organization service checks and stores as activityparty rows.
    /// </summary>
    private void AddParties(TableDefinition table, Entity entity, JsonNode? value, Func<string, EntityReference> resolveBinding)
    {
        var partyTable = metadata.FindTable("activityparty") ?? throw DataverseFault.UnknownTable("activityparty");
        if (value is not JsonArray items)
        {
            throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError, $"The property '{ActivityPartiesProperty(table)}' is a collection; give a JSON array of activityparty objects.");
        }

        foreach (var item in items)
        {
            if (item is not JsonObject body)
            {
                throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError, $"Each item of '{ActivityPartiesProperty(table)}' must be an activityparty object.");
            }

            var party = ToEntity(partyTable, body, resolveBinding);
            var mask = party.GetAttributeValue<OptionSetValue>("participationtypemask")?.Value
                ?? throw DataverseFault.InvalidArgument($"An item of '{ActivityPartiesProperty(table)}' has no participationtypemask; give 1 (sender), 2 (to), 3 (cc), 4 (bcc)….");
            var column = ParticipationTypes.ColumnFor(table, mask)
                ?? throw DataverseFault.InvalidArgument($"The participationtypemask {mask} is not a party type of '{table.LogicalName}' here (its PartyList columns: {string.Join(", ", table.Columns.Values.Where(c => c.Type == ColumnType.PartyList).Select(c => c.LogicalName))}).");
            if (!entity.Contains(column))
            {
                entity[column] = new EntityCollection { EntityName = partyTable.LogicalName };
            }

            ((EntityCollection)entity[column]).Entities.Add(party);
        }
    }

    /// <summary>
    /// Dataverse's refusal of a body property the entity type does not declare, e.g. a misspelt column, a lookup's logical name,
    /// or its read-only _x_value: "POST …/accounts {"Name": …}" answers 400 {"code": "0x0", "message": "An error occurred while
    /// validating input parameters: Microsoft.Crm.CrmException: Invalid property 'Name' was found in entity
    /// 'Microsoft.Dynamics.CRM.account'. ---> Microsoft.OData.ODataException: Does not support untyped value in non-open type.…"}
    /// (Troubleshoot Dataverse Web API client errors, "Invalid property … was found in entity"). It answered 0x80060888 "The
    /// property … does not exist on type …" before.
    /// </summary>
    public static System.ServiceModel.FaultException<OrganizationServiceFault> UndeclaredProperty(TableDefinition table, string property) =>
        CompositeAddresses.UnmodelledComposite(table, property) is { } composite
            ? DataverseFault.NotImplemented(CompositeAddresses.Explanation(table.LogicalName, composite))
            : DataverseFault.Create(
            WebApiErrorCodes.PropertyNotFound,
            $"An error occurred while validating input parameters: Microsoft.Crm.CrmException: Invalid property '{property}' was found in entity 'Microsoft.Dynamics.CRM.{table.LogicalName}'. ---> Microsoft.OData.ODataException: Does not support untyped value in non-open type.");

    /// <summary>Writes an entity as the Web API returns it: lookups as _column_value, choices as numbers, DateOnly as Edm.Date.</summary>
    public JsonObject ToJson(TableDefinition table, Entity entity, Microsoft.Xrm.Sdk.Query.ColumnSet? selected = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(entity);
        var json = new JsonObject
        {
            // Every row carries its ETag, whatever $select names: W/"{row version}".
            ["@odata.etag"] = entity.RowVersion is { Length: > 0 } rowVersion ? $"W/\"{rowVersion}\""
                : entity.Attributes.TryGetValue("versionnumber", out var version) ? $"W/\"{version}\"" : null,
        };
        foreach (var (name, value) in entity.Attributes)
        {
            if (value is EntityCollection)
            {
                // PartyList columns are not Web API properties (their parties are {activity}_activity_parties).
                continue;
            }

            if (value is EntityReference reference)
            {
                json[$"_{name}_value"] = reference.Id;
                continue;
            }

            json[name] = value switch
            {
                null => null,
                OptionSetValue option => option.Value,
                Money money => MoneyJson(money.Value),
                DateTime date when table.FindColumn(name)?.DateTimeBehavior == DateTimeBehavior.DateOnly => date.ToString(EdmDate.DateFormat, CultureInfo.InvariantCulture),
                DateTime date => EdmDate.AsUtc(date).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
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

        if (selected is not null)
        {
            // The Web API returns every property asked for ($select, or all the type's properties without it), a column
            // without a value (or one the caller may not read) as null; the organization service leaves such columns out.
            foreach (var column in selected.AllColumns ? table.Columns.Values.Where(c => c.IsValidForRead) : selected.Columns.Select(table.FindColumn).OfType<ColumnDefinition>())
            {
                var property = column.Type switch
                {
                    ColumnType.PartyList => null,
                    ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner => $"_{column.LogicalName}_value",
                    _ => column.LogicalName,
                };
                if (property is not null && !json.ContainsKey(property))
                {
                    json[property] = null;
                }
            }
        }

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
            return ConvertValue(column, value);
        }
        catch (Exception exception) when (IsConversionFailure(exception))
        {
            throw DataverseFault.InvalidArgument($"Cannot convert the value '{value.ToJsonString()}' for the property '{column.LogicalName}' to type {column.Type}.");
        }
    }

    private static object? ConvertValue(ColumnDefinition column, JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }

        return column.Type switch
        {
            ColumnType.String or ColumnType.Memo => value.GetValue<string>(),
            ColumnType.Integer => value.GetValue<int>(),
            ColumnType.BigInt => value.GetValue<long>(),
            ColumnType.Decimal => value.GetValue<decimal>(),
            ColumnType.Double => value.GetValue<double>(),
            ColumnType.Money => new Money(value.GetValue<decimal>()),
            ColumnType.Boolean => value.GetValue<bool>(),
            ColumnType.DateTime => EdmDate.ParseFor(column, value.GetValue<string>(), submitted: true),
            ColumnType.Picklist or ColumnType.State or ColumnType.Status => new OptionSetValue(value.GetValue<int>()),
            ColumnType.PrimaryKey or ColumnType.Uniqueidentifier => value.GetValue<Guid>(),
            _ => throw DataverseFault.InvalidArgument($"Column '{column.LogicalName}' is a lookup; set it with '{column.LogicalName}@odata.bind'."),
        };
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
            ColumnType.DateTime => EdmDate.ParseFor(column, literal),
            ColumnType.Money => new Money(decimal.Parse(literal, CultureInfo.InvariantCulture)),
            _ => ToValue(column, JsonNode.Parse(literal)),
        };
    }

    /// <summary>
    /// A collection-valued navigation property (a one-to-many relationship seen from its referenced table, or a many-to-many
    /// one, named by the relationship's schema name) bound with an array of URLs associates existing rows on create ("Associate
    /// table rows on create": "contact_customer_accounts@odata.bind": ["/contacts(…)"], webapi/create-entity-web-api). The local
    /// host does not implement it; it used to refuse it as an undeclared property (400), which Dataverse does not say.
    /// </summary>
    private void RefuseCollectionBind(TableDefinition table, string name)
    {
        var relationship = metadata.Relationships.FirstOrDefault(r => string.Equals(r.SchemaName, name, StringComparison.Ordinal)
            && (r.Type == RelationshipType.OneToMany ? r.ReferencedTable == table.LogicalName : r.ReferencedTable == table.LogicalName || r.ReferencingTable == table.LogicalName));
        if (relationship is not null)
        {
            throw DataverseFault.NotImplemented(
                $"binding the collection-valued navigation property '{name}' of '{table.LogicalName}' (associating rows on create or update); bind each related row's own lookup with its single-valued navigation property, or Associate through the organization service");
        }
    }

    /// <summary>
    /// The single-valued navigation property with exactly this name (case-sensitive, from the relationships in the
    /// metadata). A lookup's logical name, or its schema name in other casing, is refused as Dataverse refuses it:
    /// "parentcustomerid@odata.bind" answers 400 {"code": "0x80048d19", "message": "Error identified in Payload provided by the user
    /// for Entity :'contacts'  ---->  InnerException : Microsoft.OData.ODataException: An undeclared property 'parentcustomerid' which
    /// only has property annotations in the payload but no property value was found in the payload. In OData, only declared
    /// navigation properties and declared named streams can be represented as properties without values…"} (Troubleshoot Dataverse
    /// Web API client errors, "Error identified in Payload provided by the user for Entity"). It answered 0x80060888 with the inner
    /// message only before.
    /// </summary>
    public NavigationProperty Navigation(TableDefinition table, string navigationProperty)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(navigationProperty);
        return NavigationProperties.Find(metadata, table, navigationProperty)
            ?? throw DataverseFault.Create(
                WebApiErrorCodes.PayloadError,
                $"Error identified in Payload provided by the user for Entity :'{table.EntitySetName}'  ---->  InnerException : Microsoft.OData.ODataException: An undeclared property '{navigationProperty}' which only has property annotations in the payload but no property value was found in the payload. In OData, only declared navigation properties and declared named streams can be represented as properties without values.");
    }

    /// <summary>
    /// The owner's single-valued navigation property. Every user- or team-owned table's <c>ownerid</c> navigates to the
    /// <c>principal</c> entity type, whose derived types are systemuser and team ("principal EntityType", Web API reference: its
    /// collection-valued navigation property owner_accounts has the partner ownerid), so <c>"ownerid@odata.bind": "/systemusers(…)"</c>
    /// or <c>"/teams(…)"</c> sets the owner (and assigns the row). The solution's relationships do not declare the owner, so the
    /// local host refused it as an undeclared property (0x80048d19) before fidelity round 6.
    /// </summary>
    private static ColumnDefinition? OwnerColumn(TableDefinition table, string navigationProperty) =>
        navigationProperty == "ownerid" && table.FindColumn("ownerid") is { Type: ColumnType.Owner } owner ? owner : null;

    private static EntityReference OwnerReference(ColumnDefinition owner, EntityReference reference) =>
        owner.Targets.Contains(reference.LogicalName, StringComparer.Ordinal)
            ? reference
            : throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError,
                $"The navigation property 'ownerid' binds to entities of type 'Microsoft.Dynamics.CRM.principal' (systemuser or team), not '{reference.LogicalName}'.");

    /// <summary>The lookup column a single-valued navigation property (the owner's included) sets, or null when the name is not one.</summary>
    private string? SingleValuedNavigation(TableDefinition table, string property) =>
        OwnerColumn(table, property)?.LogicalName ?? NavigationProperties.Find(metadata, table, property)?.Column;

    /// <summary>
    /// A money value as the Web API writes it: with the four decimal places of Dataverse's money storage, whatever the currency's
    /// precision ("revenue": 20000.0000 beside its formatted value "$20,000.00", webapi/query/select-columns; "annualincome":
    /// 45000.0000, fetchxml/page-results). The local host wrote the stored decimal as it was (20000, 12.5).
    /// </summary>
    public static decimal MoneyJson(decimal value) => decimal.Round(value, 4, MidpointRounding.AwayFromZero) + 0.0000m;
}
