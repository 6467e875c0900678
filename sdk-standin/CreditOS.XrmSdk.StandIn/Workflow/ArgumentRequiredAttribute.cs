namespace Microsoft.Xrm.Sdk.Workflow;

/// <summary>Whether the process designer requires a value for the argument.</summary>
[AttributeUsage(AttributeTargets.All)]
public sealed class ArgumentRequiredAttribute : Attribute
{
    public ArgumentRequiredAttribute()
    {
    }

    public ArgumentRequiredAttribute(bool value)
    {
        Value = value;
    }

    public object ArgumentValue => Value;

    public bool Value { get; set; }
}
