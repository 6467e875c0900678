using CreditOS.LocalDataverse.Faults;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Service.Operations;

/// <summary>
/// RetrieveRequest.RelatedEntitiesQuery (round 12): each query, "associate[d] with a specific entity relationship", answers the rows
/// related to the retrieved one through that relationship, in <c>Entity.RelatedEntities[relationship]</c> (org-service/
/// entity-operations-retrieve, "Retrieve with related records": an account's tasks, and through account_primary_contact its primary
/// contact). The query runs as the caller with its own columns, criteria, orders and links, narrowed to the related rows: on a
/// one-to-many relationship the rows whose lookup names the target, or the row the target's lookup names; on a many-to-many one the rows
/// linked through the intersect table. A self-referencing relationship takes its side from <c>Relationship.PrimaryEntityRole</c>.
/// Only QueryExpression is answered; another query type, or a self-referencing relationship without a role, fails loudly.
/// </summary>
internal static class RelatedRows
{
    public static void Fill(MessageContext context, TableDefinition table, Entity stored, Entity answer, RelationshipQueryCollection queries)
    {
        foreach (var (relationship, query) in queries)
        {
            if (query is not QueryExpression expression)
            {
                throw DataverseFault.NotImplemented($"Retrieve with a RelatedEntitiesQuery of type {query?.GetType().Name ?? "null"} (only QueryExpression)");
            }

            var definition = context.Metadata.FindRelationship(relationship.SchemaName ?? "")
                ?? throw DataverseFault.InvalidArgument($"The relationship '{relationship.SchemaName}' is not in the metadata.");
            answer.RelatedEntities[relationship] = CallerQuery.Run(context, Narrowed(context.Metadata, table, stored, relationship, definition, expression));
        }
    }

    private static QueryExpression Narrowed(MetadataCatalog metadata, TableDefinition table, Entity stored, Relationship relationship, RelationshipDefinition definition, QueryExpression query)
    {
        var narrowed = new QueryExpression(query.EntityName)
        {
            ColumnSet = query.ColumnSet,
            Distinct = query.Distinct,
            NoLock = query.NoLock,
            TopCount = query.TopCount,
            PageInfo = query.PageInfo,
        };
        narrowed.Criteria.AddFilter(query.Criteria);
        narrowed.Orders.AddRange(query.Orders);
        narrowed.LinkEntities.AddRange(query.LinkEntities);
        var targetIsReferenced = TargetSide(table.LogicalName, query.EntityName, relationship, definition);
        if (definition.Type == RelationshipType.ManyToMany)
        {
            // The query's rows linked to the target through the intersect table.
            var (targetColumn, otherColumn) = targetIsReferenced
                ? (definition.IntersectReferencedAttribute!, definition.IntersectReferencingAttribute!)
                : (definition.IntersectReferencingAttribute!, definition.IntersectReferencedAttribute!);
            var intersect = narrowed.AddLink(definition.IntersectTable!, PrimaryIdOf(metadata, query.EntityName), otherColumn, JoinOperator.Exists);
            intersect.LinkCriteria.AddCondition(targetColumn, ConditionOperator.Equal, stored.Id);
        }
        else if (targetIsReferenced)
        {
            narrowed.Criteria.AddCondition(definition.ReferencingAttribute!, ConditionOperator.Equal, stored.Id);
        }
        else if (stored.GetAttributeValue<EntityReference>(definition.ReferencingAttribute!) is { } referenced)
        {
            narrowed.Criteria.AddCondition(PrimaryIdOf(metadata, query.EntityName), ConditionOperator.Equal, referenced.Id);
        }
        else
        {
            // The target's lookup is empty: no related row, though the query is still checked as any other.
            narrowed.Criteria.AddCondition(PrimaryIdOf(metadata, query.EntityName), ConditionOperator.Null);
        }

        return narrowed;
    }

    /// <summary>Whether the target is the relationship's referenced (one, or first) side, the query's table being the other side.</summary>
    private static bool TargetSide(string target, string queried, Relationship relationship, RelationshipDefinition definition)
    {
        if (definition.ReferencedTable == definition.ReferencingTable)
        {
            if (target != definition.ReferencedTable || queried != target)
            {
                throw WrongTables(relationship, definition, target, queried);
            }

            return relationship.PrimaryEntityRole switch
            {
                EntityRole.Referenced => true,
                EntityRole.Referencing => false,
                _ => throw DataverseFault.NotImplemented(
                    $"Retrieve with a RelatedEntitiesQuery through the self-referencing relationship '{definition.SchemaName}' without Relationship.PrimaryEntityRole"),
            };
        }

        if (target == definition.ReferencedTable && queried == definition.ReferencingTable)
        {
            return true;
        }

        return target == definition.ReferencingTable && queried == definition.ReferencedTable
            ? false
            : throw WrongTables(relationship, definition, target, queried);
    }

    /// <summary>The queried table is one side of the relationship (checked first), so it is in the metadata.</summary>
    private static string PrimaryIdOf(MetadataCatalog metadata, string queried) => metadata.FindTable(queried)!.PrimaryIdAttribute;

    private static Exception WrongTables(Relationship relationship, RelationshipDefinition definition, string target, string queried) =>
        DataverseFault.InvalidArgument(
            $"The relationship '{relationship.SchemaName}' links {definition.ReferencedTable} to {definition.ReferencingTable}; it does not relate a {target} to the {queried} rows of the query.");
}
