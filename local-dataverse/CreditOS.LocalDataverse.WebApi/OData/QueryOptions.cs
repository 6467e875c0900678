using System.Globalization;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Values;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// The OData system query options the local Web API reads, checked as Dataverse checks them ("Query data using the
/// Web API", learn.microsoft.com/power-apps/developer/data-platform/webapi/query/overview). What Dataverse supports and
/// the local host does not ($apply…) is refused with 501 and says so; what Dataverse itself
/// refuses ($skip, an unknown $option, an unknown property, a sort direction other than asc/desc) is refused with 400.
/// </summary>
public static class QueryOptions
{
    private static readonly HashSet<string> CollectionOptions = new(StringComparer.Ordinal) { "$select", "$filter", "$orderby", "$top", "$skiptoken", "$count", "$expand", "$apply" };

    private static readonly HashSet<string> RowOptions = new(StringComparer.Ordinal) { "$select" };

    /// <summary>A row read with GET takes $expand too (Join tables using OData).</summary>
    private static readonly HashSet<string> RowReadOptions = new(StringComparer.Ordinal) { "$select", "$expand" };

    /// <summary>
    /// A create (POST) or update (PATCH) takes $select and $expand for return=representation: "You may also use $expand to return
    /// related entities" (Create a table row using the Web API, "Create with data returned"); "The $expand query option will be
    /// ignored if used" (Update and delete table rows using the Web API, "Update with data returned"). Both answered 501 before
    /// fidelity round 6.
    /// </summary>
    private static readonly HashSet<string> WriteOptions = new(StringComparer.Ordinal) { "$select", "$expand" };

    /// <summary>Options Dataverse supports that the local Web API does not implement.</summary>
    /// <remarks>
    /// <c>$deltatoken</c> is change tracking's ("Use change tracking to synchronize data with external systems",
    /// webapi/use-change-tracking-synchronize-data-external-systems): it answered 400 "not supported", which Dataverse does support.
    /// </remarks>
    private static readonly HashSet<string> NotImplemented = new(StringComparer.Ordinal) { "$compute", "$levels", "$deltatoken" };

    /// <summary>
    /// "The Dataverse Web API doesn't support the following OData query options: $skip, $search, $format" (Use OData to query data,
    /// webapi/query/overview). $search and $format answered 501 "does not implement", as if Dataverse had them; all three are refused
    /// with 400 as options Dataverse does not support.
    /// </summary>
    private static readonly HashSet<string> UnsupportedByDataverse = new(StringComparer.Ordinal) { "$skip", "$search", "$format" };

    /// <summary>
    /// Dataverse's own query parameters on an entity set: "use the fetchXml query string parameter to pass it to the entity set"
    /// (Use FetchXML with the Web API, learn.microsoft.com/power-apps/developer/data-platform/webapi/use-fetchxml-web-api), and
    /// savedQuery / userQuery, which run a system or personal view ("Predefined queries", webapi/retrieve-and-execute-predefined-queries).
    /// They are not $-options, so the local host used to ignore them and answer every row of the set, which a client could take for
    /// the query's result; it refuses them as not implemented (501).
    /// </summary>
    private static readonly HashSet<string> DataverseQueryParameters = new(StringComparer.OrdinalIgnoreCase) { "fetchXml", "savedQuery", "userQuery" };

    /// <summary>The refusal of the request's query options and preferences, or null when all are implemented.</summary>
    public static WebApiResult? Refusal(WebApiRequest request, bool addressesRow)
    {
        ArgumentNullException.ThrowIfNull(request);
        var allowed = request.Method is "POST" or "PATCH" ? WriteOptions : request.Method != "GET" ? RowOptions : addressesRow ? RowReadOptions : CollectionOptions;
        if (request.RepeatedOption is { } repeated)
        {
            // The OData library's URI parser refuses a system query option given twice (ODataUriParser, "Query option '$select' was
            // specified more than once, but it must be specified at most once."), with code 0x0 as its other URI errors ("Could not
            // find a property named …", Troubleshoot Dataverse Web API client errors). The local host read the last one before Web
            // API round 9 (session 17).
            return WebApiResult.Error(400, WebApiErrorCodes.UriParserError, $"Query option '{repeated}' was specified more than once, but it must be specified at most once.");
        }

        foreach (var option in new[] { "$filter", "$orderby" })
        {
            if (request.Query.TryGetValue(option, out var expression) && string.IsNullOrWhiteSpace(expression))
            {
                // An empty $filter or $orderby is not an expression: the OData library's expression parser answers "Expression expected at
                // position 0 in ''." (code 0x0). The local host answered every row, unfiltered or unordered, before Web API round 9.
                return WebApiResult.Error(400, WebApiErrorCodes.UriParserError, $"Expression expected at position {expression.Length} in '{expression}'.");
            }
        }

        if (ChangeTracking.Refusal(request) is { } tracking)
        {
            return tracking;
        }

        foreach (var option in request.Query.Keys)
        {
            // fetchXml on a collection read is answered for aggregate FetchXML (WebApiOperations.FetchXml).
            if (string.Equals(option, "fetchXml", StringComparison.Ordinal) && request.Method == "GET" && !addressesRow)
            {
                continue;
            }

            if (DataverseQueryParameters.Contains(option))
            {
                return WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError,
                    $"The local Web API does not implement the '{option}' query parameter ({request.Method} {request.Path}); query with $select/$filter/$orderby, or run FetchXML and views through the organization service (RetrieveMultiple with a FetchExpression).");
            }

            if (allowed.Contains(option))
            {
                continue;
            }

            if (option == "$skip")
            {
                return WebApiResult.Error(400, WebApiErrorCodes.ODataPayloadError, "The query parameter $skip is not supported. Page with Prefer: odata.maxpagesize and @odata.nextLink.");
            }

            if (UnsupportedByDataverse.Contains(option))
            {
                return WebApiResult.Error(400, WebApiErrorCodes.ODataPayloadError, $"The query parameter {option} is not supported.");
            }

            if (NotImplemented.Contains(option) || (option.StartsWith('$') && CollectionOptions.Contains(option) && !allowed.Contains(option)))
            {
                return WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError,
                    $"The local Web API does not implement the query option '{option}' on this request ({request.Method} {request.Path}); it reads {string.Join(", ", allowed)}.");
            }

