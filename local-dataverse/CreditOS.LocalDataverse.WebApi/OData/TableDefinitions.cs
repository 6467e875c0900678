using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CreditOS.LocalDataverse.Faults;
using CreditOS.Solution.Metadata;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// The part of "Query table definitions using the Web API" the local host serves (session 23), read from the solution's metadata:
/// <list type="bullet">
/// <item><c>GET EntityDefinitions(LogicalName='t')?$select=…[&amp;$expand=Attributes($select=…)]</c>: one table;</item>
/// <item><c>GET EntityDefinitions(LogicalName='t')/Attributes?$select=…</c>: its columns with the properties every attribute has,
/// each with its <c>@odata.type</c>;</item>
/// <item><c>GET EntityDefinitions(LogicalName='t')/Attributes/Microsoft.Dynamics.CRM.MoneyAttributeMetadata?$select=LogicalName,Precision</c>:
/// the columns of one type with that type's properties, and for Boolean, Picklist, State and Status
/// <c>$expand=OptionSet($select=Options)</c> (Picklist also GlobalOptionSet, null for a local choice);</item>
/// <item><c>GET EntityDefinitions(LogicalName='t')/Attributes(LogicalName='c')[/Microsoft.Dynamics.CRM.…AttributeMetadata]</c>: one column.</item>
/// </list>
/// "The MetadataId property value is always returned." Everything else under the table definitions answers 501 saying what is not
/// implemented, never a partial answer: the EntityDefinitions collection (the real one lists every table of the environment; the
/// local catalog holds creditOS's and the standard tables it declares), a standard table's Attributes (declared with the columns
/// creditOS uses only), a request without $select (the real answer carries every property), a property, $expand or query option
/// not listed in <see cref="DefinitionJson"/>, and any method but GET. Any authenticated caller may read definitions.
/// </summary>
internal static partial class TableDefinitions
{
    private const string Set = "EntityDefinitions";
    private const string AttributesSegment = "Attributes";

