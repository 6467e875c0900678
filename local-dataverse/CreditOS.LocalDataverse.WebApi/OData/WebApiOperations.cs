using System.Globalization;
using System.ServiceModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Query;
using CreditOS.LocalDataverse.Values;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// Carries out Web API operations through the local Dataverse's organization service, so metadata validation,
/// alternate keys, transactions and registered plug-ins apply exactly as for SDK calls.
/// </summary>
public sealed partial class WebApiOperations
{
    private const string WhoAmI = "WhoAmI";
    private const string CountSegment = "/$count";
    private const string MoneyCurrencyColumn = "transactioncurrencyid";
    private const string ActionTarget = "Target";
    private const int DefaultPageSize = 5_000;
    private readonly LocalDataverse _dataverse;
    private readonly IOrganizationService _service;
    private readonly EntityJson _json;
    private readonly FormattedValues _annotations;
    private readonly Uri _serviceRoot;
    private readonly Guid _userId;
    /// <summary>Whether every call of <see cref="_service"/> joins one transaction already (a change set's).</summary>
    private readonly bool _inTransaction;

    /// <param name="callerId">The authenticated user (the bearer token's); SYSTEM when null.</param>
    /// <param name="onBehalfOf">
    /// The user named by the request's MSCRMCallerID header: every operation runs as that user, which the authenticated user
    /// may do only with prvActOnBehalfOfAnotherUser (the organization service refuses it otherwise, 0x8004A110 → 403).
    /// </param>
    public WebApiOperations(LocalDataverse dataverse, Uri serviceRoot, Guid? callerId = null, Guid? onBehalfOf = null)
    {
        ArgumentNullException.ThrowIfNull(dataverse);
        _dataverse = dataverse;
        _serviceRoot = serviceRoot;
        _userId = callerId ?? dataverse.SystemUserId;
        OnBehalfOf = onBehalfOf;
        var service = dataverse.GetOrganizationService(_userId);
        service.CallerId = onBehalfOf ?? Guid.Empty;
        _service = service;
        _json = new EntityJson(dataverse.Metadata);
        // Lookup names and currencies are read as SYSTEM: Dataverse shows a lookup's name whatever the caller may read.
        _annotations = new FormattedValues(dataverse.Metadata, dataverse.GetOrganizationService());
    }

    private WebApiOperations(WebApiOperations template, IOrganizationService service, bool transactional)
    {
        _inTransaction = template._inTransaction || transactional;
        _dataverse = template._dataverse;
        _serviceRoot = template._serviceRoot;
        _userId = template._userId;
        OnBehalfOf = template.OnBehalfOf;
        _json = template._json;
        _annotations = template._annotations;
        _service = service;
    }

    public Guid UserId => _userId;

    /// <summary>$filter lambdas (any/all) read the related rows through this request's service, as its caller.</summary>
    private ILambdaResolver Lambdas => new CallerLambdas(_dataverse.Metadata, _service);

    /// <summary>The impersonated user (MSCRMCallerID), when the request names one.</summary>
    public Guid? OnBehalfOf { get; }

    public LocalDataverse Dataverse => _dataverse;

    /// <summary>The same operations through another service of the same user (a change set's transactional one).</summary>
    /// <param name="transactional">The service's calls all join one transaction (a change set's): a deep insert then runs in it.</param>
    public WebApiOperations WithService(IOrganizationService service, bool transactional = false)
    {
        ArgumentNullException.ThrowIfNull(service);
        return new WebApiOperations(this, service, transactional);
    }