            if (option.StartsWith('$'))
            {
                return WebApiResult.Error(400, WebApiErrorCodes.ODataPayloadError, $"The query parameter '{option}' is not supported.");
            }

            if (option.StartsWith('@'))
            {
                return WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError, $"The local Web API does not implement parameter aliases ('{option}'); write the value in place.");
            }
        }

        return null;
    }

    /// <summary>
    /// A property of the entity type as $select, $orderby and $filter name it: a lookup only as _column_value (its
    /// logical name is not a property), any other column by its logical name.
    /// </summary>
    public static ColumnDefinition Property(TableDefinition table, string property)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(property);
        var isLookupValue = property.Length > 7 && property.StartsWith('_') && property.EndsWith("_value", StringComparison.Ordinal);
        var column = table.FindColumn(isLookupValue ? property[1..^6] : property);
        var isLookup = column?.Type is ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner;
        if (column is null && CompositeAddresses.UnmodelledComposite(table, property) is { } composite)
        {
            throw DataverseFault.NotImplemented(CompositeAddresses.Explanation(table.LogicalName, composite));
        }

        return column is not null && column.Type != ColumnType.PartyList && isLookup == isLookupValue
            ? column
            // "$select=Name" answers 400 {"code": "0x0", "message": "Could not find a property named 'Name' on type
            // 'Microsoft.Dynamics.CRM.account'."} (Troubleshoot Dataverse Web API client errors); it answered 0x80060888 before.
            : throw DataverseFault.Create(WebApiErrorCodes.PropertyNotFound, $"Could not find a property named '{property}' on type 'Microsoft.Dynamics.CRM.{table.LogicalName}'.");
    }

    /// <summary>$orderby: comma-separated properties, each optionally followed by asc or desc.</summary>
    public static IEnumerable<(string Column, OrderType Order)> OrderBy(TableDefinition table, string orderBy)
    {
        ArgumentNullException.ThrowIfNull(orderBy);
        foreach (var clause in orderBy.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 2 || (parts.Length == 2 && parts[1] is not "asc" and not "desc"))
            {
                throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError, $"Syntax error in $orderby '{orderBy}': '{clause}' is not a property followed by asc or desc.");
            }

            yield return (Property(table, parts[0]).LogicalName, parts.Length == 2 && parts[1] == "desc" ? OrderType.Descending : OrderType.Ascending);
        }
    }

    /// <summary>$top: a whole number from 1.</summary>
    /// <summary>
    /// $top: the OData library refuses what is not a non-negative integer with its own words. $top=0 is a non-negative integer,
    /// so that refusal would contradict itself; what Dataverse answers to it is not documented, so it is refused as not implemented.
    /// </summary>
    public static int Top(string top) =>
        !int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError, $"Invalid value '{top}' for $top query option found. The $top query option requires a non-negative integer value.")
            : count == 0
            ? throw DataverseFault.NotImplemented("$top=0 (what Dataverse answers to it is not documented); ask for at least one row")
            : count;

    /// <summary>$count=true asks for @odata.count; false for none; anything else is refused.</summary>
    public static bool CountRequested(WebApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return !request.Query.TryGetValue("$count", out var count)
            ? false
            : count switch
            {
                "true" => true,
                "false" => false,
                _ => throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError, $"'{count}' is not a valid count option: $count takes true or false."),
            };
    }
}
