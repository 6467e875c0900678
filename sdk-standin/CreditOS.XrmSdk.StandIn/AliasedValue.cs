namespace Microsoft.Xrm.Sdk;

/// <summary>A column value that came from a linked table or an aggregate, with where it came from.</summary>
public sealed class AliasedValue
{
    public AliasedValue()
    {
    }

    public AliasedValue(string entityLogicalName, string attributeLogicalName, object value)
    {
        EntityLogicalName = entityLogicalName;
        AttributeLogicalName = attributeLogicalName;
        Value = value;
    }

    public string AttributeLogicalName { get; private set; }

    public string EntityLogicalName { get; private set; }

    public object Value { get; private set; }
}
