using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CreditOS.LocalDataverse.WebApi.OData;
using CreditOS.Solution.Metadata;

namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// What real Dataverse requires of a Web API request, checked on each request (and each $batch part) a client sent, so a
/// request the local Web API would let through but that means something else in Dataverse is caught. Each rule names the
/// Microsoft page it comes from. Returns the broken rules of one request (none when it is fine).
/// </summary>
public sealed partial class WebApiRequestRules(MetadataCatalog metadata, Func<string, bool> isCustomApi)
{
    public IReadOnlyList<string> Check(WebApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var broken = new List<string>();
        var path = Uri.UnescapeDataString(request.Path);
        if (request.Headers.Keys.FirstOrDefault(name => name.StartsWith("MSCRM.Bypass", StringComparison.OrdinalIgnoreCase)) is { } bypass)
        {
            // "The user sending the requests must have the prvBypassCustomBusinessLogic privilege. By default, only users with the system
            // administrator security role have this privilege" (Bypass custom Dataverse logic): the worker's application user holds
            // creditOS Integration, which grants neither bypass privilege (403 0x80040220), and the credit guards must run for it.
            broken.Add($"{request.Method} {path}: {bypass} asks to skip the custom plug-ins (the creditOS guards); the worker must not");
        }

        if (path is "$batch" or "WhoAmI")
        {
            return broken;
        }

        if (isCustomApi(path) || path.Contains("/Microsoft.Dynamics.CRM.", StringComparison.Ordinal))
        {
            // Custom API actions: invoked with POST ("Use Web API actions", webapi/use-web-api-actions).
            if (request.Method != "POST")
            {
                broken.Add($"{request.Method} {path}: actions are invoked with POST");
            }

            return broken;
        }

        CheckContent(request, path, broken);
        if (ParseResource(request.Method, path, broken) is not { } resource)
        {
            return broken;
        }

        if (metadata.FindTableByEntitySet(resource.EntitySet) is not { } table)
        {
            broken.Add($"{request.Method} {path}: '{resource.EntitySet}' is not an entity set of the solution (names are case-sensitive)");
            return broken;
        }

        if (request.Method == "GET" && !request.Query.ContainsKey("$select"))
        {
            // "Always use $select … If you don't, all properties are returned" (Query data using the Web API, "Select columns").
            broken.Add($"GET {request.PathAndQuery}: no $select; ask for the columns needed");
        }

        CheckKey(table, request.Method, path, resource, broken);
        CheckPreferences(request, path, broken);

        if (request.Method == "PATCH")
        {
            if (!resource.HasKey)
            {
                broken.Add($"PATCH {path}: a PATCH addresses one row");
            }
            else if (resource.Id is not null && request.Header("If-Match") is null && request.Header("If-None-Match") != "*")
            {
                // A PATCH by id without a precondition is an upsert: "The If-Match: * header ensures you don't create a new record by
                // accidentally performing an upsert operation" (Update and delete table rows using the Web API, "Basic update").
                broken.Add($"PATCH {path}: an update by id without If-Match: * creates the row again when it was deleted (an upsert)");
            }
        }

        // "If-None-Match: null" is what every request should carry ("This header should be used in all requests with a value of null",
        // Compose HTTP requests and handle errors, "Other headers"): it is no precondition.
        var noneMatch = request.Header("If-None-Match") is { } given && given != "null" ? given : null;
        if (request.Header("If-Match") is not null && noneMatch is not null)
        {
            // If-Match: * updates only, If-None-Match: * creates only (Perform conditional operations using the Web API, "Upsert"):
            // both at once can do neither.
            broken.Add($"{request.Method} {path}: If-Match and If-None-Match together");
        }

        if (noneMatch is not null && (request.Method != "PATCH" || noneMatch != "*"))
        {
            // "Prevent update in upsert: If-None-Match: *" (same page); on GET it carries an ETag, which the worker never sends.
            broken.Add($"{request.Method} {path}: If-None-Match '{noneMatch}' other than '*' on a PATCH");
        }

        if (request.Query.TryGetValue("$filter", out var filter))
        {
            CheckFilterDates(table, path, filter, broken);
            CheckFilterDateTimes(table, path, filter, broken);
        }

        if (request.Method is "POST" or "PATCH" && request.Body is { Length: > 0 } text && JsonNode.Parse(text) is JsonObject body)
        {
            CheckBody(table, request.Method, path, body, broken);
        }

        return broken;
    }

