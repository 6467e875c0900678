namespace Microsoft.Xrm.Sdk.Client;

/// <summary>Marks an early-bound class with the logical name of its table.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class EntityLogicalNameAttribute : Attribute
{
    public EntityLogicalNameAttribute(string logicalName)
    {
        LogicalName = logicalName;
    }

    public string LogicalName { get; }
}
