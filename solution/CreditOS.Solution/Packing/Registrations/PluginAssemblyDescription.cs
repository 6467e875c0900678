namespace CreditOS.Solution.Packing.Registrations;

/// <summary>What the packer learned from one built plugin or workflow assembly.</summary>
public sealed record PluginAssemblyDescription
{
    public required string Name { get; init; }
    /// <summary>Name, Version, Culture and PublicKeyToken, as Dataverse identifies the assembly.</summary>
    public required string FullName { get; init; }
    public required string FilePath { get; init; }
    public bool IsStrongNamed { get; init; }
    /// <summary>Names of the assemblies it references.</summary>
    public IReadOnlyList<string> References { get; init; } = [];
    public IReadOnlyList<string> PluginTypes { get; init; } = [];
    public IReadOnlyList<string> WorkflowActivityTypes { get; init; } = [];
    public IReadOnlyList<StepRegistration> Steps { get; init; } = [];
    public IReadOnlyList<CustomApiRegistration> CustomApis { get; init; } = [];

    /// <summary>Images whose step id matches no step of the same class (reported by validation).</summary>
    public IReadOnlyList<(string PluginTypeName, ImageRegistration Image)> OrphanImages { get; init; } = [];
}