    /// <summary>
    /// Body properties: a column by its logical name, valid for the operation; a lookup only through its single-valued navigation
    /// property's exact (case-sensitive) name with @odata.bind to "/{entityset}({id})" of the navigation's target ("Associate table
    /// rows on create", webapi/create-entity-web-api); never the lookup's logical name or its _x_value.
    /// </summary>
    private void CheckBody(TableDefinition table, string method, string path, JsonObject body, List<string> broken)
    {
        var navigations = NavigationProperties.Of(metadata, table);
        foreach (var (property, value) in body)
        {
            if (property.EndsWith("@odata.bind", StringComparison.Ordinal))
            {
                var name = property[..^"@odata.bind".Length];
                var navigation = navigations.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.Ordinal));
                if (navigation is null)
                {
                    broken.Add($"{method} {path}: '{name}' is not a single-valued navigation property of {table.LogicalName} (declared: {string.Join(", ", navigations.Select(n => n.Name))})");
                }
                else if (value is not null && !BindTarget().IsMatch(value.GetValue<string>()))
                {
                    broken.Add($"{method} {path}: {property} is '{value}', not /{{entityset}}({{id}})");
                }
                else if (value is not null && BindTarget().Match(value.GetValue<string>()).Groups["set"].Value != metadata.FindTable(navigation.Target)?.EntitySetName)
                {
                    broken.Add($"{method} {path}: {property} binds '{value}', but {name} targets {navigation.Target}");
                }

                continue;
            }

            if (property.StartsWith('@') || property.Contains('@', StringComparison.Ordinal))
            {
                continue;
            }

            var column = table.FindColumn(property);
            if (column is null || !string.Equals(column.LogicalName, property, StringComparison.Ordinal))
            {
                broken.Add($"{method} {path}: '{property}' is not a property of {table.LogicalName}");
            }
            else if (column.Type is ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner)
            {
                broken.Add($"{method} {path}: the lookup '{property}' is set through its navigation property's @odata.bind");
            }
            else if (method == "POST" && !column.IsValidForCreate || method == "PATCH" && !column.IsValidForUpdate && !column.IsValidForCreate)
            {
                broken.Add($"{method} {path}: '{property}' cannot be written");
            }
            else if (column.Type == ColumnType.DateTime && value is not null)
            {
                CheckBodyDate(column, method, path, value, broken);
            }
        }
    }

    /// <summary>
    /// A date and time column (not DateOnly) is an Edm.DateTimeOffset property, compared with a date-time literal with its offset
    /// ("createdon ge 2024-01-01T00:00:00Z"); a bare yyyy-MM-dd is an Edm.Date, the literal of date-only columns ("Behavior and format
    /// of the date and time column", Web API Properties). Whether Dataverse's OData library promotes one to the other is not documented,
    /// so the worker must not rely on it.
    /// </summary>
    private static void CheckFilterDates(TableDefinition table, string path, string filter, List<string> broken)
    {
        foreach (Match comparison in DateComparison().Matches(filter))
        {
            if (table.FindColumn(comparison.Groups["column"].Value) is { Type: ColumnType.DateTime } column && column.DateTimeBehavior != DateTimeBehavior.DateOnly)
            {
                broken.Add($"GET {path}: $filter compares the date and time column '{column.LogicalName}' with the Edm.Date '{comparison.Groups["date"].Value}'; give a date-time with an offset");
            }
        }
    }

    [GeneratedRegex(@"(?<column>[a-z_0-9]+)\s+(?:eq|ne|gt|ge|lt|le)\s+(?<date>\d{4}-\d{2}-\d{2})(?!T)")]
    private static partial Regex DateComparison();

    [GeneratedRegex(@"^/(?<set>[a-z_]+)\([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\)$")]
    private static partial Regex BindTarget();
}
