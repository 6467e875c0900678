using System.Runtime.CompilerServices;
using CreditOS.LocalDataverse.Values;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Pipeline;

/// <summary>
/// Builds a step's images: copies of the row with only the registered columns (all when none are listed). A step with no
/// image of the kind gets none built (null): its context makes the empty collection when a plug-in first reads it
/// (session 29: two empty collections per step execution).
/// </summary>
internal static class ImageBuilder
{
    // A registration's columns as a set, built once per registration instead of once per step execution.
    private static readonly ConditionalWeakTable<PluginImageRegistration, HashSet<string>> ColumnSets = new();

    public static EntityImageCollection? PreImages(PluginStepRegistration step, Entity? before, string primaryIdColumn) =>
        Build(step.Images, isPreImage: true, before, primaryIdColumn);

    /// <summary>Post-images exist only in stage 40.</summary>
    public static EntityImageCollection? PostImages(PluginStepRegistration step, Entity? after, string primaryIdColumn) =>
        step.Stage == PipelineStageNumber.PostOperation ? Build(step.Images, isPreImage: false, after, primaryIdColumn) : null;

    private static EntityImageCollection? Build(IReadOnlyList<PluginImageRegistration> images, bool isPreImage, Entity? row, string primaryIdColumn)
    {
        if (row is null)
        {
            return null;
        }

        EntityImageCollection? collection = null;
        for (var index = 0; index < images.Count; index++)
        {
            var image = images[index];
            if (image.IsPreImage != isPreImage)
            {
                continue;
            }

            collection ??= new EntityImageCollection();

            var columns = image.Columns.Count == 0
                ? null
                : ColumnSets.GetValue(image, registration => registration.Columns.ToHashSet(StringComparer.Ordinal));
            collection[image.Alias] = ValueCopier.Project(row, primaryIdColumn, columns);
        }

        return collection;
    }
}
