using System.Text.Json;
using System.Text.Json.Nodes;
using CreditOS.Solution.Metadata;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// The JSON shape of an <c>x@odata.bind</c> value, checked as the OData library checks it while it reads the body, before Dataverse
/// sees the row (Web API round 11, session 19). The library reads the annotation as a quoted string, or as an array of them for a
/// collection-valued navigation property (ODataJsonLightResourceDeserializer, ODataAnnotationNames.ODataBind); anything else is an
/// Microsoft.OData.ODataException, which Dataverse answers as the payload error 0x80048d19 with the
/// library's message (Troubleshoot Dataverse Web API client errors, "Error identified in Payload provided by the user for Entity").
/// The local host answered an empty 500 for a number, a boolean, an object or an array on a single-valued property, and created the
/// row for an empty array. A null single-valued bind stays accepted: Microsoft documents it ("parentcustomerid_account@odata.bind":
/// null disassociates, Associate and disassociate table rows using the Web API).
/// </summary>
internal static class BindAnnotationShape
{
    private const string Suffix = "@odata.bind";
    private const string Annotation = "odata.bind";

    /// <summary>Checks every bind annotation of the body, and of rows nested in it for a deep insert.</summary>
    public static void Check(MetadataCatalog metadata, TableDefinition table, JsonObject body, string entitySet)
    {
        foreach (var (property, value) in body)
        {
            if (property.EndsWith(Suffix, StringComparison.Ordinal))
            {
                CheckValue(metadata, table, property[..^Suffix.Length], value, entitySet);
                continue;
            }

            if (value is JsonObject or JsonArray && Navigation.Find(metadata, table, property) is { } navigation)
            {
                var nested = value is JsonArray rows ? rows.OfType<JsonObject>() : [(JsonObject)value];
                foreach (var row in nested)
                {
                    Check(metadata, navigation.Target, row, entitySet);
                }
            }
        }
    }

    private static void CheckValue(MetadataCatalog metadata, TableDefinition table, string name, JsonNode? value, string entitySet)
    {
        var navigation = Navigation.Find(metadata, table, name);
        switch (value)
        {
            case null:
                return;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        RefuseNonString(item, entitySet);
                    }
                }

                if (array.Count == 0)
                {
                    throw EntityJson.PayloadError(entitySet,
                        $"The value of '{Annotation}' property annotation is an empty array. The '{Annotation}' property annotation must have a non-empty array as its value.");
                }

                if (navigation is { IsCollection: false })
                {
                    throw EntityJson.PayloadError(entitySet,
                        $"The resource reference navigation property '{name}' has a property annotation '{Annotation}' with an array value. Resource reference navigation properties can only have a property annotation '{Annotation}' with a string value.");
                }

                return;
            default:
                RefuseNonString(value, entitySet);
                if (navigation is { IsCollection: true })
                {
                    throw EntityJson.PayloadError(entitySet,
                        $"The resource set reference navigation property '{name}' has a property annotation '{Annotation}' with a string value. Resource set reference navigation properties can only have a property annotation '{Annotation}' with an array value.");
                }

                return;
        }
    }

    /// <summary>JsonReaderExtensions.ReadStringValue and ReadPrimitiveValue: a number or boolean, or an object or array where a string is read.</summary>
    private static void RefuseNonString(JsonNode value, string entitySet)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                return;
            case JsonValueKind.Object or JsonValueKind.Array:
                var node = value.GetValueKind() == JsonValueKind.Object ? "StartObject" : "StartArray";
                throw EntityJson.PayloadError(entitySet,
                    $"An unexpected '{node}' node was found when reading from the JSON reader. A 'PrimitiveValue' node was expected.");
            default:
                // The library's JSON reader gives a boolean as a .NET Boolean, which the message formats as True/False.
                var text = value.GetValueKind() switch
                {
                    JsonValueKind.True => "True",
                    JsonValueKind.False => "False",
                    _ => value.ToJsonString(),
                };
                throw EntityJson.PayloadError(entitySet, $"Cannot read the value '{text}' for the property '{Annotation}' as a quoted JSON string value.");
        }
    }
}
