using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// FetchXML aggregates over the filtered rows: groups by the group-by outputs and computes each aggregate, returning
/// AliasedValues typed as Dataverse types them (count → int; sum, avg, min, max → the column's type, Money staying Money;
/// avg of a whole-number column truncates, as SQL Server's AVG does). Null values are ignored; a sum over none is zero.
/// </summary>
internal static class Aggregator
{
    public static List<Entity> Aggregate(QueryPlan plan, List<Entity?[]> rows, Projector projector)
    {
        var aggregate = plan.Aggregate!;
        if (rows.Count > aggregate.RecordLimit)
        {
            throw QueryFaults.AggregateRecordLimitExceeded();
        }

        var groupBy = aggregate.Outputs.Where(output => output.IsGroupBy).ToList();
        var groups = rows.GroupBy(row => groupBy.Select(output => CanonicalValue.HashKey(GroupValue(output, row))).ToArray(), KeyComparer.Instance).ToList();
        if (groups.Count == 0 && groupBy.Count == 0)
        {
            groups.Add(new EmptyGroup());
        }

        var results = groups.Select(group => Result(plan, aggregate, group.ToList(), projector)).ToList();
        var orders = aggregate.Orders.Count > 0
            ? aggregate.Orders
            : groupBy.Select(output => (output.Alias, Descending: false)).ToList();
        return results.Order(new ResultComparer(orders)).ToList();
    }

    private static Entity Result(QueryPlan plan, AggregatePlan aggregate, List<Entity?[]> group, Projector projector)
    {
        var result = new Entity(plan.Scopes.Root.Table.LogicalName);
        foreach (var output in aggregate.Outputs)
        {
            var value = output.IsGroupBy
                ? (output.DateGrouping is null ? projector.Output(output.Column.ReadStored(group[0])) : GroupValue(output, group[0]))
                : Compute(output, group);
            if (value is not null)
            {
                result[output.Alias] = new AliasedValue(output.Column.Scope.Table.LogicalName, output.Column.Name, value);
            }
        }

        return result;
    }

    private static object? GroupValue(AggregateOutput output, Entity?[] row)
    {
        var stored = output.Column.ReadStored(row);
        if (output.DateGrouping is not { } grouping)
        {
            return CanonicalValue.FromStored(stored, output.Column.Kind);
        }

        return stored is DateTime moment ? DatePart(grouping, CanonicalValue.AsUtc(moment)) : null;
    }

    /// <summary>Date parts as SQL Server's DATEPART computes them; week 1 is the week of 1 January, weeks starting on Sunday.</summary>
    private static int DatePart(DateGrouping grouping, DateTime moment) => grouping switch
    {
        DateGrouping.Day => moment.Day,
        DateGrouping.Week => ((moment.DayOfYear - 1 + (int)new DateTime(moment.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc).DayOfWeek) / 7) + 1,
        DateGrouping.Month => moment.Month,
        DateGrouping.Quarter => ((moment.Month - 1) / 3) + 1,
        _ => moment.Year,
    };

    private static object? Compute(AggregateOutput output, List<Entity?[]> group)
    {
        var stored = group.Select(output.Column.ReadStored).Where(value => value is not null).Cast<object>().ToList();
        return output.Function switch
        {
            AggregateFunction.Count => group.Count,
            AggregateFunction.CountColumn => output.Distinct
                ? stored.Select(value => CanonicalValue.HashKey(CanonicalValue.FromStored(value, output.Column.Kind))).Distinct().Count()
                : stored.Count,
            AggregateFunction.Sum => Sum(output.Column.Column, stored),
            AggregateFunction.Avg => stored.Count == 0 ? null : Average(output.Column.Column, stored),
            AggregateFunction.Min => Extreme(output, stored, pickLarger: false),
            _ => Extreme(output, stored, pickLarger: true),
        };
    }

    private static object Sum(ColumnDefinition column, List<object> values)
    {
        if (column.Type == ColumnType.Double)
        {
            return values.Sum(value => (double)value);
        }

        return Typed(column, values.Sum(value => (decimal)CanonicalValue.FromStored(value, ValueKind.Number)!));
    }

    private static object Average(ColumnDefinition column, List<object> values)
    {
        if (column.Type == ColumnType.Double)
        {
            return values.Average(value => (double)value);
        }

        var total = values.Sum(value => (decimal)CanonicalValue.FromStored(value, ValueKind.Number)!);
        var average = total / values.Count;
        return Typed(column, column.Type is ColumnType.Integer or ColumnType.BigInt ? decimal.Truncate(average) : average);
    }

    private static object? Extreme(AggregateOutput output, List<object> values, bool pickLarger)
    {
        object? best = null;
        object? bestKey = null;
        foreach (var value in values)
        {
            var key = CanonicalValue.FromStored(value, output.Column.Kind);
            var comparison = CanonicalValue.Compare(key, bestKey);
            if (best is null || (pickLarger ? comparison > 0 : comparison < 0))
            {
                best = value;
                bestKey = key;
            }
        }

        return ValueCopier.Copy(best);
    }

    private static object Typed(ColumnDefinition column, decimal value)
    {
        try
        {
            return column.Type switch
            {
                ColumnType.Integer => (object)decimal.ToInt32(value),
                ColumnType.BigInt => decimal.ToInt64(value),
                ColumnType.Money => new Money(value),
                _ => value,
            };
        }
        catch (OverflowException)
        {
            throw QueryFaults.InvalidArgument($"The aggregate of '{column.LogicalName}' ({value}) overflows the column's type {column.Type}.");
        }
    }

    /// <summary>The single result row of an aggregate without group-by over no rows (count 0, sum 0).</summary>
    private sealed class EmptyGroup : List<Entity?[]>, IGrouping<object?[], Entity?[]>
    {
        public object?[] Key => [];
    }

    private sealed class KeyComparer : IEqualityComparer<object?[]>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals(object?[]? x, object?[]? y) => x is not null && y is not null && x.SequenceEqual(y);

        public int GetHashCode(object?[] obj)
        {
            var hash = new HashCode();
            foreach (var part in obj)
            {
                hash.Add(part);
            }

            return hash.ToHashCode();
        }
    }

    private sealed class ResultComparer(IReadOnlyList<(string Alias, bool Descending)> orders) : IComparer<Entity>
    {
        public int Compare(Entity? x, Entity? y)
        {
            foreach (var (alias, descending) in orders)
            {
                var comparison = CanonicalValue.Compare(Sortable(x, alias), Sortable(y, alias));
                if (comparison != 0)
                {
                    return descending ? -comparison : comparison;
                }
            }

            return 0;
        }

        private static object? Sortable(Entity? entity, string alias) =>
            entity is not null && entity.Attributes.TryGetValue(alias, out var value) && value is AliasedValue aliased
                ? aliased.Value switch
                {
                    Money money => money.Value,
                    OptionSetValue option => (decimal)option.Value,
                    EntityReference reference => reference.Name ?? reference.Id.ToString(),
                    int number => (decimal)number,
                    long number => (decimal)number,
                    var other => other,
                }
                : null;
    }
}
