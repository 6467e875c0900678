using CreditOS.LocalDataverse.Faults;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// The negation of a $filter term for OData's <c>not</c> (session 16): and/or swapped, each condition's operator replaced by its
/// complement. Every pair below is exact under SQL's three-valued logic, which Dataverse's conditions follow (a null column satisfies
/// neither eq nor ne, neither like nor not-like, neither in nor not-in). Operators whose complement is no single condition operator
/// (LastXDays, Above, OnOrAfter…) are refused as not implemented.
/// </summary>
internal static class Negation
{
    private static readonly Dictionary<ConditionOperator, ConditionOperator> Complements = Pairs(
        (ConditionOperator.Equal, ConditionOperator.NotEqual),
        (ConditionOperator.GreaterThan, ConditionOperator.LessEqual),
        (ConditionOperator.GreaterEqual, ConditionOperator.LessThan),
        (ConditionOperator.Null, ConditionOperator.NotNull),
        (ConditionOperator.Like, ConditionOperator.NotLike),
        (ConditionOperator.In, ConditionOperator.NotIn),
        (ConditionOperator.Between, ConditionOperator.NotBetween),
        (ConditionOperator.BeginsWith, ConditionOperator.DoesNotBeginWith),
        (ConditionOperator.EndsWith, ConditionOperator.DoesNotEndWith),
        (ConditionOperator.On, ConditionOperator.NotOn),
        (ConditionOperator.EqualUserId, ConditionOperator.NotEqualUserId),
        (ConditionOperator.EqualBusinessId, ConditionOperator.NotEqualBusinessId),
        (ConditionOperator.Under, ConditionOperator.NotUnder));

    public static FilterExpression Of(FilterExpression filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var negated = new FilterExpression(filter.FilterOperator == LogicalOperator.And ? LogicalOperator.Or : LogicalOperator.And);
        foreach (var condition in filter.Conditions)
        {
            negated.AddCondition(Of(condition));
        }

        foreach (var child in filter.Filters)
        {
            negated.AddFilter(Of(child));
        }

        return negated;
    }

    private static ConditionExpression Of(ConditionExpression condition)
    {
        if (!Complements.TryGetValue(condition.Operator, out var complement))
        {
            throw DataverseFault.NotImplemented(
                $"'not' before the condition {condition.Operator} on '{condition.AttributeName}' in $filter (it has no complementary condition operator); write the opposite condition instead");
        }

        return new ConditionExpression(condition.EntityName, condition.AttributeName, complement, condition.CompareColumns, condition.Values.ToArray());
    }

    private static Dictionary<ConditionOperator, ConditionOperator> Pairs(params (ConditionOperator A, ConditionOperator B)[] pairs)
    {
        var map = new Dictionary<ConditionOperator, ConditionOperator>();
        foreach (var (a, b) in pairs)
        {
            map[a] = b;
            map[b] = a;
        }

        return map;
    }
}
