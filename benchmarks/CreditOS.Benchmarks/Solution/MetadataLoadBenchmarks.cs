using BenchmarkDotNet.Attributes;
using CreditOS.Solution.Files;
using CreditOS.Solution.Metadata;

namespace CreditOS.Benchmarks.Solution;

/// <summary>
/// How long reading the solution's metadata takes: once per process from the embedded XML, then cached.
/// Tests create many local Dataverse instances, so the cached path is the one that matters.
/// </summary>
[MemoryDiagnoser]
public class MetadataLoadBenchmarks
{
    private readonly EmbeddedSolutionFileSource _files = new();

    [Benchmark(Description = "Parse the embedded solution (first load)")]
    public MetadataCatalog ParseEmbedded() => SolutionMetadataLoader.Load(_files);

    [Benchmark(Description = "LoadEmbedded (cached)")]
    public MetadataCatalog LoadEmbeddedCached() => SolutionMetadataLoader.LoadEmbedded();
}
