using System.Globalization;
using System.ServiceModel;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.WebApi.OData;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// Checks a keyed write (URL and JSON body) against the solution metadata with the local Web API's own readers, so
/// a test double accepts exactly what the strict local Web API (and Dataverse) accepts.
/// </summary>
public static class SolutionShape
{
    private static readonly MetadataCatalog Catalog = SolutionMetadataLoader.LoadEmbedded();
    private static readonly EntityJson Json = new(Catalog);

    /// <summary>Null when Dataverse would take the write; else its error code and message.</summary>
    public static (string Code, string Message)? Check(string keyedUrl, JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            var path = ResourcePath.Parse(keyedUrl);
            var table = Json.TableForEntitySet(path.EntitySet);
            KeyPredicates.RefuseNamesThatAreNoKey(table, path);

            foreach (var (column, literal) in path.KeyValues)
            {
                EntityJson.FromLiteral(table.FindColumn(column) ?? throw new InvalidOperationException($"No column {column}."), literal);
            }

            Json.ToEntity(table, body, Bind);
            return null;
        }
        catch (FaultException<OrganizationServiceFault> fault)
        {
            // Written as the local Web API writes it ("0x0" for a missing property, as Dataverse does).
            return (WebApiResult.ErrorBody(fault.Detail.ErrorCode, fault.Detail.Message)["error"]!["code"]!.GetValue<string>(), fault.Detail.Message);
        }
    }

    /// <summary>
    /// The lookup columns a body binds, by logical name (a navigation property such as cos_AccountId or
    /// customerid_account sets the lookup column cos_accountid or customerid): Dataverse returns each as _&lt;column&gt;_value.
    /// </summary>
    public static IReadOnlyList<(string Column, Guid Id)> BoundLookups(string keyedUrl, JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var table = Json.TableForEntitySet(ResourcePath.Parse(keyedUrl).EntitySet);
        return Json.ToEntity(table, body, Bind).Attributes
            .Where(attribute => attribute.Value is EntityReference)
            .Select(attribute => (attribute.Key, ((EntityReference)attribute.Value).Id))
            .ToList();
    }

    private static EntityReference Bind(string binding)
    {
        var path = ResourcePath.Parse(binding.TrimStart('/'));
        return new EntityReference(Json.TableForEntitySet(path.EntitySet).LogicalName, path.Id ?? Guid.Empty);
    }
}