    public WebApiResult Execute(WebApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        // "The tag parameter … appended to the URL" reaches plug-ins as SharedVariables["tag"] (Use optional parameters, "Add a
        // shared variable to the plugin execution context"): every request of this operation carries it. It was ignored. The
        // bypass headers become the optional parameters of every request of this operation too (a $batch part's own headers
        // included), so the organization service checks the privilege and skips the logic (Security/BusinessLogicBypass).
        if (_service is not OptionalParametersService)
        {
            var optional = BypassHeaders.Of(request);
            if (request.Query.TryGetValue(OptionalParametersService.TagParameter, out var tag))
            {
                optional[OptionalParametersService.TagParameter] = tag;
            }

            if (optional.Count > 0)
            {
                return WithService(new OptionalParametersService(_service, optional)).Execute(request);
            }
        }

        request = ParameterAliases.Resolve(request);
        if ((RequestContent.Refusal(request) ?? PageSizePreference.Refusal(request)) is { } unreadable)
        {
            return unreadable;
        }

        var createOnly = request.Header("If-None-Match") == "*";
        try
        {
            if (ServiceDocuments.Answer(request, _dataverse.Metadata, _serviceRoot) is { } document)
            {
                return document;
            }

            // WhoAmI is a function without parameters: OData's function call syntax puts its (empty) parameter list in parentheses,
            // "GET …/api/data/v9.2/WhoAmI()", which Dataverse answers as the "GET …/WhoAmI" of Microsoft's examples (Use Web API
            // functions); clients commonly send it. The local host answered 404 "Resource not found for the segment 'WhoAmI'" before
            // Web API round 9 (session 17).
            if (request.Path == WhoAmI + "()")
            {
                return Execute(request with { PathAndQuery = WhoAmI + request.PathAndQuery[(WhoAmI.Length + 2)..] });
            }

            if (ETags.StrongTagRefusal(request) is { } strongTag)
            {
                return strongTag;
            }

            if (IfMatch.IsCondition(request.Header(IfMatch.HeaderName)) && request.Method is "GET" or "POST"
                && (request.Method == "POST" || !ReadsOneRowOrProperty(Uri.UnescapeDataString(request.Path))))
            {
                return IfMatch.NotImplemented(request.Method, request.Path);
            }

            if (request.Method == "POST" && IfNoneMatch.IsCondition(request.Header(IfNoneMatch.HeaderName)))
            {
                return IfNoneMatch.NotImplemented(request.Method, request.Path);
            }

            if (request.Path == WhoAmI && request.Method == "GET")
            {
                // Impersonated, WhoAmI answers the impersonated user, once the organization service has allowed it.
                var who = OnBehalfOf is null ? _userId : (Guid)_service.Execute(new OrganizationRequest(WhoAmI)).Results["UserId"];
                return WebApiResult.Json(200, new JsonObject
                {
                    ["UserId"] = who,
                    ["BusinessUnitId"] = _dataverse.RootBusinessUnitId,
                    ["OrganizationId"] = _dataverse.OrganizationId,
                });
            }

            if (request.Path == WhoAmI)
            {
                // WhoAmI is a function: with another method than GET, routing finds nothing (404, code "").
                return WebApiResult.NoResource(new Uri(_serviceRoot, request.Path));
            }

            var unescaped = Uri.UnescapeDataString(request.Path);
            // Table definitions (session 23): EntityDefinitions(LogicalName='…') and its Attributes, from the solution's metadata; asked
            // first, as an Attributes cast (…/Microsoft.Dynamics.CRM.MoneyAttributeMetadata) reads like a bound operation's path.
            if (TableDefinitions.Answer(unescaped, request, _dataverse.Metadata, _serviceRoot) is { } definitions)
            {
                return definitions;
            }

            if (BoundActionPath.TryParse(unescaped) is { } action)
            {
                if (action.ActionName == PrincipalAccessFunction)
                {
                    return RetrievePrincipalAccess(action, request);
                }

                // Dataverse's own operations on a row (RetrieveUserPrivileges, SendEmail…) answer 501, not a Custom API's errors.
                if (_dataverse.FindCustomApi(action.ActionName) is null
                    && DataverseOperations.Operation(action.ActionName, request.Method, _serviceRoot, request.Path) is { } dataverseOperation)
                {
                    return dataverseOperation;
                }

                return _dataverse.FindCustomApi(action.ActionName) is { IsFunction: true }
                    ? InvokeBoundFunction(action, request)
                    : action.FunctionArguments is not null
                    ? WebApiResult.Error(400, DataverseErrorCodes.InvalidArgument, $"{action.ActionName} is an action, not a function: invoke it with POST on '{BoundActionPath.ActionNamespace}{action.ActionName}' (no parentheses) and its parameters in the body.")
                    : request.Method == "POST"
                    ? InvokeBoundAction(action, request)
                    // An action called with GET: no route, as for a function called with POST (see WebApiResult.NoResource).
                    : WebApiResult.NoResource(new Uri(_serviceRoot, request.Path));
            }

            if (!unescaped.Contains('(', StringComparison.Ordinal) && !unescaped.Contains('/', StringComparison.Ordinal) && _dataverse.FindCustomApi(unescaped) is { } api)
            {
                // A global (unbound) Custom API: POST [Organization URI]/api/data/v9.2/cos_Name. A bound one is not found there.
                return api.BoundEntity is not null
                    ? WebApiResult.Error(404, WebApiErrorCodes.ResourceNotFound, $"Resource not found for the segment '{unescaped}'. ({unescaped} is bound to {api.BoundEntity}; invoke it on a row.)")
                    : request.Method == "POST"
                    ? InvokeAction(unescaped, target: null, request)
                    : WebApiResult.NoResource(new Uri(_serviceRoot, request.Path));
            }

            if (request.Method == "POST" && IsBulk(unescaped, out var bulkTable, out var bulkMessage))
            {
                return Bulk(bulkMessage, bulkTable!, request);
            }

            if (DataverseOperations.Answer(unescaped, request.Method, _serviceRoot, request.Path) is { } notServed)
            {
                return notServed;
            }

            if (unescaped.EndsWith(CountSegment, StringComparison.Ordinal) && request.Method == "GET"
                && !unescaped[..^CountSegment.Length].Contains('(', StringComparison.Ordinal))
            {
                return CountOf(_json.TableForEntitySet(unescaped[..^CountSegment.Length].Trim('/')), request);
            }

            if (Navigate(unescaped, request) is { } navigated)
            {
                // A single-valued navigation property reads another row than the one the URL's key names: whose ETag If-Match names is
                // not settled.
                return request.Method == "GET" && IfMatch.IsCondition(request.Header(IfMatch.HeaderName))
                    ? IfMatch.NotImplemented(request.Method, request.Path)
                    : navigated;
            }

            if (PropertySegment(unescaped) is { } property)
            {
                return request.Method switch
                {
                    "GET" => PropertyValue(ResourcePath.Parse(property.Row), property.Name, request),
                    "PUT" or "DELETE" => WriteProperty(ResourcePath.Parse(property.Row), property.Name, request),
                    _ => WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError,
                        $"The local Web API does not implement {request.Method} on the segment '{property.Name}' of {property.Row} (associating through /$ref and collection-valued navigation properties is not implemented; bind lookups with @odata.bind in a PATCH)."),
                };
            }

            var path = ResourcePath.Parse(unescaped);
            var table = _json.TableForEntitySet(path.EntitySet);
            if (QueryOptions.Refusal(request, path.HasKey) is { } refused)
            {
                return refused;
            }

            return (request.Method, path.HasKey) switch
            {
                ("GET", false) => Query(table, path, request),
                ("GET", true) => Retrieve(table, path, request),
                ("POST", false) => Create(table, path, request),
                ("PATCH", true) => Patch(table, path, request, createOnly),
                ("DELETE", true) => Delete(table, path, request),
                _ => WebApiResult.MethodNotAllowed(request.Method),
            };
        }
        catch (FaultException<OrganizationServiceFault> fault)
        {
            return FaultMapping.ToResult(fault, createOnly, AnnotationPreference.Of(request));
        }
        catch (JsonException exception)
        {
            return WebApiResult.Error(400, DataverseErrorCodes.InvalidArgument, $"The request body is not valid JSON: {exception.Message}");
        }
    }

    /// <param name="narrow">For a collection-valued navigation property, what keeps the related rows of its row (session 16).</param>
    private WebApiResult Query(TableDefinition table, ResourcePath path, WebApiRequest request, Action<QueryExpression>? narrow = null)
    {
        // A collection has no ETag of its own; Dataverse's conditional retrieval is of one row (round 24, IfNoneMatch.NotImplemented).
        if (request.Method == "GET" && IfNoneMatch.IsCondition(request.Header(IfNoneMatch.HeaderName)))
        {
            return IfNoneMatch.NotImplemented(request.Method, request.Path);
        }

        if (request.Query.TryGetValue(FetchXmlParameter, out var fetchXml))
        {
            return narrow is null
                ? FetchXmlQuery(table, path, request, fetchXml)
                : WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError, $"The local Web API answers fetchXml on an entity set only, not through a navigation property ({request.Path}).");
        }

        if (request.Query.ContainsKey("$apply"))
        {
            return Apply(table, path, request, narrow);
        }

        var written = Columns(table, request);
        var expands = ExpandPlans(table, request);
        var query = new QueryExpression(table.LogicalName) { ColumnSet = ReadColumns(written, expands) };
        if (request.Query.TryGetValue("$filter", out var filter) && !string.IsNullOrWhiteSpace(filter))
        {
            var paths = new LookupPaths(_dataverse.Metadata);
            query.Criteria = FilterParser.Parse(table, filter, Lambdas, paths);
            query.LinkEntities.AddRange(paths.Links);
        }

        if (request.Query.TryGetValue("$orderby", out var orderBy))
        {
            foreach (var (column, order) in QueryOptions.OrderBy(table, orderBy))
            {
                query.AddOrder(column, order);
            }
        }

        narrow?.Invoke(query);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var countRequested = QueryOptions.CountRequested(request);
        var annotations = AnnotationPreference.Of(request);
        // "Don't use $top with the Prefer: odata.maxpagesize request header. If you include both, $top is ignored" (Page results
        // using OData); $top is still checked as a query option.
        var topCount = request.Query.TryGetValue("$top", out var top) ? QueryOptions.Top(top) : (int?)null;
        if (PageSizePreference.Ignored(request) && topCount is not null)
        {
            // A page size over 5,000 is ignored ("Page results using OData"); whether $top then applies, or stays ignored as beside an
            // applied odata.maxpagesize, is not documented.
            throw DataverseFault.NotImplemented(string.Create(CultureInfo.InvariantCulture,
                $"$top with an {PageSizePreference.Name} over {DefaultPageSize} (Dataverse ignores that page size; whether $top then applies is not documented); send one of them"));
        }

        if (topCount is { } first && PageSizePreference.Applied(request) is null)
        {
            query.TopCount = first;
        }
        else
        {
            var pageSize = PageSizePreference.Applied(request) ?? DefaultPageSize;
            var (page, cookie) = request.Query.TryGetValue("$skiptoken", out var token) ? SkipToken.Read(token) : (1, null);
            query.PageInfo = new PagingInfo { Count = Math.Min(pageSize, DefaultPageSize), PageNumber = page, PagingCookie = cookie };
            if (PageSizePreference.Applied(request) is { } applied)
            {
                headers["Preference-Applied"] = $"{PageSizePreference.Name}={applied}";
            }
        }

        // $orderby orders choices by their value, not their label as a QueryExpression does (Order rows using OData).
        var retrieve = new RetrieveMultipleRequest { Query = query };
        retrieve[LocalQueryParameters.OrderChoicesByValue] = true;
        var rows = ((RetrieveMultipleResponse)_service.Execute(retrieve)).EntityCollection;
        var result = new JsonObject
        {
            ["@odata.context"] = Context(path.EntitySet, request, entity: false, expands),
        };
        var beyondLimit = false;
        var count = countRequested ? Count(table, query, out beyondLimit) : -1;
        if (countRequested)
        {
            result["@odata.count"] = count;
        }

        if (annotations is not null)
        {
            // "Count rows": with $count=true the count up to 5,000 and whether more match; without it -1.
            if (annotations.Includes(AnnotationPreference.TotalRecordCount))
            {
                result["@" + AnnotationPreference.TotalRecordCount] = count;
            }

            if (annotations.Includes(AnnotationPreference.TotalRecordCountLimitExceeded))
            {
                result["@" + AnnotationPreference.TotalRecordCountLimitExceeded] = countRequested && beyondLimit;
            }
        }

        result["value"] = new JsonArray(rows.Entities.Select(entity => (JsonNode)ExpandedRow(table, entity, written, annotations, expands)).ToArray());
        Applied(headers, annotations);
        if (rows.MoreRecords && query.PageInfo is { } paging)
        {
            result["@odata.nextLink"] = NextLink(request, SkipToken.Issue(paging.PageNumber + 1, rows.PagingCookie));
        }

        return WebApiResult.Json(200, result, headers);
    }

    /// <summary>{set}(key)/{segment}: the row's path and the segment after it; null when the path does not end so.</summary>
    private static (string Row, string Name)? PropertySegment(string path)
    {
        var trimmed = path.Trim('/');
        var close = trimmed.LastIndexOf(")/", StringComparison.Ordinal);
        return close < 0 || trimmed.IndexOf('(', StringComparison.Ordinal) is var open && (open < 0 || open > close)
            ? null
            : (trimmed[..(close + 1)], trimmed[(close + 2)..]);
    }

    /// <summary>
    /// GET {set}(key)/{property}: "append the name of the property to the URI for an entity to return only the value for that
    /// property", answered as {"@odata.context": "…/$metadata#accounts(…)/name", "value": …} (Retrieve a table row using the
    /// Web API, "Retrieve a single property value"). Navigation properties, /$ref, /$value, a property without a value and
    /// query options on it are refused as not implemented (501).
    /// </summary>
    private WebApiResult PropertyValue(ResourcePath path, string name, WebApiRequest request)
    {
        // "/$value" after a property asks for its raw value, text/plain (OData Version 4.01 Part 1: Protocol, 11.2.4.1 "Requesting a
        // Property's Raw Value using $value"; Dataverse documents it for file and image columns, "…/$value" to download). Session 16:
        // it answered 501.
        var raw = name.EndsWith("/" + NavigationPath.Value, StringComparison.Ordinal);
        name = raw ? name[..^(NavigationPath.Value.Length + 1)] : name;
        var table = _json.TableForEntitySet(path.EntitySet);
        if (UnknownSegment(table, name) is { } unknown)
        {
            return unknown;
        }

        if (!path.HasKey || name.Contains('/', StringComparison.Ordinal) || request.Query.Count > 0
            || table.FindColumn(name) is not { } column || column.Type is ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner or ColumnType.PartyList
            || !column.IsValidForRead)
        {
            return WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError,
                $"The local Web API does not implement GET of the segment '{name}' of {path} (only a single column property of a row, without query options).");
        }

        var row = _service.Retrieve(table.LogicalName, IdOf(table, path), new ColumnSet(column.LogicalName));
        var json = _json.ToJson(table, row, new ColumnSet(column.LogicalName));
        // The property's row answers the If-Match precondition, as for a GET of the row (MS-ODATA allows it on a property's URI).
        if (request.Header(IfMatch.HeaderName) is { } ifMatch && IfMatch.IsCondition(ifMatch)
            && json["@odata.etag"]?.GetValue<string>() is { } etag && IfMatch.Fails(ifMatch, etag))
        {
            return IfMatch.Refused(table.LogicalName, ifMatch, etag);
        }

        // Dataverse's conditional retrieval is of a row; a property's has no published answer (round 24, it was ignored: 200).
        if (IfNoneMatch.IsCondition(request.Header(IfNoneMatch.HeaderName)))
        {
            return IfNoneMatch.NotImplemented(request.Method, request.Path);
        }

        if (json[column.LogicalName] is not { } value)
        {
            return WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError,
                $"The local Web API does not implement GET of a property without a value ({path}/{name} is null; what Dataverse answers is not documented).");
        }

        if (raw)
        {
            // The JSON value without its quotes: a string, GUID or date-time as its text, a number or boolean as written.
            var written = value.ToJsonString();
            return WebApiResult.Text(written.StartsWith('"') ? JsonNode.Parse(written)!.GetValue<string>() : written);
        }

        return WebApiResult.Json(200, new JsonObject
        {
            ["@odata.context"] = $"{_serviceRoot.AbsoluteUri}$metadata#{path}/{column.LogicalName}",
            ["value"] = value.DeepClone(),
        });
    }

    /// <summary>
    /// A segment after a row that names no property of its entity type (a misspelt column, a lookup's logical name, whose property is
    /// _x_value): 404 {"code": "0x8006088a", "message": "Resource not found for the segment '…'."}, as Dataverse answers a segment it
    /// cannot resolve (Troubleshoot Dataverse Web API client errors, "Resource not found for the segment"). Session 16: it answered 501
    /// "does not implement", as if the property existed. A lookup's _x_value, a navigation property's further segments and the like
    /// stay the callers' 501.
    /// </summary>
    private WebApiResult? UnknownSegment(TableDefinition table, string name)
    {
        var first = name.Split('/')[0];
        var isLookupValue = first.Length > 7 && first.StartsWith('_') && first.EndsWith("_value", StringComparison.Ordinal)
            && table.FindColumn(first[1..^6]) is { Type: ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner };
        var isColumn = table.FindColumn(first) is { Type: not (ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner or ColumnType.PartyList) };
        var isNavigation = Navigation.Find(_dataverse.Metadata, table, first) is not null || (first == "ownerid" && table.FindColumn("ownerid") is not null)
            || ReadNavigation.Find(_dataverse.Metadata, table, first) is not null
            || (table.IsActivity && first == EntityJson.ActivityPartiesProperty(table));
        return isLookupValue || isColumn || isNavigation || first.StartsWith(BoundActionPath.ActionNamespace, StringComparison.Ordinal)
            ? null
            : WebApiResult.Error(404, WebApiErrorCodes.ResourceNotFound, $"{EntityJson.ResourceNotFoundPrefix}'{first}'.");
    }

    /// <summary>
    /// "Update a single property value": PUT {set}(key)/{property} with {"value": …}; "Delete a single property value": DELETE
    /// {set}(key)/{property}, which sets it to null; both answer 204 (Update and delete table rows using the Web API,
    /// webapi/update-delete-entities-using-web-api). The local host used to answer both with 400 "not an entity set with a key",
    /// refusing what Dataverse does. A lookup (its navigation property, /$ref) and query options on the segment are refused as
    /// not implemented (501): set a lookup with @odata.bind in a PATCH.
    /// </summary>
    private WebApiResult WriteProperty(ResourcePath path, string name, WebApiRequest request)
    {
        var table = _json.TableForEntitySet(path.EntitySet);
        if (UnknownSegment(table, name) is { } unknown)
        {
            return unknown;
        }

        if (!path.HasKey || name.Contains('/', StringComparison.Ordinal) || request.Query.Count > 0 || table.FindColumn(name) is not { } column
            || column.Type is ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner or ColumnType.PartyList)
        {
            return WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError,
                $"The local Web API does not implement {request.Method} of the segment '{name}' of {path} (only a single column property of a row, without query options; /$ref and navigation properties are not implemented: bind lookups with @odata.bind in a PATCH).");
        }

        object? value = null;
        if (request.Method == "PUT")
        {
            var body = Body(request);
            if (body.Count != 1 || !body.TryGetPropertyValue("value", out var given))
            {
                throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError, $"PUT of the property '{name}' takes a body with only \"value\": {{\"value\": …}}.");
            }

            value = EntityJson.ToValue(column, given);
        }

        // The row's If-None-Match applies to a write of one of its properties as to a PATCH of it (412, nothing written).
        if (IfNoneMatch.IsCondition(request.Header(IfNoneMatch.HeaderName)) && PreconditionRefusal(request.Method, table, path, request) is { } refused)
        {
            return refused;
        }

        var entity = new Entity(table.LogicalName, IdOf(table, path)) { [column.LogicalName] = value };
        _service.Update(entity);
        return WebApiResult.NoContent();
    }

    /// <summary>
    /// GET {entityset}/$count: "To get just a number that represents the count of a collection, append /$count", answered as
    /// text/plain (Count rows using OData). The rows the caller may read; a $filter narrows them. Past the 5,000 the $count
    /// option stops at, Microsoft does not say what the segment answers: refused as not implemented (501).
    /// </summary>
    private WebApiResult CountOf(TableDefinition table, WebApiRequest request)
    {
        if (IfNoneMatch.IsCondition(request.Header(IfNoneMatch.HeaderName)))
        {
            return IfNoneMatch.NotImplemented(request.Method, request.Path);
        }

        if (request.Query.Keys.FirstOrDefault(option => option != "$filter") is { } other)
        {
            return WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError, $"The local Web API does not implement {other} on a /$count segment (only $filter).");
        }

        var query = new QueryExpression(table.LogicalName) { ColumnSet = new ColumnSet(table.PrimaryIdAttribute) };
        if (request.Query.TryGetValue("$filter", out var filter))
        {
            var paths = new LookupPaths(_dataverse.Metadata);
            query.Criteria = FilterParser.Parse(table, filter, Lambdas, paths);
            query.LinkEntities.AddRange(paths.Links);
        }

        var count = Count(table, query, out var beyondLimit);
        return beyondLimit
            ? WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError, string.Create(CultureInfo.InvariantCulture,
                $"The local Web API does not implement /$count past {count} rows (what Dataverse answers there is not documented); use $count=true with the totalrecordcountlimitexceeded annotation."))
            : WebApiResult.Text(count.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// $count=true: the number of rows matching the filter whatever $top and the page size (OData 4.01, "System Query
    /// Option $count"), at most 5,000 (Microsoft: the count is limited to 5,000; Query data using the Web API, "Count rows").
    /// </summary>
    private int Count(TableDefinition table, QueryExpression query, out bool beyondLimit)
    {
        var counting = new QueryExpression(table.LogicalName)
        {
            ColumnSet = new ColumnSet(table.PrimaryIdAttribute),
            Criteria = query.Criteria,
            PageInfo = new PagingInfo { Count = DefaultPageSize, PageNumber = 1 },
        };
        counting.LinkEntities.AddRange(query.LinkEntities);
        var page = _service.RetrieveMultiple(counting);
        beyondLimit = page.MoreRecords;
        return page.Entities.Count;
    }

    /// <summary>A row's JSON with the annotations the request asks for (Prefer: odata.include-annotations).</summary>
    private JsonObject Row(TableDefinition table, Entity row, ColumnSet columns, AnnotationPreference? annotations)
    {
        var json = _json.ToJson(table, row, columns);
        if (annotations is not null)
        {
            _annotations.Annotate(table, row, json, annotations);
        }

        return json;
    }

    /// <summary>Preference-Applied names each preference honoured (RFC 7240), here the annotations asked for.</summary>
    private static void Applied(Dictionary<string, string> headers, AnnotationPreference? annotations)
    {
        if (annotations is not null)
        {
            headers["Preference-Applied"] = headers.TryGetValue("Preference-Applied", out var applied) ? applied + "," + annotations.Value : annotations.Value;
        }
    }

    private WebApiResult Retrieve(TableDefinition table, ResourcePath path, WebApiRequest request)
    {
        var columns = Columns(table, request);
        var expands = ExpandPlans(table, request);
        var row = _service.Retrieve(table.LogicalName, IdOf(table, path), ReadColumns(columns, expands));
        var annotations = AnnotationPreference.Of(request);
        var json = ExpandedRow(table, row, columns, annotations, expands);
        // If-Match is evaluated before If-None-Match (RFC 7232 section 6): a row whose ETag it does not name answers 412.
        var etag = json["@odata.etag"]?.GetValue<string>();
        if (request.Header(IfMatch.HeaderName) is { } ifMatch && IfMatch.IsCondition(ifMatch) && etag is not null && IfMatch.Fails(ifMatch, etag))
        {
            return IfMatch.Refused(table.LogicalName, ifMatch, etag);
        }

        // Conditional retrieval: If-None-Match with the row's current ETag answers 304 Not Modified, no body. "When the Prefer:
        // odata.include-annotations header is included with a GET request it will never return 304 Not Modified" (Perform
        // conditional operations using the Web API, "Query must not include annotations"): annotations may show other rows' values.
        // Nor with $expand: "If the query includes $expand it will never return 304 Not Modified" (same page, "Query must not include
        // $expand"): the expanded rows may have changed while the row's ETag did not (fidelity round 6; it answered 304).
        // "*" too, and a list naming the current ETag: both are false for this row (IfNoneMatch; answered 200 before round 12).
        if (annotations is null && expands.Count == 0 && IfNoneMatch.Fails(request.Header(IfNoneMatch.HeaderName), etag))
        {
            return new WebApiResult(304);
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Applied(headers, annotations);
        return WebApiResult.Json(200, WithContext(Context(path.EntitySet, request, entity: true, expands), json), headers);
    }

    /// <summary>
    /// The context URL Dataverse writes: "$metadata#accounts(name,revenue)/$entity" for one row retrieved with $select=name,revenue
    /// (Retrieve a table row using the Web API), "$metadata#accounts(accountid)" for a collection with $select=accountid (Count rows
    /// using OData), without the parentheses when nothing is selected ("$metadata#accounts/$entity", Update with data returned).
    /// </summary>
    private string Context(string entitySet, WebApiRequest request, bool entity, IReadOnlyList<ExpandPlan>? expands = null)
    {
        // Expanded properties follow the selected ones with their own selection: "accounts(name,primarycontactid(contactid,fullname),
        // createdby(fullname))" (Join tables using OData).
        var names = (request.Query.TryGetValue("$select", out var select) && !string.IsNullOrWhiteSpace(select)
                ? select.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                : [])
            .Concat((expands ?? []).Select(plan => plan.ContextSegment))
            .Distinct(StringComparer.Ordinal) // the OData library ignores a property selected twice ($select=name,name)
            .ToList();
        var selected = names.Count > 0 ? "(" + string.Join(',', names) + ")" : string.Empty;
        return $"{_serviceRoot.AbsoluteUri}$metadata#{entitySet}{selected}{(entity ? "/$entity" : string.Empty)}";
    }

    /// <summary>The row with its context URL first, as Dataverse orders a single entity's properties.</summary>
    private static JsonObject WithContext(string context, JsonObject row)
    {
        var result = new JsonObject { ["@odata.context"] = context };
        foreach (var property in row.ToList())
        {
            row.Remove(property.Key);
            result[property.Key] = property.Value;
        }

        return result;
    }

    private WebApiResult Create(TableDefinition table, ResourcePath path, WebApiRequest request)
    {
        var body = Body(request, rowRequired: true);
        if (DeepInsert.IsDeep(_dataverse.Metadata, table, body))
        {
            return CreateDeep(table, path, request, body);
        }

        var entity = _json.ToEntity(table, body, ResolveBinding);
        // "You may also use $expand to return related entities" (Create a table row using the Web API, "Create with data
        // returned"): the expansion is read (names, and Read on each expanded table) before anything is written, so a wrong one
        // writes nothing.
        var expands = ExpandPlans(table, request);
        var id = _service.Create(entity);
        return Written(table, path, id, request, created: true, expands);
    }

    private WebApiResult Patch(TableDefinition table, ResourcePath path, WebApiRequest request, bool createOnly)
    {
        var entity = _json.ToEntity(table, Body(request, rowRequired: true), ResolveBinding);
        if (createOnly)
        {
            // "Prevent update in upsert": with If-None-Match: * a row the URL finds answers 412 "A record with matching key values
            // already exists." (Perform conditional operations using the Web API), whichever key addresses it; otherwise the row is
            // created, the body's key values winning over the URL's ("even if the data is different", Use Upsert).
            if (Exists(table, path))
            {
                return WebApiResult.Error(412, DataverseErrorCodes.DuplicateRecord, "A record with matching key values already exists.");
            }

            foreach (var (column, value) in KeyValues(table, path).Where(pair => !entity.Attributes.ContainsKey(pair.Key)))
            {
                entity[column] = value;
            }

            if (path.Id is { } newId)
            {
                entity.Id = newId;
            }

            var id = _service.Create(entity);
            return Written(table, path, id, request, created: true);
        }

        if (IfNoneMatch.IsCondition(request.Header(IfNoneMatch.HeaderName)) && PreconditionRefusal("PATCH", table, path, request) is { } refused)
        {
            return refused;
        }

        if (request.Header("If-Match") is { } ifMatch)
        {
            // If-Match: * updates only (no upsert); If-Match with an ETag updates only that version of the row (412 otherwise).
            if (path.Id is null)
            {
                AlternateKeyUpdate.RefuseKeyChange(table.LogicalName, KeyValues(table, path), entity.Attributes);
            }

            var existing = IdOf(table, path);
            entity.Id = existing;
            var update = new UpdateRequest { Target = entity };
            if (ifMatch.Trim() != "*")
            {
                entity.RowVersion = ETags.Version(ChosenETag(table, path, ifMatch));
                update.ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches;
            }

            _service.Execute(update);
            return Written(table, path, existing, request, created: false);
        }

        if (path.Id is { } rowId)
        {
            entity.Id = rowId;
        }
        else
        {
            foreach (var (column, value) in KeyValues(table, path))
            {
                entity.KeyAttributes[column] = value;
            }
        }

        var response = (UpsertResponse)_service.Execute(new UpsertRequest { Target = entity });
        return Written(table, path, response.Target.Id, request, response.RecordCreated);
    }

    /// <summary>
    /// A bound action (Custom API) executed as the organization request of its name with the row as Target, so its
    /// plug-in runs exactly as for an SDK call. Body parameters arrive as JSON primitives.
    /// </summary>
    private WebApiResult InvokeBoundAction(BoundActionPath action, WebApiRequest request)
    {
        var table = _json.TableForEntitySet(action.Row.EntitySet);
        var rowId = IdOf(table, action.Row);
        // The row must exist (404 otherwise), as for any request addressed to a row, before the action runs.
        _service.Retrieve(table.LogicalName, rowId, new ColumnSet(table.PrimaryIdAttribute));
        return InvokeAction(action.ActionName, new EntityReference(table.LogicalName, rowId), request);
    }

    /// <summary>
    /// A bound Custom API declared as a function (IsFunction): GET with its argument list in parentheses, as OData
    /// requires. Only parameterless functions are implemented here: function parameters in the URL
    /// (<c>cos_F(Name=@p)?@p=…</c>) are refused loudly rather than read in a way Dataverse might not.
    /// </summary>
    private WebApiResult InvokeBoundFunction(BoundActionPath function, WebApiRequest request)
    {
        if (request.Method != "GET")
        {
            // "POST …/WhoAmI" (a function) answers 404 "No HTTP resource was found that matches the request URI" (Troubleshoot
            // Dataverse Web API client errors); it answered 405 "is a function: invoke it with GET" before.
            return WebApiResult.NoResource(new Uri(_serviceRoot, request.Path));
        }

        if (function.FunctionArguments is null)
        {
            return WebApiResult.Error(400, DataverseErrorCodes.InvalidArgument, $"The function {function.ActionName} is called with its argument list: '{BoundActionPath.ActionNamespace}{function.ActionName}()'.");
        }

        if (function.FunctionArguments.Trim().Length > 0)
        {
            return WebApiResult.Error(501, DataverseErrorCodes.InvalidArgument, $"The local Web API does not implement function parameters in the URL ('{function.FunctionArguments}'); only parameterless functions.");
        }

        var table = _json.TableForEntitySet(function.Row.EntitySet);
        var rowId = IdOf(table, function.Row);
        _service.Retrieve(table.LogicalName, rowId, new ColumnSet(table.PrimaryIdAttribute));
        return InvokeAction(function.ActionName, new EntityReference(table.LogicalName, rowId), request, readBody: false);
    }

    /// <summary>A Custom API executed as the organization request of its name (with the row as Target when bound).</summary>
    private WebApiResult InvokeAction(string actionName, EntityReference? target, WebApiRequest request, bool readBody = true)
    {
        var organizationRequest = new OrganizationRequest(actionName);
        if (target is not null)
        {
            organizationRequest[ActionTarget] = target;
        }

        var declared = _dataverse.FindCustomApi(actionName)?.RequestParameters ?? [];
        foreach (var (name, value) in readBody ? Body(request) : new JsonObject())
        {
            // Parameter names are case-sensitive and only declared ones exist, as in the CSDL Dataverse publishes.
            var parameter = declared.FirstOrDefault(p => p.UniqueName == name)
                ?? throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError, $"The parameter '{name}' in the request payload is not a valid parameter for the operation '{actionName}'.");
            organizationRequest[name] = TypedActionParameter(parameter, value);
        }

        var response = _service.Execute(organizationRequest);
        var body = new JsonObject { ["@odata.context"] = $"{_serviceRoot.AbsoluteUri}$metadata#Microsoft.Dynamics.CRM.{actionName}Response" };
        foreach (var (name, value) in response.Results)
        {
            body[name] = ActionResult(value);
        }

        return WebApiResult.Json(200, body);
    }

    /// <summary>A declared parameter as the Web API reads it: by its Custom API type (a Picklist is a number, a Guid a string).</summary>
    private static object? TypedActionParameter(Pipeline.CustomApiField parameter, JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            return parameter.FieldType switch
            {
                Pipeline.CustomApiFieldTypes.Boolean => value.GetValue<bool>(),
                Pipeline.CustomApiFieldTypes.DateTime => EdmDate.Parse(value.GetValue<string>(), parameter.UniqueName),
                Pipeline.CustomApiFieldTypes.Decimal => value.GetValue<decimal>(),
                Pipeline.CustomApiFieldTypes.Float => value.GetValue<double>(),
                Pipeline.CustomApiFieldTypes.Integer => value.GetValue<int>(),
                Pipeline.CustomApiFieldTypes.Money => new Money(value.GetValue<decimal>()),
                Pipeline.CustomApiFieldTypes.Picklist => new OptionSetValue(value.GetValue<int>()),
                Pipeline.CustomApiFieldTypes.String => value.GetValue<string>(),
                Pipeline.CustomApiFieldTypes.Guid => Guid.Parse(value.GetValue<string>()),
                Pipeline.CustomApiFieldTypes.StringArray => value.AsArray().Select(item => item?.GetValue<string>()
                    ?? throw DataverseFault.InvalidArgument($"The parameter '{parameter.UniqueName}' holds a null; a StringArray holds strings.")).ToArray(),
                _ => throw DataverseFault.InvalidArgument(
                    $"The local Web API does not convert Custom API parameters of type {Pipeline.CustomApiFieldTypes.ClrType(parameter.FieldType).Name} ('{parameter.UniqueName}'); call the action through the organization service."),
            };
        }
        catch (Exception invalid) when (invalid is InvalidOperationException or FormatException)
        {
            throw DataverseFault.InvalidArgument(
                $"The parameter '{parameter.UniqueName}' must be of type {Pipeline.CustomApiFieldTypes.ClrType(parameter.FieldType).Name}: {invalid.Message}");
        }
    }

    private static JsonNode? ActionResult(object? value) => value switch
    {
        null => null,
        Money money => JsonValue.Create(money.Value),
        EntityReference reference => JsonValue.Create(reference.Id),
        OptionSetValue option => JsonValue.Create(option.Value),
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        int whole => JsonValue.Create(whole),
        decimal number => JsonValue.Create(number),
        double number => JsonValue.Create(number),
        Guid id => JsonValue.Create(id),
        DateTime moment => JsonValue.Create(moment),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private WebApiResult Delete(TableDefinition table, ResourcePath path, WebApiRequest request)
    {
        var delete = new DeleteRequest { Target = new EntityReference(table.LogicalName, IdOf(table, path)) };
        if (IfNoneMatch.IsCondition(request.Header(IfNoneMatch.HeaderName)) && PreconditionRefusal("DELETE", table, path, request) is { } refused)
        {
            return refused;
        }

        if (request.Header("If-Match") is { } ifMatch && ifMatch.Trim() != "*")
        {
            delete.Target.RowVersion = ETags.Version(ChosenETag(table, path, ifMatch));
            delete.ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches;
        }

        _service.Execute(delete);
        return WebApiResult.NoContent();
    }

    /// <summary>
    /// The answer to a write. OData-EntityId names the row as the request addressed it: by its id, or by the alternate key of the
    /// URL ("Notice how the OData-EntityId response header uses the key values rather than the GUID primary key identifier for
    /// the record", Update and delete table rows using the Web API, "Upsert a table"). With return=representation a created row
    /// comes back with 201 and no OData-EntityId ("When an entity is created in this way, the OData-EntityId header containing the
    /// URI to the created record isn't returned", Create a table row using the Web API, "Create with data returned").
    /// </summary>
    /// <remarks>
    /// <paramref name="expands"/> are a POST's ("You may also use $expand to return related entities", "Create with data returned");
    /// a PATCH passes none: "The $expand query option will be ignored if used" (Update and delete table rows using the Web API,
    /// "Update with data returned"). Both answered 501 before fidelity round 6.
    /// </remarks>
    private WebApiResult Written(TableDefinition table, ResourcePath path, Guid id, WebApiRequest request, bool created, IReadOnlyList<ExpandPlan>? expands = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var written = new Uri(_serviceRoot, string.Create(CultureInfo.InvariantCulture, $"{path.EntitySet}({id:D})")).AbsoluteUri;
        var representation = request.Header("Prefer")?.Contains("return=representation", StringComparison.OrdinalIgnoreCase) == true;
        if (!(representation && created))
        {
            headers["OData-EntityId"] = path.KeyValues.Count > 0 ? new Uri(_serviceRoot, path.ToString()).AbsoluteUri : written;
        }

        if (!representation)
        {
            return WebApiResult.NoContent(headers) with { WrittenRow = written };
        }

        // "Preference-Applied: return=representation" on the 201 and the 200 (Use Upsert; Update with data returned), with the
        // annotations asked for.
        var columns = Columns(table, request);
        expands ??= [];
        var row = _service.Retrieve(table.LogicalName, id, ReadColumns(columns, expands));
        var annotations = AnnotationPreference.Of(request);
        headers["Preference-Applied"] = "return=representation";
        Applied(headers, annotations);
        var body = WithContext(Context(path.EntitySet, request, entity: true, expands), ExpandedRow(table, row, columns, annotations, expands));
        return WebApiResult.Json(created ? 201 : 200, body, headers) with { WrittenRow = written };
    }

    private EntityReference ResolveBinding(string binding)
    {
        var path = ResourcePath.Parse(Uri.UnescapeDataString(RelativeToServiceRoot(binding, "@odata.bind")));
        var table = _json.TableForEntitySet(path.EntitySet);
        return new EntityReference(table.LogicalName, IdOf(table, path));
    }

    /// <summary>A row's URL in an annotation (@odata.bind, @odata.id), relative to the service root: absolute ones must be under it.</summary>
    private string RelativeToServiceRoot(string url, string annotation)
    {
        if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return url.StartsWith(_serviceRoot.AbsoluteUri, StringComparison.OrdinalIgnoreCase)
                ? url[_serviceRoot.AbsoluteUri.Length..]
                : throw DataverseFault.InvalidArgument($"The {annotation} URL '{url}' is not under this service root ({_serviceRoot.AbsoluteUri}).");
        }

        return url.TrimStart('/');
    }

    private Guid IdOf(TableDefinition table, ResourcePath path)
    {
        if (path.Id is { } id)
        {
            return id;
        }

        var reference = new EntityReference(table.LogicalName, new KeyAttributeCollection());
        foreach (var (column, value) in KeyValues(table, path))
        {
            reference.KeyAttributes[column] = value;
        }

        var row = (RetrieveResponse)_service.Execute(new RetrieveRequest { Target = reference, ColumnSet = new ColumnSet(table.PrimaryIdAttribute) });
        return row.Entity.Id;
    }

    /// <summary>
    /// Whether the row the URL names (by id or alternate key) exists, as the caller may read it. A query, not a Retrieve: in a change
    /// set a Retrieve's not-found fault, even caught, would end the transaction as a nested fault does.
    /// </summary>
    private bool Exists(TableDefinition table, ResourcePath path) => Find(table, path) is not null;

    /// <summary>
    /// The 412 when the request's If-None-Match excludes the row the URL names as it is now, else null (no such row: the write goes
    /// on, and a DELETE then answers 404 as without the header).
    /// </summary>
    private WebApiResult? PreconditionRefusal(string method, TableDefinition table, ResourcePath path, WebApiRequest request)
    {
        var value = request.Header(IfNoneMatch.HeaderName);
        var etag = Find(table, path) is { } row ? _json.ToJson(table, row)["@odata.etag"]?.GetValue<string>() : null;
        return IfNoneMatch.Fails(value, etag) ? IfNoneMatch.Refused(method, table.LogicalName, value!, etag!) : null;
    }

    /// <summary>
    /// The one ETag of an If-Match list (RFC 7232: "1#entity-tag") that a PATCH or DELETE runs with: the row's current one when the list
    /// names it, else the first (answered 412 by the organization service). A single ETag or a value that names none is passed as
    /// given (ETags.Version refuses the latter as before).
    /// </summary>
    private string ChosenETag(TableDefinition table, ResourcePath path, string ifMatch)
    {
        if (!ifMatch.Contains(',', StringComparison.Ordinal))
        {
            return ifMatch;
        }

        var etag = Find(table, path) is { } row ? _json.ToJson(table, row)["@odata.etag"]?.GetValue<string>() : null;
        return IfMatch.Chosen(ifMatch, etag) is { } chosen ? "\"" + chosen + "\"" : ifMatch;
    }

    /// <summary>
    /// Whether a GET addresses one row by its key (accounts(id), accounts(key='x')) or one property of it (…/name, …/name/$value): where
    /// If-Match is read. A navigation property is told apart later, by the metadata (Navigate).
    /// </summary>
    private static bool ReadsOneRowOrProperty(string unescaped)
    {
        if (BoundActionPath.TryParse(unescaped) is not null)
        {
            return false;
        }

        var segments = unescaped.Split('/');
        return segments[0].EndsWith(')') && segments.Length switch
        {
            1 => true,
            2 => !segments[1].Contains('(', StringComparison.Ordinal) && !segments[1].StartsWith('$'),
            3 => segments[2] == NavigationPath.Value && !segments[1].StartsWith('$'),
            _ => false,
        };
    }

    /// <summary>The row the URL names (its id and row version), as the caller may read it, or null.</summary>
    private Entity? Find(TableDefinition table, ResourcePath path)
    {
        var query = new QueryExpression(table.LogicalName) { ColumnSet = new ColumnSet(table.PrimaryIdAttribute), TopCount = 1 };
        if (path.Id is { } id)
        {
            query.Criteria.AddCondition(table.PrimaryIdAttribute, ConditionOperator.Equal, id);
        }

        foreach (var (column, value) in KeyValues(table, path))
        {
            query.Criteria.AddCondition(column, ConditionOperator.Equal, value switch
            {
                EntityReference reference => reference.Id,
                OptionSetValue option => option.Value,
                Money money => money.Value,
                _ => value,
            });
        }

        return _service.RetrieveMultiple(query).Entities.FirstOrDefault();
    }

    private static IEnumerable<KeyValuePair<string, object?>> KeyValues(TableDefinition table, ResourcePath path)
    {
        KeyPredicates.RefuseNamesThatAreNoKey(table, path);
        return path.KeyValues.Select(pair =>
        {
            var column = table.FindColumn(pair.Key)
                ?? throw DataverseFault.UnknownColumn(table, pair.Key);
            RefuseMistypedKeyLiteral(table, column, pair.Value, path.QuotedKeys.Contains(pair.Key));
            return new KeyValuePair<string, object?>(column.LogicalName, EntityJson.FromLiteral(column, pair.Value));
        }).ToList();
    }

    /// <summary>
    /// A key value is an OData literal of its column's type: a text column's value quoted ("accounts(accountnumber='ABC123')",
    /// Use an alternate key to reference a record, webapi/use-alternate-key-reference-record), a number or choice bare (OData URL
    /// conventions: a key predicate's values are primitive literals of the key properties' types; '5' is an Edm.String). The
    /// local host used to unquote everything and convert it, so accounts(accountnumber=ABC123) and salesorders(cos_channel='412500001',…)
    /// addressed rows Dataverse does not resolve; both are refused now (lookup key parts are not checked).
    /// </summary>
    private static void RefuseMistypedKeyLiteral(TableDefinition table, ColumnDefinition column, string value, bool quoted)
    {
        var isText = column.Type is ColumnType.String or ColumnType.Memo;
        if (column.Type is ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner || isText == quoted || value == "null")
        {
            return;
        }

        throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError, isText
            ? $"The key value {value} of '{column.LogicalName}' on 'Microsoft.Dynamics.CRM.{table.LogicalName}' is not an Edm.String literal: quote text key values ('{value}'), doubling any quote inside."
            : $"The key value '{value}' of '{column.LogicalName}' on 'Microsoft.Dynamics.CRM.{table.LogicalName}' is a string literal, but the column is {column.Type}: write its value without quotes.");
    }

    private static ColumnSet Columns(TableDefinition table, WebApiRequest request)
    {
        if (!request.Query.TryGetValue("$select", out var select) || string.IsNullOrWhiteSpace(select))
        {
            return new ColumnSet(true);
        }

        var columns = select.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => QueryOptions.Property(table, name).LogicalName)
            .ToList();
        // "If you request a property that is part of a composite attribute for an address, you will get the composite property as
        // well" (same page): the composite is not modelled, so a $select naming a part is refused rather than answered without it.
        if (columns.Select(column => CompositeAddresses.UnmodelledCompositeOfPart(table, column)).FirstOrDefault(composite => composite is not null) is { } missing)
        {
            throw DataverseFault.NotImplemented(CompositeAddresses.Explanation(table.LogicalName, missing));
        }

        // "If you request a money value, the _transactioncurrencyid_value lookup property will be returned" (Retrieve a table
        // row using the Web API, "Retrieve specific properties").
        if (columns.Any(column => table.FindColumn(column)?.Type == ColumnType.Money)
            && table.FindColumn(MoneyCurrencyColumn) is not null && !columns.Contains(MoneyCurrencyColumn))
        {
            columns.Add(MoneyCurrencyColumn);
        }

        return new ColumnSet(columns.ToArray());
    }

    private string NextLink(WebApiRequest request, string skipToken)
    {
        var query = request.Query.Where(pair => pair.Key != "$skiptoken")
            .Select(pair => $"{Uri.EscapeDataString(pair.Key)}={Uri.EscapeDataString(pair.Value)}")
            .Append($"$skiptoken={Uri.EscapeDataString(skipToken)}");
        return new Uri(_serviceRoot, $"{request.Path}?{string.Join('&', query)}").AbsoluteUri;
    }

    /// <summary>The first property name given twice in one object of the body (at any depth), or null.</summary>
    private static string? RepeatedProperty(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        using var document = JsonDocument.Parse(body);
        return RepeatedProperty(document.RootElement);
    }

    private static string? RepeatedProperty(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            return element.EnumerateArray().Select(RepeatedProperty).FirstOrDefault(name => name is not null);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!names.Add(property.Name))
            {
                return property.Name;
            }

            if (RepeatedProperty(property.Value) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }

    /// <summary>
    /// The request body as a JSON object. A body the OData library cannot read (not JSON, or not an object) for an entity set's row
    /// answers the payload error 0x80048d19 "Error identified in Payload provided by the user for Entity :'accounts', …  ---->
    /// InnerException : …" (Troubleshoot Dataverse Web API client errors); it answered 0x80040203 before Web API round 9.
    /// </summary>
    /// <param name="rowRequired">
    /// The body is the row a POST creates or a PATCH writes: an empty one is refused as the same payload error, the OData library's
    /// reader finding the end of its input where an entry starts. The local host created or updated a row with no columns, as for
    /// <c>{}</c>, before Web API round 10 (session 18); what Dataverse answers to an empty body is not published.
    /// </param>
    private JsonObject Body(WebApiRequest request, bool rowRequired = false)
    {
        var entitySet = request.Path.Split('(', '/')[0];
        var forRow = _dataverse.Metadata.FindTableByEntitySet(entitySet) is not null && !request.Path.Contains(BoundActionPath.ActionNamespace, StringComparison.Ordinal);
        if (rowRequired && forRow && string.IsNullOrWhiteSpace(request.Body))
        {
            throw EntityJson.PayloadError(entitySet, "A node of type 'EndOfInput' was read from the JSON reader when trying to read the start of an entry. A 'StartObject' node was expected.");
        }

        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(string.IsNullOrWhiteSpace(request.Body) ? "{}" : request.Body);
        }
        catch (JsonException exception) when (forRow)
        {
            throw EntityJson.PayloadError(entitySet, $"Invalid JSON. {exception.Message}");
        }

        if (forRow && parsed is JsonObject && RepeatedProperty(request.Body) is { } repeated)
        {
            // The OData library refuses a property given twice in one object; System.Text.Json would fail on first use (a 500).
            throw EntityJson.PayloadError(entitySet, $"Multiple properties with the name '{repeated}' were detected in a resource or a complex value. In OData, duplicate property names are not allowed.");
        }

        if (forRow && parsed is JsonObject row)
        {
            BindAnnotationShape.Check(_dataverse.Metadata, _dataverse.Metadata.FindTableByEntitySet(entitySet)!, row, entitySet);
        }

        return parsed as JsonObject
            ?? throw (forRow
                ? EntityJson.PayloadError(entitySet, "A node of type '" + (parsed?.GetValueKind().ToString() ?? "Null") + "' was read from the JSON reader when trying to read the start of an entry. A 'StartObject' node was expected.")
                : DataverseFault.InvalidArgument("The request body must be a JSON object."));
    }
}
