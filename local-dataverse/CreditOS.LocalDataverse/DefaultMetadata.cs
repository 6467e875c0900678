using CreditOS.Solution.Metadata;

namespace CreditOS.LocalDataverse;

/// <summary>The solution's own metadata (compiled into CreditOS.Solution), the default for a LocalDataverse.</summary>
internal static class DefaultMetadata
{
    public static MetadataCatalog Load() => SolutionMetadataLoader.LoadEmbedded();
}
