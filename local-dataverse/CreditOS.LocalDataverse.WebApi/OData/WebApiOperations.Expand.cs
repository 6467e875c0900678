using System.Globalization;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Query;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// $expand (Join tables using OData, webapi/query/join-tables). Related rows are read through the caller's organization service, so
/// they are subject to the caller's Read privilege (none at all on the related table faults as for any query that touches it, 403),
/// its depth (a related row out of reach is not returned: null, or absent from the collection, as an outer join leaves it) and field
/// security (a secured column comes back null).
/// </summary>
public sealed partial class WebApiOperations
{
    private const int ExpandedCollectionLimit = 5_000;

    private IReadOnlyList<ExpandPlan> ExpandPlans(TableDefinition table, WebApiRequest request)
    {
        if (!request.Query.TryGetValue("$expand", out var expand) || string.IsNullOrWhiteSpace(expand))
        {
            return [];
        }

        var plans = ExpandPlan.For(_dataverse.Metadata, table, expand, PageSizePreference.Applied(request) is not null, Lambdas);
        EnsureReadable(plans);
        return plans;
    }

    /// <summary>
    /// The query touches every expanded table, so it needs Read on each whatever the rows hold (an empty lookup, no parent row): one
    /// query per table that matches nothing (the primary key is never null) makes the organization service check it up front.
    /// </summary>
    private void EnsureReadable(IReadOnlyList<ExpandPlan> plans)
    {
        foreach (var plan in plans)
        {
            var probe = new QueryExpression(plan.Target.LogicalName) { ColumnSet = new ColumnSet(plan.Target.PrimaryIdAttribute), TopCount = 1 };
            probe.Criteria.AddCondition(plan.Target.PrimaryIdAttribute, ConditionOperator.Null);
            _service.RetrieveMultiple(probe);
            EnsureReadable(plan.Children);
        }
    }

    /// <summary>The columns to read: those written, plus the lookups single-valued expands follow.</summary>
    private static ColumnSet ReadColumns(ColumnSet written, IReadOnlyList<ExpandPlan> plans)
    {
        if (written.AllColumns)
        {
            return written;
        }

        var columns = written.Columns.Concat(plans.Where(plan => plan.Lookup is not null).Select(plan => plan.Lookup!.Column));
        return new ColumnSet(columns.Distinct(StringComparer.Ordinal).ToArray());
    }

    /// <summary>A row's JSON with the columns asked for (not the lookups read only to expand) and its expanded properties.</summary>
    private JsonObject ExpandedRow(TableDefinition table, Entity row, ColumnSet written, AnnotationPreference? annotations, IReadOnlyList<ExpandPlan> plans)
    {
        var shown = written.AllColumns ? row
            : Without(row, row.Attributes.Keys.Where(key => !written.Columns.Contains(key) && plans.Any(plan => plan.Lookup?.Column == key)).ToList());
        var json = Row(table, shown, written, annotations);
        foreach (var plan in plans)
        {
            if (plan.IsCollection)
            {
                ExpandCollection(table, row, json, plan, annotations);
            }
            else
            {
                json[plan.Name] = ExpandLookup(row, plan, annotations);
            }
        }

        return json;
    }

    /// <summary>
    /// A single-valued navigation property: the related row as an object (its selected columns and its id, no ETag, as Microsoft's
    /// examples show), null when the lookup is empty, points at another table (a customer lookup's other target) or the row is out
    /// of the caller's reach. systemuser and team rows also carry ownerid ("Both systemuserid and ownerid properties are returned …
    /// systemuser inherits from principal", join-tables).
    /// </summary>
    private JsonObject? ExpandLookup(Entity row, ExpandPlan plan, AnnotationPreference? annotations)
    {
        if (row.GetAttributeValue<EntityReference>(plan.Lookup!.Column) is not { } reference || reference.LogicalName != plan.Target.LogicalName)
        {
            return null;
        }

        var query = new QueryExpression(plan.Target.LogicalName) { ColumnSet = ReadColumns(plan.Columns, plan.Children), TopCount = 1 };
        query.Criteria.AddCondition(plan.Target.PrimaryIdAttribute, ConditionOperator.Equal, reference.Id);
        if (_service.RetrieveMultiple(query).Entities.FirstOrDefault() is not { } related)
        {
            return null;
        }

        var json = ExpandedRow(plan.Target, related, plan.Columns, annotations, plan.Children);
        json.Remove("@odata.etag");
        json[plan.Target.PrimaryIdAttribute] = related.Id;
        if (plan.Target.LogicalName is "systemuser" or "team")
        {
            json["ownerid"] = related.Id;
        }

        return json;
    }

