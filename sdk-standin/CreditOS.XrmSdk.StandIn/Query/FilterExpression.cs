namespace Microsoft.Xrm.Sdk.Query;

/// <summary>Conditions and nested filters joined by And or Or.</summary>
public sealed class FilterExpression
{
    public FilterExpression()
        : this(LogicalOperator.And)
    {
    }

    public FilterExpression(LogicalOperator filterOperator)
    {
        FilterOperator = filterOperator;
        Conditions = new DataCollection<ConditionExpression>();
        Filters = new DataCollection<FilterExpression>();
    }

    public DataCollection<ConditionExpression> Conditions { get; }

    public string FilterHint { get; set; }

    public LogicalOperator FilterOperator { get; set; }

    public DataCollection<FilterExpression> Filters { get; }

    public bool IsQuickFindFilter { get; set; }

    public void AddCondition(ConditionExpression condition) => Conditions.Add(condition);

    public void AddCondition(string attributeName, ConditionOperator conditionOperator, params object[] values) =>
        Conditions.Add(new ConditionExpression(attributeName, conditionOperator, values));

    public void AddCondition(string entityName, string attributeName, ConditionOperator conditionOperator, params object[] values) =>
        Conditions.Add(new ConditionExpression(entityName, attributeName, conditionOperator, values));

    public void AddCondition(string attributeName, ConditionOperator conditionOperator, bool compareColumns, object value) =>
        Conditions.Add(new ConditionExpression(attributeName, conditionOperator, compareColumns, value));

    public void AddCondition(string attributeName, ConditionOperator conditionOperator, bool compareColumns, object[] values) =>
        Conditions.Add(new ConditionExpression(attributeName, conditionOperator, compareColumns, values));

    public void AddCondition(string entityName, string attributeName, ConditionOperator conditionOperator, bool compareColumns, object value) =>
        Conditions.Add(new ConditionExpression(entityName, attributeName, conditionOperator, compareColumns, value));

    public void AddCondition(string entityName, string attributeName, ConditionOperator conditionOperator, bool compareColumns, object[] values) =>
        Conditions.Add(new ConditionExpression(entityName, attributeName, conditionOperator, compareColumns, values));

    public void AddFilter(FilterExpression childFilter)
    {
        if (childFilter is not null)
        {
            Filters.Add(childFilter);
        }
    }

    public FilterExpression AddFilter(LogicalOperator logicalOperator)
    {
        var child = new FilterExpression(logicalOperator);
        Filters.Add(child);
        return child;
    }
}
