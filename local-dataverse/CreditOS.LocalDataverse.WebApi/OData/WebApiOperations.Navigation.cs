using System.Globalization;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Faults;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// Requests addressed through a navigation property (session 16):
/// <list type="bullet">
/// <item>GET {row}/{single-valued} and GET {row}/{collection-valued} with the query options of the related set: "you can also access the
/// values of navigation properties (lookup fields) by appending the name of the navigation property to the URI referencing an
/// individual entity" (Retrieve a table row using the Web API, "Retrieve navigation property values",
/// learn.microsoft.com/power-apps/developer/data-platform/webapi/retrieve-entity-using-web-api); a collection-valued one is the
/// "filtered collection" (systemusers(…)/user_accounts?$select=name, webapi/query/filter-rows, "Filter on lookup property").</item>
/// <item>GET {row}/{collection-valued}/$ref answers {"@odata.context": "…$metadata#Collection($ref)", "value": [{"@odata.id": …}]} and
/// /$count the number as text (same page).</item>
/// <item>POST {row}/{collection-valued}/$ref, PUT {row}/{single-valued}/$ref with {"@odata.id": …}, DELETE {row}/{collection-valued}/$ref?$id=…
/// or {row}/{collection-valued}(key)/$ref, DELETE {row}/{single-valued}/$ref, each answering 204 (Associate and disassociate table rows
/// using the Web API, webapi/associate-disassociate-entities-using-web-api: "This is a 1:N relationship but you can perform the same
/// operation for an N:N relationship"). They run as the organization service's Associate and Disassociate, so the same privileges are
/// checked (Append/AppendTo, Write on the row whose lookup changes) and the same plug-in steps run.</item>
/// </list>
/// What Microsoft does not document is refused as not implemented (501): GET {row}/{single-valued}/$ref, a single-valued property whose
/// lookup is empty, a collection member addressed by key other than to remove its reference.
/// </summary>
public sealed partial class WebApiOperations
{
    private const string ActivityPartyTable = "activityparty";

    private WebApiResult? Navigate(string unescaped, WebApiRequest request)
    {
        if (NavigationPath.Parse(unescaped) is not { } path)
        {
            return null;
        }

        var row = ResourcePath.Parse(path.Row);
        var table = _json.TableForEntitySet(row.EntitySet);
        if (Navigation.Find(_dataverse.Metadata, table, path.Segment) is not { } navigation)
        {
            return null;
        }

        var method = request.Method;
        if (navigation.Target.LogicalName == ActivityPartyTable)
        {
            // Activity parties are modelled as an activity's PartyList columns (EntityJson), not as rows read or linked one by one.
            return WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError,
                $"The local Web API does not implement {method} of activity parties through the navigation property '{path.Segment}'; read the activity's parties through the organization service.");
        }