    /// <summary>
    /// A collection-valued (one-to-many) navigation property: the related rows the caller may read, filtered, ordered and cut by
    /// the item's options, up to 5,000 and never paged ("no paging is applied to the expanded rows … up to 5,000 related records can
    /// be returned for each expanded collection-valued navigation property"), each with its ETag and the lookup to the parent, then
    /// "&lt;property&gt;@odata.nextLink": "accounts(…)/Account_Tasks?$select=subject", the filtered collection with the query options
    /// appended and no paging information (join-tables, "Single $expand on collection-valued navigation properties").
    /// </summary>
    private void ExpandCollection(TableDefinition table, Entity row, JsonObject json, ExpandPlan plan, AnnotationPreference? annotations)
    {
        // Each related row of a one-to-many property carries the lookup to its parent; a many-to-many one's rows are joined through the
        // intersect table and have no such column.
        var lookup = plan.Relationship?.ReferencingAttribute;
        var written = plan.NestedQuery || plan.Columns.AllColumns || lookup is null ? plan.Columns : new ColumnSet(plan.Columns.Columns.Append(lookup).Distinct(StringComparer.Ordinal).ToArray());
        var query = new QueryExpression(plan.Target.LogicalName) { ColumnSet = ReadColumns(written, plan.Children) };
        if (plan.ManyToMany is { } manyToMany)
        {
            Narrow(query, manyToMany, row.Id);
        }
        else
        {
            query.Criteria.AddCondition(lookup!, ConditionOperator.Equal, row.Id);
        }

        if (plan.Filter is not null)
        {
            query.Criteria.AddFilter(plan.Filter);
        }

        foreach (var (column, order) in plan.Orders)
        {
            query.AddOrder(column, order);
        }

        if (plan.Top is { } top)
        {
            query.TopCount = Math.Min(top, ExpandedCollectionLimit);
        }
        else
        {
            query.PageInfo = new PagingInfo { Count = ExpandedCollectionLimit, PageNumber = 1 };
        }

        var retrieve = new RetrieveMultipleRequest { Query = query };
        retrieve[LocalQueryParameters.OrderChoicesByValue] = true;
        var related = ((RetrieveMultipleResponse)_service.Execute(retrieve)).EntityCollection.Entities;
        json[plan.Name] = new JsonArray(related.Select(entity =>
        {
            var item = ExpandedRow(plan.Target, entity, written, annotations, plan.Children);
            if (plan.NestedQuery)
            {
                item.Remove("@odata.etag");
            }

            item[plan.Target.PrimaryIdAttribute] = entity.Id;
            return (JsonNode)item;
        }).ToArray());
        var options = string.Join('&', plan.Option.Options.Select(pair => $"{pair.Key}={pair.Value}"));
        json[plan.Name + "@odata.nextLink"] = _serviceRoot.AbsoluteUri + string.Create(CultureInfo.InvariantCulture,
            $"{table.EntitySetName}({row.Id:D})/{plan.Name}") + (options.Length > 0 ? "?" + options : string.Empty);
    }

    /// <summary>A copy of the row without the named columns (read only to follow a lookup).</summary>
    private static Entity Without(Entity row, IReadOnlyCollection<string> columns)
    {
        if (columns.Count == 0)
        {
            return row;
        }

        var copy = new Entity(row.LogicalName, row.Id) { RowVersion = row.RowVersion };
        foreach (var (name, value) in row.Attributes.Where(pair => !columns.Contains(pair.Key)))
        {
            copy[name] = value;
        }

        foreach (var (name, value) in row.FormattedValues.Where(pair => !columns.Contains(pair.Key)))
        {
            copy.FormattedValues[name] = value;
        }

        return copy;
    }
}
