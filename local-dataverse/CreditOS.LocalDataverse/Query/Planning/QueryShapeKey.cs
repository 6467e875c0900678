using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// A query's shape as text, without its values: the table, the columns (aliases, aggregates, groupings), the links (tables,
/// join columns, kinds, aliases, their columns, orders, criteria and nested links), the condition tree (filter operators,
/// each condition's table, column, operator, column comparison and value count; a column comparison's other column is shape),
/// the orders, the filter links and the query's switches (top, page size, count, distinct, aggregate, aggregate limit, raw
/// order). Condition values, the page number and the paging cookie are left out: they are bound per call.
/// Every name is written with its length first, so no two shapes write the same text. Written into a per-thread buffer, so
/// a query whose shape is already cached allocates nothing to find it.
/// </summary>
internal ref struct QueryShapeKey
{
    [ThreadStatic]
    private static char[]? t_buffer;

    private char[] _buffer;
    private int _length;

    private QueryShapeKey(char[] buffer)
    {
        _buffer = buffer;
        _length = 0;
    }

    /// <summary>The shape's text, valid until the thread writes the next key.</summary>
    public readonly ReadOnlySpan<char> Text => _buffer.AsSpan(0, _length);

    public static QueryShapeKey Of(QuerySpec spec)
    {
        var key = new QueryShapeKey(t_buffer ??= new char[512]);
        key.Spec(spec);
        t_buffer = key._buffer;
        return key;
    }

    private void Spec(QuerySpec spec)
    {
        Name(spec.EntityName);
        Columns(spec.Columns);
        Filter(spec.Criteria);
        Mark('L');
        Number(spec.Links.Count);
        foreach (var link in spec.Links)
        {
            Link(link);
        }

        Mark('F');
        Number(spec.FilterLinks.Count);
        foreach (var filterLink in spec.FilterLinks)
        {
            Number((int)filterLink.Kind);
            Link(filterLink.Link);
        }

        Orders(spec.Orders);
        Number(spec.Top ?? -1);
        Number(spec.PageSize);
        Number(spec.AggregateLimit ?? -1);
        Mark(spec.ReturnTotalRecordCount ? 'T' : 't');
        Mark(spec.Distinct ? 'D' : 'd');
        Mark(spec.IsAggregate ? 'A' : 'a');
        Mark(spec.UseRawOrderBy ? 'R' : 'r');
    }

    private void Link(LinkSpec link)
    {
        Mark('(');
        Name(link.EntityName);
        Name(link.FromAttribute);
        Name(link.ToAttribute);
        Name(link.Alias);
        Number((int)link.Kind);
        Columns(link.Columns);
        Filter(link.Criteria);
        Orders(link.Orders);
        Number(link.Links.Count);
        foreach (var nested in link.Links)
        {
            Link(nested);
        }

        Mark(')');
    }

    private void Columns(ColumnSelection columns)
    {
        Mark(columns.AllColumns ? 'C' : 'c');
        Number(columns.Columns.Count);
        foreach (var column in columns.Columns)
        {
            Name(column.Name);
            Name(column.Alias);
            Number(column.Aggregate is { } aggregate ? (int)aggregate : -1);
            Number(column.DateGrouping is { } grouping ? (int)grouping : -1);
            Mark(column.GroupBy ? 'G' : 'g');
            Mark(column.Distinct ? 'D' : 'd');
        }
    }

    private void Filter(FilterExpression filter)
    {
        Mark('[');
        Number((int)filter.FilterOperator);
        Number(filter.Conditions.Count);
        foreach (var condition in filter.Conditions)
        {
            Name(condition.EntityName);
            Name(condition.AttributeName);
            Number((int)condition.Operator);
            Number(condition.Values.Count);
            if (condition.CompareColumns)
            {
                // The other column's name is the condition's shape, not a value.
                Mark('V');
                foreach (var value in condition.Values)
                {
                    Name(value as string);
                }
            }
        }

        Number(filter.Filters.Count);
        foreach (var child in filter.Filters)
        {
            Filter(child);
        }

        Mark(']');
    }

    private void Orders(List<OrderSpec> orders)
    {
        Mark('O');
        Number(orders.Count);
        foreach (var order in orders)
        {
            Name(order.EntityName);
            Name(order.Attribute);
            Name(order.Alias);
            Mark(order.Descending ? 'v' : '^');
        }
    }

    private void Name(string? name)
    {
        if (name is null)
        {
            Mark('~');
            return;
        }

        Number(name.Length);
        Ensure(name.Length);
        name.AsSpan().CopyTo(_buffer.AsSpan(_length));
        _length += name.Length;
    }

    private void Number(int value)
    {
        Ensure(11);
        value.TryFormat(_buffer.AsSpan(_length), out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
        _length += written;
        Mark(':');
    }

    private void Mark(char value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
        }
    }
}
