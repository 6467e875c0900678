using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using CreditOS.LocalDataverse.Faults;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// $apply (session 16; it answered 501): "Use the $apply option to aggregate and group your data. The aggregate functions are limited to
/// a collection of 50,000 records" (Aggregate data using OData, learn.microsoft.com/power-apps/developer/data-platform/webapi/query/
/// aggregate-data). The transformations (<see cref="ApplyOption"/>) run as an aggregate FetchXML query through the caller's organization
/// service, so the query engine's aggregation, its 50,000-row limit and the caller's privileges apply. The answer is
/// {"@odata.context": "…$metadata#accounts", "value": [{grouped properties…, aliases…}]}, a group whose value is null without that
/// property (the page's "Distinct column values" example). "$orderby with aggregate values is not supported. This will return the error:
/// The query node SingleValueOpenPropertyAccess is not supported" (same page). Since round 13 a group may be a related row's column
/// (<see cref="ApplyRelatedGroup"/>) and the formatted values the page's examples ask for are written (<see cref="ApplyFormattedValues"/>).
/// Not implemented (501): other query options with $apply, paging.
/// </summary>
public sealed partial class WebApiOperations
{
    private WebApiResult Apply(TableDefinition table, ResourcePath path, WebApiRequest request, Action<QueryExpression>? narrow)
    {
        var apply = ApplyOption.Parse(table, request.Query["$apply"]);
        foreach (var option in QueryOptionsOf(request).Where(key => key != "$apply"))
        {
            if (option == "$orderby" && request.Query[option].Split(',').Select(clause => clause.Trim().Split(' ')[0])
                .Any(name => apply.Aggregates.Any(aggregate => aggregate.Alias == name)))
            {
                return WebApiResult.Error(400, WebApiErrorCodes.ODataPayloadError, "The query node SingleValueOpenPropertyAccess is not supported");
            }

            return WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError,
                $"The local Web API does not implement {option} together with $apply (only the $apply transformations are read).");
        }

        if (PageSizePreference.Applied(request) is not null)
        {
            return WebApiResult.Error(501, DataverseErrorCodes.UnexpectedError,
                "The local Web API does not implement odata.maxpagesize with $apply (paging aggregates); leave the preference out.");
        }

        var annotations = AnnotationPreference.Of(request);

        var query = new QueryExpression(table.LogicalName);
        var paths = new LookupPaths(_dataverse.Metadata);
        foreach (var filter in apply.Filters)
        {
            query.Criteria.AddFilter(FilterParser.Parse(table, filter, Lambdas, paths));
        }

        var related = apply.RelatedGroupBy.Select(name => ApplyRelatedGroup.Resolve(_dataverse.Metadata, table, name, paths)).ToList();
        ApplyRelatedGroup.RefuseCollisions(related, apply);
        query.LinkEntities.AddRange(paths.Links);
        narrow?.Invoke(query);
        var entity = new XElement("entity", new XAttribute("name", table.LogicalName));
        foreach (var column in apply.GroupBy)
        {
            entity.Add(new XElement("attribute", new XAttribute("name", column.LogicalName), new XAttribute("groupby", "true"), new XAttribute("alias", column.LogicalName)));
        }

        foreach (var aggregate in apply.Aggregates)
        {
            entity.Add(new XElement("attribute",
                new XAttribute("name", aggregate.Column?.LogicalName ?? table.PrimaryIdAttribute),
                new XAttribute("aggregate", aggregate.Method switch { "average" => "avg", var method => method }),
                new XAttribute("alias", aggregate.Alias)));
        }

        if (query.Criteria.Conditions.Count > 0 || query.Criteria.Filters.Count > 0)
        {
            entity.Add(FetchXmlWriter.Filter(query.Criteria));
        }

        foreach (var link in query.LinkEntities)
        {
            entity.Add(FetchXmlWriter.Link(link));
        }

        foreach (var group in related)
        {
            entity.Descendants("link-entity").First(link => (string?)link.Attribute("alias") == group.LinkAlias).AddFirst(new XElement("attribute",
                new XAttribute("name", group.Column.LogicalName), new XAttribute("groupby", "true"), new XAttribute("alias", group.Name)));
        }

        var fetch = new XElement("fetch", new XAttribute("aggregate", "true"), entity);
        var formatted = annotations is not null && annotations.Includes(AnnotationPreference.FormattedValue)
            ? new ApplyFormattedValues(_dataverse.Metadata, _service, _dataverse.GetOrganizationService(), fetch)
            : null;
        var rows = _service.RetrieveMultiple(new FetchExpression(fetch.ToString(SaveOptions.DisableFormatting)));
        var value = new JsonArray();
        foreach (var row in rows.Entities)
        {
            var item = new JsonObject();
            foreach (var column in apply.GroupBy)
            {
                var grouped = row.Attributes.TryGetValue(column.LogicalName, out var read) ? read : null;
                if (AggregateJson(grouped) is { } json)
                {
                    formatted?.Annotate(item, column.LogicalName, table, column, grouped);
                    item[column.LogicalName] = json;
                }
            }

            foreach (var group in related)
            {
                var grouped = row.Attributes.TryGetValue(group.Name, out var read) ? read : null;
                if (AggregateJson(grouped) is { } json)
                {
                    formatted?.Annotate(item, group.Name, group.Target, group.Column, grouped);
                    item[group.Name] = json;
                }
            }

            foreach (var aggregate in apply.Aggregates)
            {
                var computed = row.Attributes.TryGetValue(aggregate.Alias, out var read) ? read : null;
                if (formatted is not null && aggregate.Column is null)
                {
                    ApplyFormattedValues.AnnotateCount(item, aggregate.Alias, computed);
                }
                else if (aggregate.Column is not null)
                {
                    formatted?.Annotate(item, aggregate.Alias, table, aggregate.Column, computed);
                }

                item[aggregate.Alias] = AggregateJson(computed);
            }

            value.Add(item);
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Applied(headers, annotations);
        return WebApiResult.Json(200, new JsonObject
        {
            ["@odata.context"] = $"{_serviceRoot.AbsoluteUri}$metadata#{path.EntitySet}",
            ["value"] = value,
        }, headers);
    }

    private static JsonNode? AggregateJson(object? value) => value switch
    {
        null => null,
        AliasedValue aliased => AggregateJson(aliased.Value),
        OptionSetValue option => option.Value,
        Money money => money.Value,
        DateTime moment => EdmDate.AsUtc(moment).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        Guid id => id,
        bool flag => flag,
        int number => number,
        long number => number,
        decimal number => number,
        double number => number,
        string text => text,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
