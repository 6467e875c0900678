using CreditOS.Solution.Metadata;

namespace CreditOS.LocalDataverse;

/// <summary>The solution's own metadata, the default for a LocalDataverse.</summary>
internal static class DefaultMetadata
{
    public static MetadataCatalog Load() =>
        throw new InvalidOperationException("The solution metadata loader has not landed yet: pass LocalDataverseOptions.Metadata.");
}
