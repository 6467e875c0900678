using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// QueryExpression values outside their SDK enumerations, refused with the codes and sentences of Microsoft's "Web service error
/// codes" list (reference/web-service-error-codes), as Dataverse's query builder refuses them (round 12). Before, an unknown
/// LogicalOperator was read as And and an unknown OrderType as ascending (answers that only looked right), and an unknown join or
/// condition operator was reported as something the local Dataverse does not implement.
/// </summary>
internal static class QueryExpressionEnums
{
    /// <summary>Every filter under <paramref name="filter"/>: its logical operator and its conditions' operators.</summary>
    public static void CheckFilter(FilterExpression? filter)
    {
        if (filter is null)
        {
            return;
        }

        if (!Enum.IsDefined(filter.FilterOperator))
        {
            throw QueryFaults.Create(QueryErrorCodes.QueryBuilderInvalidLogicalOperator,
                $"Unsupported logical operator: {(int)filter.FilterOperator}.  Accepted values are ('and', 'or').");
        }

        foreach (var condition in filter.Conditions)
        {
            if (!Enum.IsDefined(condition.Operator))
            {
                throw QueryFaults.Create(QueryErrorCodes.QueryBuilderInvalidConditionOperator,
                    $"Unsupported condition operator. ({(int)condition.Operator} on '{condition.AttributeName}')");
            }
        }

        foreach (var child in filter.Filters)
        {
            CheckFilter(child);
        }
    }

    public static void CheckOrder(OrderExpression order)
    {
        if (!Enum.IsDefined(order.OrderType))
        {
            throw QueryFaults.Create(QueryErrorCodes.QueryBuilderInvalidOrderType,
                $"A valid order type must be set in the order before calling this method. ({(int)order.OrderType} on '{order.AttributeName ?? order.Alias}')");
        }
    }

    public static void CheckJoin(JoinOperator join)
    {
        if (!Enum.IsDefined(join))
        {
            throw QueryFaults.Create(QueryErrorCodes.QueryBuilderInvalidJoinOperator, $"Unsupported join operator. ({(int)join})");
        }
    }
}