    [GeneratedRegex(@"^EntityDefinitions\(LogicalName='(?<table>[a-z0-9_]+)'\)(?:/Attributes(?:\(LogicalName='(?<column>[a-z0-9_]+)'\))?(?:/Microsoft\.Dynamics\.CRM\.(?<cast>[A-Za-z]+))?(?<attributes>))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Path();

    /// <summary>The answer for a path under EntityDefinitions, or null when the path is not there.</summary>
    public static WebApiResult? Answer(string path, WebApiRequest request, MetadataCatalog metadata, Uri serviceRoot)
    {
        if (!path.StartsWith(Set, StringComparison.Ordinal) || (path.Length > Set.Length && path[Set.Length] is not ('(' or '/' or '?')))
        {
            return null;
        }

        var match = Path().Match(path);
        if (request.Method != "GET" || !match.Success)
        {
            return NotImplemented($"{request.Method} {path} (it serves GET of EntityDefinitions(LogicalName='…'), its Attributes, Attributes(LogicalName='…') and Attributes cast to a type)");
        }

        if (metadata.FindTable(match.Groups["table"].Value) is not { } table)
        {
            // The platform's metadata cache answers a name it does not hold (0x80041102); its status through the Web API is inferred.
            return WebApiResult.Error(404, unchecked((int)0x80041102),
                $"Could not find entity with name '{match.Groups["table"].Value}'. The entity with a name = '{match.Groups["table"].Value}' with namemapping = 'Logical' was not found in the MetadataCache.");
        }

        if (request.Query.Keys.FirstOrDefault(option => option is not ("$select" or "$expand")) is { } other)
        {
            return NotImplemented($"the query option {other} on table definitions (it serves $select and $expand)");
        }

        if (!request.Query.TryGetValue("$select", out var selectText) || string.IsNullOrWhiteSpace(selectText))
        {
            return NotImplemented("a table definition request without $select (Dataverse answers every property; select the ones you need)");
        }

        var select = selectText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var context = new Uri(serviceRoot, "$metadata#").AbsoluteUri + path;
        if (!match.Groups["attributes"].Success)
        {
            return Entity(table, select, request, context);
        }

        if (table.IsStandard)
        {
            return NotImplemented($"the Attributes of the standard table '{table.LogicalName}' (the local metadata declares only the columns creditOS uses)");
        }

        var cast = match.Groups["cast"].Success ? match.Groups["cast"].Value : null;
        if (cast is not null && !DefinitionJson.AttributeProperties.ContainsKey(cast))
        {
            return NotImplemented($"the attribute type {DefinitionJson.Namespace}{cast}");
        }

        if (Unserved(select, cast) is { } unserved)
        {
            return unserved;
        }

        var columns = table.Columns.Values.Where(column => cast is null || DefinitionJson.DerivedType(column) == cast).OrderBy(column => column.LogicalName, StringComparer.Ordinal);
        if (match.Groups["column"].Success)
        {
            var column = table.FindColumn(match.Groups["column"].Value);
            if (column is null || (cast is not null && DefinitionJson.DerivedType(column) != cast))
            {
                return WebApiResult.Error(404, WebApiErrorCodes.ResourceNotFound,
                    $"Could not find an attribute with name '{match.Groups["column"].Value}'{(cast is null ? string.Empty : " of type " + cast)} on entity '{table.LogicalName}'.");
            }

            var one = Attribute(table, column, select, request, cast);
            if (one.Body is { } oneBody)
            {
                oneBody.Insert(0, "@odata.context", context + "/$entity");
            }

            return one;
        }

        var value = new JsonArray();
        foreach (var column in columns)
        {
            var item = Attribute(table, column, select, request, cast);
            if (item.StatusCode != 200)
            {
                return item;
            }

            value.Add(item.Body);
        }

        return WebApiResult.Json(200, new JsonObject { ["@odata.context"] = context, ["value"] = value });
    }

    private static WebApiResult Entity(TableDefinition table, string[] select, WebApiRequest request, string context)
    {
        if (select.FirstOrDefault(property => !DefinitionJson.EntityProperties.ContainsKey(property)) is { } missing)
        {
            return NotImplemented($"the EntityMetadata property '{missing}' (it serves {string.Join(", ", DefinitionJson.EntityProperties.Keys)})");
        }

        var json = DefinitionJson.Entity(table, select);
        json.Insert(0, "@odata.context", context + "/$entity");
        if (request.Query.TryGetValue("$expand", out var expand))
        {
            foreach (var item in ExpandOption.Parse(expand))
            {
                if (item.Name != AttributesSegment || item.Options.Keys.Any(option => option != "$select") || !item.Options.TryGetValue("$select", out var inner))
                {
                    return NotImplemented($"$expand={expand} (it serves Attributes($select=…) with the properties every attribute has)");
                }

                if (table.IsStandard)
                {
                    return NotImplemented($"the Attributes of the standard table '{table.LogicalName}' (the local metadata declares only the columns creditOS uses)");
                }

                var attributeSelect = inner.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (Unserved(attributeSelect, null) is { } unserved)
                {
                    return unserved;
                }

                json[AttributesSegment] = new JsonArray(table.Columns.Values.OrderBy(column => column.LogicalName, StringComparer.Ordinal)
                    .Select(column => (JsonNode)DefinitionJson.Attribute(table, column, attributeSelect, typeAnnotation: true)).ToArray());
            }
        }

        return WebApiResult.Json(200, json);
    }

    private static WebApiResult Attribute(TableDefinition table, ColumnDefinition column, string[] select, WebApiRequest request, string? cast)
    {
        var json = DefinitionJson.Attribute(table, column, select, typeAnnotation: cast is null);
        if (!request.Query.TryGetValue("$expand", out var expand))
        {
            return WebApiResult.Json(200, json);
        }

        foreach (var item in ExpandOption.Parse(expand))
        {
            var served = cast is "BooleanAttributeMetadata" or "PicklistAttributeMetadata" or "StateAttributeMetadata" or "StatusAttributeMetadata"
                && (item.Name == "OptionSet" || (item.Name == "GlobalOptionSet" && cast == "PicklistAttributeMetadata"));
            if (!served || item.Options.Keys.Any(option => option != "$select"))
            {
                return NotImplemented($"$expand={expand}{(cast is null ? " without a cast" : " on " + cast)} (it serves OptionSet on Boolean, Picklist, State and Status attributes, GlobalOptionSet on Picklist, with $select)");
            }

            string[]? optionSelect = item.Options.TryGetValue("$select", out var inner) ? inner.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null;
            if (optionSelect?.FirstOrDefault(property => !DefinitionJson.OptionSetProperties.Contains(property)) is { } missing)
            {
                return NotImplemented($"the OptionSetMetadata property '{missing}' (it serves {string.Join(", ", DefinitionJson.OptionSetProperties)})");
            }

            // GlobalOptionSet is null for a column with a local choice; OptionSet holds the choices either way.
            json[item.Name] = item.Name == "GlobalOptionSet" && column.OptionSetName is null ? null : DefinitionJson.OptionSet(table, column, optionSelect);
        }

        return WebApiResult.Json(200, json);
    }

    /// <summary>
    /// A property the request selects that the local host does not write. Without a cast only the properties every attribute has are
    /// selectable: Dataverse refuses a derived type's property there ("you must cast the Attributes collection"), as OData does.
    /// </summary>
    private static WebApiResult? Unserved(string[] select, string? cast)
    {
        var common = DefinitionJson.AttributeProperties[string.Empty];
        var own = cast is null ? null : DefinitionJson.AttributeProperties[cast];
        var missing = select.FirstOrDefault(property => !common.ContainsKey(property) && (own is null || !own.ContainsKey(property)));
        if (missing is null)
        {
            return null;
        }

        if (cast is null && DefinitionJson.AttributeProperties.Values.Any(properties => properties.ContainsKey(missing)))
        {
            return WebApiResult.Error(400, WebApiErrorCodes.PropertyNotFound,
                $"Could not find a property named '{missing}' on type '{DefinitionJson.Namespace}AttributeMetadata'.");
        }

        return NotImplemented($"the attribute property '{missing}'{(cast is null ? string.Empty : " of " + cast)} (it serves {string.Join(", ", common.Keys.Concat(own?.Keys ?? []))})");
    }

    private static WebApiResult NotImplemented(string what) =>
        WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError,
            $"The local Web API does not implement Dataverse's table definitions for {what} (Query table definitions using the Web API); the tables, columns, choices and relationships are in the solution's metadata (CreditOS.Solution).");
}
