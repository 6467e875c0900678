namespace CreditOS.Solution.Packing.Registrations;

/// <summary>A Custom API declared by CustomApiAttribute on its main-operation plugin class.</summary>
public sealed record CustomApiRegistration
{
    public required string UniqueName { get; init; }
    public required string PluginTypeName { get; init; }
    public string? BoundEntity { get; init; }
    public bool IsFunction { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<CustomApiFieldRegistration> RequestParameters { get; init; } = [];
    public IReadOnlyList<CustomApiFieldRegistration> ResponseProperties { get; init; } = [];
}

/// <summary>A request parameter or response property; Type is Dataverse's CustomApiFieldType value.</summary>
public sealed record CustomApiFieldRegistration(string UniqueName, int Type, bool IsOptional, string? EntityLogicalName);
