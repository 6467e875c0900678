namespace CreditOS.Dataverse.Framework.Registration;

/// <summary>A response property of the Custom API declared on the same class.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class CustomApiResponsePropertyAttribute : Attribute
{
    public CustomApiResponsePropertyAttribute(string uniqueName, CustomApiFieldType type)
    {
        UniqueName = uniqueName;
        Type = type;
    }

    public string UniqueName { get; }

    public CustomApiFieldType Type { get; }

    /// <summary>For Entity and EntityReference properties: the table they are.</summary>
    public string? EntityLogicalName { get; set; }
}
