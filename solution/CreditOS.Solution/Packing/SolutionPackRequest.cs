namespace CreditOS.Solution.Packing;

/// <summary>What to pack and where.</summary>
public sealed record SolutionPackRequest
{
    /// <summary>The solution folder (holding src/ and standard-tables/); null packs the solution embedded in this assembly.</summary>
    public string? SolutionDirectory { get; init; }

    /// <summary>Built net462 plugin assemblies (strong-named).</summary>
    public IReadOnlyList<string> PluginAssemblies { get; init; } = [];

    /// <summary>Built net462 custom workflow activity assemblies (self-contained, strong-named).</summary>
    public IReadOnlyList<string> WorkflowAssemblies { get; init; } = [];

    /// <summary>Folders with the assemblies the plugin assemblies reference; defaults to the .NET Framework 4.6.2 reference assemblies.</summary>
    public IReadOnlyList<string>? ReferenceDirectories { get; init; }

    public required string OutputPath { get; init; }
}

/// <summary>The packed zip: its path, its entries and how many steps were generated.</summary>
/// <param name="Warnings">What does not stop the pack but would stop an import into a real environment.</param>
public sealed record SolutionPackResult(string OutputPath, IReadOnlyList<string> Entries, int StepCount, int CustomApiCount, IReadOnlyList<string> Warnings);
