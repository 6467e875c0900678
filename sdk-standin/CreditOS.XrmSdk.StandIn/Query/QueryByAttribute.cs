namespace Microsoft.Xrm.Sdk.Query;

/// <summary>A query of rows whose named columns equal the given values (all of them).</summary>
public sealed class QueryByAttribute : QueryBase
{
    public QueryByAttribute()
    {
        Attributes = new DataCollection<string>();
        Values = new DataCollection<object>();
        Orders = new DataCollection<OrderExpression>();
    }

    public QueryByAttribute(string entityName)
        : this()
    {
        EntityName = entityName;
    }

    public DataCollection<string> Attributes { get; }

    public ColumnSet ColumnSet { get; set; }

    public string EntityName { get; set; }

    public DataCollection<OrderExpression> Orders { get; }

    public PagingInfo PageInfo { get; set; }

    public int? TopCount { get; set; }

    public DataCollection<object> Values { get; }

    public void AddAttributeValue(string attributeName, object value)
    {
        Attributes.Add(attributeName);
        Values.Add(value);
    }

    public void AddOrder(string attributeName, OrderType orderType) => Orders.Add(new OrderExpression(attributeName, orderType));
}
