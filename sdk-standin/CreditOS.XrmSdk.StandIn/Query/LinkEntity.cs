namespace Microsoft.Xrm.Sdk.Query;

/// <summary>A join from one table to another, with its own columns, criteria and nested links.</summary>
public sealed class LinkEntity
{
    public LinkEntity()
    {
        Columns = new ColumnSet();
        LinkCriteria = new FilterExpression();
        LinkEntities = new DataCollection<LinkEntity>();
        Orders = new DataCollection<OrderExpression>();
    }

    public LinkEntity(string linkFromEntityName, string linkToEntityName, string linkFromAttributeName, string linkToAttributeName, JoinOperator joinOperator)
        : this()
    {
        LinkFromEntityName = linkFromEntityName;
        LinkToEntityName = linkToEntityName;
        LinkFromAttributeName = linkFromAttributeName;
        LinkToAttributeName = linkToAttributeName;
        JoinOperator = joinOperator;
    }

    public ColumnSet Columns { get; set; }

    public string EntityAlias { get; set; }

    public JoinOperator JoinOperator { get; set; }

    public FilterExpression LinkCriteria { get; set; }

    public DataCollection<LinkEntity> LinkEntities { get; }

    public string LinkFromAttributeName { get; set; }

    public string LinkFromEntityName { get; set; }

    public string LinkToAttributeName { get; set; }

    public string LinkToEntityName { get; set; }

    public DataCollection<OrderExpression> Orders { get; }

    public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName) =>
        AddLink(linkToEntityName, linkFromAttributeName, linkToAttributeName, JoinOperator.Inner);

    public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName, JoinOperator joinOperator)
    {
        // The official SDK gives the nested link this link's LinkFromEntityName (not its LinkToEntityName);
        // the query engine must resolve LinkFromAttributeName against the parent link's table regardless.
        var link = new LinkEntity(LinkFromEntityName, linkToEntityName, linkFromAttributeName, linkToAttributeName, joinOperator);
        LinkEntities.Add(link);
        return link;
    }
}
