using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Faults;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// Deep insert (session 16): "You can create entities related to each other by defining them as navigation properties values … A
/// contact is created because it is defined as an object property of the single-valued navigation property primarycontactid. An
/// opportunity is created because it is defined as an object within an array that is set to the value of a collection-valued
/// navigation property opportunity_customer_accounts" (Create a table row using the Web API, "Create related table rows in one
/// operation", learn.microsoft.com/power-apps/developer/data-platform/webapi/create-entity-web-api), and "Account_Tasks@odata.bind":
/// ["/tasks(…)", …] associating existing rows on create (same page, "Associate table rows on create"). The answer is the basic
/// create's: 204 with the OData-EntityId of the row posted ("The URIs for the related entities created aren't returned"), or 201 with
/// it under return=representation.
/// <para>
/// Every row is created by its own Create through the organization service, so each runs its pipeline (plug-in steps, privilege and
/// field-security checks, validation), all in one transaction: any failure rolls back every row (in a change set, the change set's
/// transaction). A row of a single-valued property is created before the row that refers to it, so that row's Create carries the lookup;
/// rows of a one-to-many property after it, each Create carrying the lookup to it; rows of a many-to-many property after it, then
/// associated. Microsoft does not publish the order the plug-ins of the rows run in.
/// </para>
/// </summary>
public sealed partial class WebApiOperations
{
    private const string BindAnnotation = "@odata.bind";

    private WebApiResult CreateDeep(TableDefinition table, ResourcePath path, WebApiRequest request, JsonObject body)
    {
        var expands = ExpandPlans(table, request);
        var id = Guid.Empty;
        if (_inTransaction)
        {
            id = InsertDeep(table, body, parentLink: null);
        }
        else
        {
            _dataverse.RunInOneTransaction(_userId, service =>
            {
                if (OnBehalfOf is { } onBehalfOf && service is global::CreditOS.LocalDataverse.Service.LocalOrganizationService local)
                {
                    local.CallerId = onBehalfOf;
                }

                IOrganizationService scoped = _service is OptionalParametersService optional ? optional.Over(service) : service;
                id = WithService(scoped, transactional: true).InsertDeep(table, body, parentLink: null);
                return true;
            });
        }

        return Written(table, path, id, request, created: true, expands);
    }

    /// <summary>Creates the row of <paramref name="body"/> and the related rows it holds; <paramref name="parentLink"/> is the lookup to the row it is nested in.</summary>
    private Guid InsertDeep(TableDefinition table, JsonObject body, KeyValuePair<string, EntityReference>? parentLink)
    {
        var plain = new JsonObject();
        var singles = new List<KeyValuePair<Navigation, JsonObject>>();
        var collections = new List<KeyValuePair<Navigation, JsonArray>>();
        var binds = new List<KeyValuePair<Navigation, JsonArray>>();
        foreach (var (name, value) in body)
        {
            switch (DeepInsert.Classify(_dataverse.Metadata, table, name, value))
            {
                case { Kind: DeepInsertKind.Single } single:
                    singles.Add(new(single.Navigation!, (JsonObject)value!));
                    break;
                case { Kind: DeepInsertKind.Collection } collection:
                    collections.Add(new(collection.Navigation!, (JsonArray)value!));
                    break;
                case { Kind: DeepInsertKind.CollectionBind } bind:
                    binds.Add(new(bind.Navigation!, (JsonArray)value!));
                    break;
                default:
                    plain[name] = value?.DeepClone();
                    break;
            }
        }

        var entity = _json.ToEntity(table, plain, ResolveBinding);
        foreach (var (navigation, related) in singles)
        {
            var lookup = navigation.LookupColumn!;
            if (entity.Contains(lookup))
            {
                throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError,
                    $"The lookup '{lookup}' of '{table.LogicalName}' is given twice: bound and deep-inserted through '{navigation.Name}'.");
            }

            entity[lookup] = new EntityReference(navigation.Target.LogicalName, InsertDeep(navigation.Target, related, parentLink: null));
        }

        if (parentLink is { } link)
        {
            if (entity.Contains(link.Key))
            {
                throw DataverseFault.NotImplemented(
                    $"a row deep-inserted into a collection-valued navigation property that also sets its lookup '{link.Key}' to the row it is nested in (what Dataverse does then is not documented); leave the lookup out");
            }

            entity[link.Key] = link.Value;
        }

        var id = _service.Create(entity);
        var self = new EntityReference(table.LogicalName, id);
        foreach (var (navigation, items) in collections)
        {
            foreach (var item in items)
            {
                var child = item as JsonObject
                    ?? throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError, $"Each item of the collection-valued navigation property '{navigation.Name}' must be a {navigation.Target.LogicalName} object.");
                if (navigation.Kind == NavigationKind.OneToMany)
                {
                    InsertDeep(navigation.Target, child, new KeyValuePair<string, EntityReference>(navigation.LookupColumn!, self));
                }
                else
                {
                    var childId = InsertDeep(navigation.Target, child, parentLink: null);
                    Link(navigation, self, new EntityReference(navigation.Target.LogicalName, childId), associate: true);
                }
            }
        }

        foreach (var (navigation, urls) in binds)
        {
            foreach (var url in urls)
            {
                var text = url is JsonValue value && value.TryGetValue<string>(out var given) ? given
                    : throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError, $"'{navigation.Name}{BindAnnotation}' takes an array of row URLs (\"/{navigation.Target.EntitySetName}(…)\").");
                Link(navigation, self, RelatedReference(navigation, text), associate: true);
            }
        }

        return id;
    }
}

/// <summary>What a body property of a create is to a deep insert.</summary>
internal enum DeepInsertKind
{
    None,
    /// <summary>An object for a single-valued navigation property: a new related row.</summary>
    Single,
    /// <summary>An array of objects for a collection-valued navigation property: new related rows.</summary>
    Collection,
    /// <summary>An array of URLs for a collection-valued navigation property's @odata.bind: existing rows to associate.</summary>
    CollectionBind,
}

internal sealed record DeepInsertPart(DeepInsertKind Kind, Navigation? Navigation);

internal static class DeepInsert
{
    private const string BindAnnotation = "@odata.bind";

    /// <summary>Whether the body creates or associates related rows (otherwise the create is a plain one).</summary>
    public static bool IsDeep(MetadataCatalog metadata, TableDefinition table, JsonObject body) =>
        body.Any(pair => Classify(metadata, table, pair.Key, pair.Value).Kind != DeepInsertKind.None);

    public static DeepInsertPart Classify(MetadataCatalog metadata, TableDefinition table, string property, JsonNode? value)
    {
        // An activity's parties are its PartyList columns, read by EntityJson (email_activity_parties), not rows of a relationship here.
        if (table.IsActivity && property == EntityJson.ActivityPartiesProperty(table))
        {
            return new DeepInsertPart(DeepInsertKind.None, null);
        }

        if (property.EndsWith(BindAnnotation, StringComparison.Ordinal))
        {
            return value is JsonArray && Navigation.Find(metadata, table, property[..^BindAnnotation.Length]) is { IsCollection: true } bound
                ? new DeepInsertPart(DeepInsertKind.CollectionBind, bound)
                : new DeepInsertPart(DeepInsertKind.None, null);
        }

        return (value, Navigation.Find(metadata, table, property)) switch
        {
            (JsonObject, { IsCollection: false } single) => new DeepInsertPart(DeepInsertKind.Single, single),
            (JsonArray, { IsCollection: true } collection) => new DeepInsertPart(DeepInsertKind.Collection, collection),
            _ => new DeepInsertPart(DeepInsertKind.None, null),
        };
    }
}
