using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using CreditOS.LocalDataverse.Faults;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// GET {entityset}?fetchXml=…: "use the fetchXml query string parameter to pass it to the entity set" (Use FetchXML with the
/// Web API). Implemented for <b>aggregate</b> FetchXML only (aggregate="true", every attribute with an alias): what a web
/// resource computing a chart from Dataverse's aggregates sends (the dashboard's Aging, issue 15 session 16). Each result
/// row is a JSON object of its aliases: numbers for counts, sums and averages (money as its amount), the choice's value
/// for a grouped choice (with its label as the FormattedValue annotation when asked), a grouped lookup's id, a grouped
/// date by its date grouping. It runs through the organization service as the caller (roles, field security and the
/// 50,000-row aggregate limit apply as for SDK calls). A FetchXML without aggregate is refused with 501 (not implemented
/// here: query with $select/$filter), as is mixing fetchXml with $-options, which Dataverse does not allow either.
/// </summary>
public sealed partial class WebApiOperations
{
    private const string FetchXmlParameter = "fetchXml";

    private WebApiResult FetchXmlQuery(TableDefinition table, ResourcePath path, WebApiRequest request, string fetchXml)
    {
        if (request.Query.Keys.Any(option => option.StartsWith('$')))
        {
            return WebApiResult.Error(400, WebApiErrorCodes.ODataPayloadError, "The fetchXml query parameter cannot be combined with OData query options ($select, $filter, …).");
        }

        XElement fetch;
        try
        {
            fetch = XElement.Parse(fetchXml);
        }
        catch (XmlException exception)
        {
            return WebApiResult.Error(400, DataverseErrorCodes.InvalidArgument, "The fetchXml query parameter is not well-formed XML: " + exception.Message);
        }

        var entity = fetch.Element("entity");
        if (!string.Equals((string?)entity?.Attribute("name"), table.LogicalName, StringComparison.Ordinal))
        {
            return WebApiResult.Error(400, DataverseErrorCodes.InvalidArgument, $"The fetchXml's entity '{(string?)entity?.Attribute("name")}' is not the entity set's table '{table.LogicalName}'.");
        }

        if (!string.Equals((string?)fetch.Attribute("aggregate"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError,
                $"The local Web API implements the fetchXml query parameter for aggregate FetchXML only ({request.Path}); query rows with $select/$filter/$orderby.");
        }

        var rows = _service.RetrieveMultiple(new FetchExpression(fetchXml)).Entities;
        var annotations = AnnotationPreference.Of(request);
        var formatted = annotations?.Includes(AnnotationPreference.FormattedValue) == true;
        var value = new JsonArray();
        foreach (var row in rows)
        {
            var json = new JsonObject();
            foreach (var (alias, raw) in row.Attributes)
            {
                var item = raw is AliasedValue aliased ? aliased.Value : raw;
                json[alias] = item switch
                {
                    null => null,
                    Money money => JsonValue.Create(EntityJson.MoneyJson(money.Value)),
                    OptionSetValue option => JsonValue.Create(option.Value),
                    EntityReference reference => JsonValue.Create(reference.Id.ToString("D")),
                    decimal number => JsonValue.Create(number),
                    double number => JsonValue.Create(number),
                    int number => JsonValue.Create(number),
                    long number => JsonValue.Create(number),
                    DateTime moment => JsonValue.Create(moment.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    string text => JsonValue.Create(text),
                    bool flag => JsonValue.Create(flag),
                    _ => throw DataverseFault.NotImplemented("an aggregate fetchXml result of type " + item.GetType().Name + " in the Web API"),
                };
                if (formatted && item is OptionSetValue choice && row.FormattedValues.TryGetValue(alias, out var label))
                {
                    json[alias + "@" + AnnotationPreference.FormattedValue] = label;
                }
                else if (formatted && item is OptionSetValue unlabeled)
                {
                    json[alias + "@" + AnnotationPreference.FormattedValue] = unlabeled.Value.ToString(CultureInfo.InvariantCulture);
                }
            }

            value.Add(json);
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Applied(headers, annotations);
        return WebApiResult.Json(200, new JsonObject { ["@odata.context"] = Context(path.EntitySet, request, entity: false), ["value"] = value }, headers);
    }
}
