namespace CreditOS.Dataverse.Framework.Registration;

/// <summary>A request parameter of the Custom API declared on the same class.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class CustomApiRequestParameterAttribute : Attribute
{
    public CustomApiRequestParameterAttribute(string uniqueName, CustomApiFieldType type)
    {
        UniqueName = uniqueName;
        Type = type;
    }

    public string UniqueName { get; }

    public CustomApiFieldType Type { get; }

    public bool IsOptional { get; set; }

    /// <summary>For Entity and EntityReference parameters: the table they must be.</summary>
    public string? EntityLogicalName { get; set; }
}