        return (method, path.Suffix, navigation.IsCollection, path.RelatedKey is null) switch
        {
            ("GET", "", false, true) => QueryOptions.Refusal(request, addressesRow: true) ?? RelatedRow(table, row, navigation, request),
            ("GET", "", true, true) => QueryOptions.Refusal(request, addressesRow: false) ?? RelatedRows(table, row, navigation, request),
            ("GET", NavigationPath.Count, true, true) => RelatedCount(table, row, navigation, request),
            ("GET", NavigationPath.Reference, true, true) => RelatedReferences(table, row, navigation, request),
            ("POST", NavigationPath.Reference, true, true) => AddReference(table, row, navigation, request),
            ("PUT", NavigationPath.Reference, false, true) => AddReference(table, row, navigation, request),
            ("DELETE", NavigationPath.Reference, _, _) => RemoveReference(table, row, navigation, path, request),
            ("POST" or "PUT", NavigationPath.Reference, _, _) => WebApiResult.Error(405, DataverseErrorCodes.InvalidArgument,
                $"{method} is not supported on '{path.Segment}/$ref': add a reference to a collection-valued navigation property with POST, set a single-valued one with PUT (Associate and disassociate table rows using the Web API)."),
            _ => WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError,
                $"The local Web API does not implement {method} on '{unescaped}' (the navigation property '{path.Segment}' of '{table.LogicalName}'): it reads GET {{row}}/{{navigation}}, GET {{row}}/{{collection}}/$ref and /$count, and writes references with POST/PUT/DELETE …/$ref."),
        };
    }

    /// <summary>GET {row}/{single-valued}: the related row as GET of that row answers it ("$metadata#contacts(fullname)/$entity", its ETag).</summary>
    private WebApiResult RelatedRow(Solution.Metadata.TableDefinition table, ResourcePath row, Navigation navigation, WebApiRequest request)
    {
        var lookup = navigation.LookupColumn!;
        var source = _service.Retrieve(table.LogicalName, IdOf(table, row), new ColumnSet(lookup));
        if (source.GetAttributeValue<EntityReference>(lookup) is not { } reference || reference.LogicalName != navigation.Target.LogicalName)
        {
            // OData answers 204 for a single-valued navigation property without a value; Dataverse does not document its answer.
            return WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError,
                $"The local Web API does not implement GET of the navigation property '{navigation.Name}' of {row} while its lookup '{lookup}' holds no {navigation.Target.LogicalName} (what Dataverse answers then is not documented); read _{lookup}_value first.");
        }

        return Retrieve(navigation.Target, new ResourcePath(navigation.Target.EntitySetName, reference.Id, []), request);
    }

    /// <summary>GET {row}/{collection-valued}: the related rows as a query of their set answers them, narrowed to the row's.</summary>
    private WebApiResult RelatedRows(Solution.Metadata.TableDefinition table, ResourcePath row, Navigation navigation, WebApiRequest request)
    {
        var rowId = RequireRow(table, row);
        return Query(navigation.Target, new ResourcePath(navigation.Target.EntitySetName, null, []), request, query => Narrow(query, navigation, rowId));
    }

    /// <summary>GET {row}/{collection-valued}/$count: "returns the number of tasks related to a specific account" as text (Retrieve a table row).</summary>
    private WebApiResult RelatedCount(Solution.Metadata.TableDefinition table, ResourcePath row, Navigation navigation, WebApiRequest request)
    {
        if (QueryOptionsOf(request).FirstOrDefault(option => option != "$filter") is { } other)
        {
            return WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError, $"The local Web API does not implement {other} on a /$count segment (only $filter).");
        }

        var rowId = RequireRow(table, row);
        var query = new QueryExpression(navigation.Target.LogicalName) { ColumnSet = new ColumnSet(navigation.Target.PrimaryIdAttribute) };
        if (request.Query.TryGetValue("$filter", out var filter))
        {
            var paths = new LookupPaths(_dataverse.Metadata);
            query.Criteria = FilterParser.Parse(navigation.Target, filter, Lambdas, paths);
            query.LinkEntities.AddRange(paths.Links);
        }

        Narrow(query, navigation, rowId);
        var count = Count(navigation.Target, query, out var beyondLimit);
        return beyondLimit
            ? WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError, string.Create(CultureInfo.InvariantCulture,
                $"The local Web API does not implement /$count past {count} rows (what Dataverse answers there is not documented)."))
            : WebApiResult.Text(count.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>GET {row}/{collection-valued}/$ref: "return references to tasks related to a specific account" (Retrieve a table row).</summary>
    private WebApiResult RelatedReferences(Solution.Metadata.TableDefinition table, ResourcePath row, Navigation navigation, WebApiRequest request)
    {
        if (QueryOptionsOf(request).Count > 0)
        {
            return WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError,
                $"The local Web API does not implement query options on '{navigation.Name}/$ref' ({string.Join(", ", QueryOptionsOf(request))}); Microsoft documents the references alone.");
        }

        var rowId = RequireRow(table, row);
        var query = new QueryExpression(navigation.Target.LogicalName)
        {
            ColumnSet = new ColumnSet(navigation.Target.PrimaryIdAttribute),
            PageInfo = new PagingInfo { Count = DefaultPageSize, PageNumber = 1 },
        };
        Narrow(query, navigation, rowId);
        var related = _service.RetrieveMultiple(query);
        if (related.MoreRecords)
        {
            return WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError, string.Create(CultureInfo.InvariantCulture,
                $"The local Web API does not implement paging of '{navigation.Name}/$ref' past {DefaultPageSize} references (not documented)."));
        }

        return WebApiResult.Json(200, new JsonObject
        {
            ["@odata.context"] = $"{_serviceRoot.AbsoluteUri}$metadata#Collection($ref)",
            ["value"] = new JsonArray(related.Entities.Select(entity => (JsonNode)new JsonObject
            {
                ["@odata.id"] = RowUrl(navigation.Target.EntitySetName, entity.Id),
            }).ToArray()),
        });
    }

    /// <summary>
    /// POST {row}/{collection-valued}/$ref and PUT {row}/{single-valued}/$ref with {"@odata.id": "[Organization URI]/api/data/v9.2/…(…)"}
    /// (absolute, or relative as "accounts(…)" in Microsoft's PUT example): an Associate, 204 No Content.
    /// </summary>
    private WebApiResult AddReference(Solution.Metadata.TableDefinition table, ResourcePath row, Navigation navigation, WebApiRequest request)
    {
        if (QueryOptionsOf(request).Count > 0)
        {
            return WebApiResult.Error(400, WebApiErrorCodes.ODataPayloadError, $"The query parameter '{QueryOptionsOf(request)[0]}' is not supported on '{navigation.Name}/$ref'.");
        }

        var body = Body(request);
        if (body.Count != 1 || body["@odata.id"] is not JsonValue idValue || !idValue.TryGetValue<string>(out var url))
        {
            throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError,
                $"A reference to '{navigation.Name}' takes a body with only \"@odata.id\": the URL of the {navigation.Target.LogicalName} row ({{\"@odata.id\": \"{navigation.Target.EntitySetName}(…)\"}}).");
        }

        var related = RelatedReference(navigation, url);
        var rowId = IdOf(table, row);
        Link(navigation, new EntityReference(table.LogicalName, rowId), related, associate: true);
        return WebApiResult.NoContent();
    }

    /// <summary>
    /// DELETE {row}/{collection-valued}/$ref?$id={url}, DELETE {row}/{collection-valued}({key})/$ref, DELETE {row}/{single-valued}/$ref: a
    /// Disassociate, 204 No Content.
    /// </summary>
    private WebApiResult RemoveReference(Solution.Metadata.TableDefinition table, ResourcePath row, Navigation navigation, NavigationPath path, WebApiRequest request)
    {
        var rowId = IdOf(table, row);
        var source = new EntityReference(table.LogicalName, rowId);
        if (!navigation.IsCollection)
        {
            if (path.RelatedKey is not null || QueryOptionsOf(request).Count > 0)
            {
                return WebApiResult.Error(400, WebApiErrorCodes.ODataPayloadError,
                    $"For a single-valued navigation property ('{navigation.Name}'), remove the reference with DELETE …/{navigation.Name}/$ref, without a key or $id (Associate and disassociate table rows using the Web API).");
            }

            var lookup = navigation.LookupColumn!;
            var current = _service.Retrieve(table.LogicalName, rowId, new ColumnSet(lookup)).GetAttributeValue<EntityReference>(lookup);
            if (current is null || current.LogicalName != navigation.Target.LogicalName)
            {
                return WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError,
                    $"The local Web API does not implement DELETE of '{navigation.Name}/$ref' of {row} while its lookup '{lookup}' holds no {navigation.Target.LogicalName} (what Dataverse answers then is not documented).");
            }

            Link(navigation, source, current, associate: false);
            return WebApiResult.NoContent();
        }

        EntityReference related;
        if (path.RelatedKey is { } key)
        {
            if (QueryOptionsOf(request).Count > 0)
            {
                return WebApiResult.Error(400, WebApiErrorCodes.ODataPayloadError, $"Name the related row either by key ('{navigation.Name}(…)/$ref') or by $id, not both.");
            }

            var keyPath = ResourcePath.Parse($"{navigation.Target.EntitySetName}({key})");
            related = new EntityReference(navigation.Target.LogicalName, IdOf(navigation.Target, keyPath));
        }
        else if (QueryOptionsOf(request) is ["$id"] && request.Query.TryGetValue("$id", out var id))
        {
            related = RelatedReference(navigation, id);
        }
        else
        {
            return WebApiResult.Error(400, WebApiErrorCodes.ODataPayloadError,
                $"Removing a reference from the collection-valued navigation property '{navigation.Name}' needs the related row: DELETE …/{navigation.Name}/$ref?$id=[Organization URI]/api/data/v9.2/{navigation.Target.EntitySetName}(…) or …/{navigation.Name}(…)/$ref.");
        }

        Link(navigation, source, related, associate: false);
        return WebApiResult.NoContent();
    }

    /// <summary>The row an @odata.id (or $id) names, which must be of the navigation property's table.</summary>
    private EntityReference RelatedReference(Navigation navigation, string url)
    {
        var related = ResolveBinding(url);
        return related.LogicalName == navigation.Target.LogicalName
            ? related
            : throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError,
                $"The navigation property '{navigation.Name}' refers to entities of type 'Microsoft.Dynamics.CRM.{navigation.Target.LogicalName}', not '{related.LogicalName}'.");
    }

    /// <summary>
    /// Associate or Disassociate through the organization service. A one-to-many link is always sent from the referenced (parent) row
    /// with the referencing (child) row as the related one, so a self-referencing relationship (parentaccountid) links the right way.
    /// </summary>
    private void Link(Navigation navigation, EntityReference source, EntityReference related, bool associate)
    {
        var (target, other) = navigation.Kind switch
        {
            NavigationKind.SingleValued => (related, source),
            _ => (source, related),
        };
        var relationship = new Relationship(navigation.Relationship.SchemaName);
        var others = new EntityReferenceCollection { other };
        if (associate)
        {
            _service.Associate(target.LogicalName, target.Id, relationship, others);
        }
        else
        {
            _service.Disassociate(target.LogicalName, target.Id, relationship, others);
        }
    }

    /// <summary>The row's id once the caller is known to read it (404 / 403 otherwise, as any request addressed to a row).</summary>
    private Guid RequireRow(Solution.Metadata.TableDefinition table, ResourcePath row)
    {
        var id = IdOf(table, row);
        _service.Retrieve(table.LogicalName, id, new ColumnSet(table.PrimaryIdAttribute));
        return id;
    }

    /// <summary>The related rows of one row: the lookup to it (one-to-many), or a join through the intersect table (many-to-many).</summary>
    private static void Narrow(QueryExpression query, Navigation navigation, Guid rowId)
    {
        if (navigation.Kind == NavigationKind.OneToMany)
        {
            query.Criteria.AddCondition(navigation.LookupColumn!, ConditionOperator.Equal, rowId);
            return;
        }

        var link = new LinkEntity(navigation.Target.LogicalName, navigation.Relationship.IntersectTable!, navigation.Target.PrimaryIdAttribute,
            navigation.TargetIntersectColumn, JoinOperator.Inner);
        link.LinkCriteria.AddCondition(navigation.SourceIntersectColumn, ConditionOperator.Equal, rowId);
        query.LinkEntities.Add(link);
    }

    /// <summary>The request's OData options ($… and parameter aliases @…), not Dataverse's own parameters such as tag.</summary>
    private static List<string> QueryOptionsOf(WebApiRequest request) =>
        request.Query.Keys.Where(key => key.StartsWith('$') || key.StartsWith('@')).ToList();

    private string RowUrl(string entitySet, Guid id) =>
        new Uri(_serviceRoot, string.Create(CultureInfo.InvariantCulture, $"{entitySet}({id:D})")).AbsoluteUri;
}
