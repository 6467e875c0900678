using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Faults;
using CreditOS.Solution.Metadata;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// The Web API's service documents ("Web API Service Documents", webapi/web-api-service-documents). "Perform a GET request on Web
/// API endpoint to see the service document": <c>{"@odata.context": "…/api/data/v9.2/$metadata", "value": [{"name": "accounts",
/// "kind": "EntitySet", "url": "accounts"}, …]}</c>, "a list of all the EntitySets available in your environment"; here those of
/// the local metadata, in ordinal order as Microsoft's example lists them. "Append $metadata to the Web API endpoint to retrieve the
/// Common Schema Definition Language (CSDL) $metadata document": the local host does not write CSDL, so it answers 501 saying so.
/// Both answered 404 "Resource not found for the segment" before Web API round 9 (session 17), which told a client the documented
/// resources do not exist.
/// </summary>
internal static class ServiceDocuments
{
    private const string MetadataSegment = "$metadata";

    /// <summary>The answer for the service document or $metadata, or null when the request addresses something else.</summary>
    public static WebApiResult? Answer(WebApiRequest request, MetadataCatalog metadata, Uri serviceRoot)
    {
        if (request.Path.Length == 0 && request.Method == "GET")
        {
            var sets = new JsonArray();
            foreach (var entitySet in metadata.Tables.Select(table => table.EntitySetName).Where(name => !string.IsNullOrEmpty(name)).Order(StringComparer.Ordinal))
            {
                sets.Add(new JsonObject { ["name"] = entitySet, ["kind"] = "EntitySet", ["url"] = entitySet });
            }

            return WebApiResult.Json(200, new JsonObject
            {
                ["@odata.context"] = new Uri(serviceRoot, MetadataSegment).AbsoluteUri,
                ["value"] = sets,
            });
        }

        if (request.Path == MetadataSegment && request.Method == "GET")
        {
            return WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError,
                "The local Web API does not implement the CSDL $metadata document; the entity sets are in the service document (GET on the service root), the tables, columns and relationships in the solution's metadata.");
        }

        return null;
    }
}
