namespace CreditOS.Dataverse.Framework.Registration;

/// <summary>Declares the class as the main-operation plugin (stage 30) of a Custom API.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CustomApiAttribute : Attribute
{
    public CustomApiAttribute(string uniqueName)
    {
        UniqueName = uniqueName;
    }

    /// <summary>The message name callers use, with the publisher prefix (cos_...).</summary>
    public string UniqueName { get; }

    /// <summary>Logical name of the table the API is bound to; null for a global API.</summary>
    public string? BoundEntity { get; set; }

    /// <summary>True for a function (GET, no side effects), false for an action.</summary>
    public bool IsFunction { get; set; }

    public string? Description { get; set; }
}
