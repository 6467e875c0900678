namespace CreditOS.Solution.Packing.Registrations;

/// <summary>A plugin step as declared by a PluginStepAttribute on its class (values as Dataverse numbers them).</summary>
public sealed record StepRegistration
{
    public required string PluginTypeName { get; init; }
    public required string Message { get; init; }
    public required string PrimaryEntity { get; init; }
    public required int Stage { get; init; }
    public required string StepId { get; init; }
    /// <summary>0 synchronous, 1 asynchronous.</summary>
    public int Mode { get; init; }
    public int Rank { get; init; } = 1;
    public IReadOnlyList<string> FilteringAttributes { get; init; } = [];
    public string? UnsecureConfiguration { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<ImageRegistration> Images { get; init; } = [];
}

/// <summary>An entity image of a step (PluginImageAttribute). Type: 0 pre, 1 post, 2 both.</summary>
public sealed record ImageRegistration(string StepId, int Type, string Alias, IReadOnlyList<string> Attributes);
