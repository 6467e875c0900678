using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Faults;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// The bulk operation actions over the Web API, bound to an entity set ("Use bulk operation messages"; the Web API Action
/// Reference): <c>POST [Organization URI]/api/data/v9.2/{entity set}/Microsoft.Dynamics.CRM.{message}</c> with
/// <c>{"Targets":[…]}</c>, "You must specify the @odata.type annotation with every item in the Targets parameter". Each item is read
/// as a POST/PATCH body is (<see cref="EntityJson.ToEntity"/>: @odata.bind lookups, typed values) and the message runs as the
/// organization service's (<c>BulkOperationRunner</c>: one table, one transaction, every Create/Update step per row, rolled back whole
/// on any error).
/// <list type="bullet">
/// <item>UpdateMultiple (session 21): each row names its primary key; answered 204 No Content.</item>
/// <item>CreateMultiple (round 14; it answered 501): answered "HTTP/1.1 200 OK" with
/// <c>{"@odata.context": "…/$metadata#Microsoft.Dynamics.CRM.CreateMultipleResponse", "Ids": […]}</c> (CreateMultiple Action,
/// webapi/reference/createmultiple; CreateMultipleResponse ComplexType: "The ID values of the records created").</item>
/// <item>UpsertMultiple (round 14; it answered 501): each row is identified by "The @odata.id annotation … with a relative URL as
/// described in Use an alternate key to reference a record" (<c>"@odata.id": "sample_examples(sample_keyattribute='0000001')"</c>),
/// and "The UpsertMultiple action returns 204 NoContent. The UpsertMultipleResponse complex type is not returned" (UpsertMultiple
/// Action, webapi/reference/upsertmultiple).</item>
/// </list>
/// What the documented requests do not show, the local host refuses loudly (501): an item without <c>@odata.type</c>, an UpsertMultiple
/// item without <c>@odata.id</c>, related rows nested in an item (the SDK's Targets "can include entities with related records", but
/// the Web API form of it is not documented). Another parameter than Targets is the payload error of an undeclared parameter.
/// </summary>
public sealed partial class WebApiOperations
{
    private const string TargetsParameter = "Targets";
    private const string ODataIdAnnotation = "@odata.id";
    private static readonly string[] BulkMessages = ["CreateMultiple", "UpdateMultiple", "UpsertMultiple"];

    /// <summary>Whether the path is <c>{entity set}/Microsoft.Dynamics.CRM.{Create|Update|Upsert}Multiple</c>; the message's name.</summary>
    private bool IsBulk(string unescaped, out TableDefinition? table, out string message)
    {
        table = null;
        message = string.Empty;
        var segments = unescaped.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length != 2 || segments[0].Contains('(', StringComparison.Ordinal)
            || !segments[1].StartsWith(BoundActionPath.ActionNamespace, StringComparison.Ordinal)
            || BulkMessages.FirstOrDefault(name => segments[1] == BoundActionPath.ActionNamespace + name) is not { } name)
        {
            return false;
        }

