using CreditOS.LocalDataverse.Faults;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// $filter lambdas resolved by reading the related rows as the caller: <c>any</c> keeps the parents that have a related row satisfying
/// the predicate (any related row without one), <c>all</c> the parents none of whose related rows fails it, parents without related
/// rows included (Filter rows using OData, "Filter using values of related collections"; FetchXML's link type all says the same:
/// "This includes parent rows which have no link entity rows"). The result is a condition on the parent's id (In / NotIn the parents
/// found), so it combines with and / or as any other condition. The related rows are read through the caller's organization service:
/// without Read on the related table the query faults (403), and rows out of the caller's reach do not count, as for the FetchXML
/// filter link types here.
/// </summary>
internal sealed class CallerLambdas(MetadataCatalog metadata, IOrganizationService service) : ILambdaResolver
{
    private const int PageSize = 5_000;

    public TableDefinition Target(TableDefinition table, string navigation) =>
        metadata.FindTable(Relationship(table, navigation).ReferencingTable) ?? throw DataverseFault.UnknownTable(navigation);

    public ConditionExpression Resolve(TableDefinition table, string navigation, string kind, FilterExpression? predicate)
    {
        var relationship = Relationship(table, navigation);
        var lookup = relationship.ReferencingAttribute!;
        var target = Target(table, navigation);
        if (kind == "any")
        {
            var parents = Read(target, lookup, predicate).Select(row => row.Parent).Distinct().ToList();
            // The primary key is never null: "Null" matches no parent when no related row qualifies.
            return parents.Count == 0
                ? new ConditionExpression(table.PrimaryIdAttribute, ConditionOperator.Null)
                : new ConditionExpression(table.PrimaryIdAttribute, ConditionOperator.In, parents.Cast<object>().ToArray());
        }

        var satisfying = Read(target, lookup, predicate).Select(row => row.Id).ToHashSet();
        var failing = Read(target, lookup, null).Where(row => !satisfying.Contains(row.Id)).Select(row => row.Parent).Distinct().ToList();
        return failing.Count == 0
            ? new ConditionExpression(table.PrimaryIdAttribute, ConditionOperator.NotNull)
            : new ConditionExpression(table.PrimaryIdAttribute, ConditionOperator.NotIn, failing.Cast<object>().ToArray());
    }

    /// <summary>The related rows (id, parent id) that point at a parent and satisfy the predicate, every page.</summary>
    private List<(Guid Id, Guid Parent)> Read(TableDefinition target, string lookup, FilterExpression? predicate)
    {
        var query = new QueryExpression(target.LogicalName) { ColumnSet = new ColumnSet(target.PrimaryIdAttribute, lookup) };
        query.Criteria.AddCondition(lookup, ConditionOperator.NotNull);
        if (predicate is not null)
        {
            query.Criteria.AddFilter(predicate);
        }

        var rows = new List<(Guid Id, Guid Parent)>();
        query.PageInfo = new PagingInfo { Count = PageSize, PageNumber = 1 };
        while (true)
        {
            var page = service.RetrieveMultiple(query);
            rows.AddRange(page.Entities.Select(row => (row.Id, row.GetAttributeValue<EntityReference>(lookup).Id)));
            if (!page.MoreRecords)
            {
                return rows;
            }

            query.PageInfo.PageNumber++;
        }
    }

    private static bool IsLookupValue(TableDefinition table, string property) =>
        property.Length > 7 && property.StartsWith('_') && property.EndsWith("_value", StringComparison.Ordinal) && table.FindColumn(property[1..^6]) is not null;

    /// <summary>The one-to-many relationship a collection-valued navigation property of the table names (its schema name, case-sensitive).</summary>
    private RelationshipDefinition Relationship(TableDefinition table, string navigation)
    {
        var relationship = metadata.Relationships.FirstOrDefault(r => string.Equals(r.SchemaName, navigation, StringComparison.Ordinal)
            && (r.ReferencedTable == table.LogicalName || r.ReferencingTable == table.LogicalName));
        return relationship switch
        {
            { Type: RelationshipType.OneToMany, ReferencingAttribute: not null } when relationship.ReferencedTable == table.LogicalName => relationship,
            { Type: RelationshipType.ManyToMany } => throw DataverseFault.NotImplemented($"a lambda over the many-to-many navigation property '{navigation}'; use FetchXML through the organization service"),
            // A single-valued navigation property or a column exists: the OData library refuses the lambda on it
            // (MetadataBinder_LambdaParentMustBeCollection); the local host said the property did not exist.
            _ when Navigation.Find(metadata, table, navigation) is not null || table.FindColumn(navigation) is not null || IsLookupValue(table, navigation)
                => throw DataverseFault.Create(WebApiErrorCodes.UriParserError, "Any/All may only be used following a collection."),
            _ => throw DataverseFault.Create(WebApiErrorCodes.PropertyNotFound, $"Could not find a property named '{navigation}' on type 'Microsoft.Dynamics.CRM.{table.LogicalName}'."),
        };
    }
}
