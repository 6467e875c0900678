using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Faults;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// UpdateMultiple over the Web API (session 21; it answered 501): "POST [Organization URI]/api/data/v9.2/{entity set}/
/// Microsoft.Dynamics.CRM.UpdateMultiple" with <c>{"Targets":[…]}</c>, each item a row of the set's table with its
/// <c>@odata.type</c> and primary key ("Use bulk operation messages", the Web API examples), answered 204 No Content. The rows
/// are read as a PATCH body is (<see cref="EntityJson.ToEntity"/>: @odata.bind lookups, typed values) and the message runs as
/// the organization service's UpdateMultiple (<c>BulkOperationRunner</c>: one table, one transaction, every Update step per
/// row, rolled back whole on any error). What the local Web API does not read, it refuses: a Targets item without
/// <c>@odata.type</c> or its key, another parameter than Targets. CreateMultiple and UpsertMultiple still answer 501 here.
/// </summary>
public sealed partial class WebApiOperations
{
    private const string UpdateMultipleName = "UpdateMultiple";
    private const string TargetsParameter = "Targets";

    /// <summary>Whether the path is <c>{entity set}/Microsoft.Dynamics.CRM.UpdateMultiple</c>.</summary>
    private bool IsUpdateMultiple(string unescaped, out TableDefinition? table)
    {
        table = null;
        var segments = unescaped.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length != 2 || segments[1] != BoundActionPath.ActionNamespace + UpdateMultipleName || segments[0].Contains('(', StringComparison.Ordinal))
        {
            return false;
        }

        table = _dataverse.Metadata.FindTableByEntitySet(segments[0]);
        return table is not null;
    }

    private WebApiResult UpdateMultiple(TableDefinition table, WebApiRequest request)
    {
        var body = Body(request);
        foreach (var (name, _) in body)
        {
            if (name != TargetsParameter)
            {
                throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError, $"The parameter '{name}' in the request payload is not a valid parameter for the operation '{UpdateMultipleName}'.");
            }
        }

        if (body[TargetsParameter] is not JsonArray items)
        {
            throw DataverseFault.InvalidArgument($"{UpdateMultipleName} needs Targets (an array of rows of one table).");
        }

        var targets = new EntityCollection { EntityName = table.LogicalName };
        foreach (var item in items)
        {
            if (item is not JsonObject row)
            {
                throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError, $"Each item of Targets of {UpdateMultipleName} is a row (a JSON object).");
            }

            if (row["@odata.type"] is null)
            {
                // The documented requests name each row's type; what Dataverse does without it is not documented, so it is refused.
                throw DataverseFault.NotImplemented($"a Targets item of {UpdateMultipleName} without '@odata.type' (send \"@odata.type\": \"Microsoft.Dynamics.CRM.{table.LogicalName}\" on each row, as the documented requests do)");
            }

            var entity = _json.ToEntity(table, row, ResolveBinding);
            // ToEntity refused another @odata.type than the set's table; a row of another table cannot reach the message.
            entity.Id = entity.GetAttributeValue<Guid?>(table.PrimaryIdAttribute) is { } id && id != Guid.Empty
                ? id
                : throw DataverseFault.InvalidArgument($"Each row of {UpdateMultipleName} names its {table.PrimaryIdAttribute}; one of the {items.Count} has none.");
            entity.Attributes.Remove(table.PrimaryIdAttribute);
            targets.Entities.Add(entity);
        }

        _service.Execute(new OrganizationRequest(UpdateMultipleName) { [TargetsParameter] = targets });
        return WebApiResult.NoContent();
    }
}