        message = name;
        table = _dataverse.Metadata.FindTableByEntitySet(segments[0]);
        return table is not null;
    }

    private WebApiResult Bulk(string message, TableDefinition table, WebApiRequest request)
    {
        var body = Body(request);
        foreach (var (name, _) in body)
        {
            if (name != TargetsParameter)
            {
                throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError, $"The parameter '{name}' in the request payload is not a valid parameter for the operation '{message}'.");
            }
        }

        if (body[TargetsParameter] is not JsonArray items)
        {
            throw DataverseFault.InvalidArgument($"{message} needs Targets (an array of rows of one table).");
        }

        var targets = new EntityCollection { EntityName = table.LogicalName };
        foreach (var item in items)
        {
            targets.Entities.Add(BulkRow(message, table, item, items.Count));
        }

        var response = _service.Execute(new OrganizationRequest(message) { [TargetsParameter] = targets });
        if (message != "CreateMultiple")
        {
            return WebApiResult.NoContent();
        }

        var ids = new JsonArray();
        foreach (var id in (Guid[])response.Results["Ids"])
        {
            ids.Add(id.ToString("D"));
        }

        return WebApiResult.Json(200, new JsonObject
        {
            ["@odata.context"] = $"{_serviceRoot.AbsoluteUri}$metadata#Microsoft.Dynamics.CRM.{message}Response",
            ["Ids"] = ids,
        });
    }

    /// <summary>One item of Targets as the message's row: typed, addressed as the message needs (its key, its @odata.id, or none).</summary>
    private Entity BulkRow(string message, TableDefinition table, JsonNode? item, int count)
    {
        if (item is not JsonObject row)
        {
            throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError, $"Each item of Targets of {message} is a row (a JSON object).");
        }

        if (row["@odata.type"] is null)
        {
            // The documented requests name each row's type; what Dataverse does without it is not documented, so it is refused.
            throw DataverseFault.NotImplemented($"a Targets item of {message} without '@odata.type' (send \"@odata.type\": \"Microsoft.Dynamics.CRM.{table.LogicalName}\" on each row, as the documented requests do)");
        }

        foreach (var (property, value) in row)
        {
            if (DeepInsert.Classify(_dataverse.Metadata, table, property, value).Kind != DeepInsertKind.None)
            {
                throw DataverseFault.NotImplemented($"related rows nested in a Targets item of {message} ('{property}'): the Web API form of it is not documented; create them first and bind them with @odata.bind");
            }
        }

        var entity = _json.ToEntity(table, row, ResolveBinding);
        // ToEntity refused another @odata.type than the set's table; a row of another table cannot reach the message.
        if (message == "UpsertMultiple")
        {
            Address(entity, table, row[ODataIdAnnotation] is JsonValue address && address.TryGetValue<string>(out var text)
                ? text
                : throw DataverseFault.NotImplemented($"a Targets item of {message} without '{ODataIdAnnotation}' (the documented requests identify each row with it: \"{ODataIdAnnotation}\": \"{table.EntitySetName}(<key>='…')\"); what Dataverse does without it is not documented"));
        }
        else if (message == "UpdateMultiple")
        {
            if (row[ODataIdAnnotation] is not null)
            {
                // The documented UpdateMultiple rows carry their primary key; an @odata.id (UpsertMultiple's address) was skipped as an
                // annotation before round 14, so a row named only by it was refused for lacking its key, and one with both was updated by
                // the key. Whether Dataverse reads it here is not published.
                throw DataverseFault.NotImplemented($"'{ODataIdAnnotation}' in a Targets item of {message} (the documented rows carry their {table.PrimaryIdAttribute}; what Dataverse does with {ODataIdAnnotation} here is not published)");
            }

            entity.Id = entity.GetAttributeValue<Guid?>(table.PrimaryIdAttribute) is { } id && id != Guid.Empty
                ? id
                : throw DataverseFault.InvalidArgument($"Each row of {message} names its {table.PrimaryIdAttribute}; one of the {count} has none.");
            entity.Attributes.Remove(table.PrimaryIdAttribute);
        }

        return entity;
    }

    /// <summary>
    /// An UpsertMultiple row's <c>@odata.id</c>: a URL of a row of the action's entity set, by id (<c>accounts(…guid…)</c>) or by
    /// alternate key (<c>accounts(accountnumber='A-1')</c>), relative or under this service root; the id or key values address the row.
    /// </summary>
    private void Address(Entity entity, TableDefinition table, string address)
    {
        var path = ResourcePath.Parse(Uri.UnescapeDataString(RelativeToServiceRoot(address, ODataIdAnnotation)));
        if (path.EntitySet != table.EntitySetName || !path.HasKey)
        {
            throw DataverseFault.InvalidArgument($"The {ODataIdAnnotation} '{address}' of a Targets item does not name a row of '{table.EntitySetName}' by its id or alternate key.");
        }

        if (path.Id is { } id)
        {
            entity.Id = id;
            return;
        }

        foreach (var (column, value) in KeyValues(table, path))
        {
            entity.KeyAttributes[column] = value;
        }
    }
}
