using CreditOS.LocalDataverse.Values;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Pipeline;

/// <summary>Builds a step's images: copies of the row with only the registered columns (all when none are listed).</summary>
internal static class ImageBuilder
{
    public static EntityImageCollection PreImages(PluginStepRegistration step, Entity? before, string primaryIdColumn) =>
        Build(step.PreImages, before, primaryIdColumn);

    /// <summary>Post-images exist only in stage 40.</summary>
    public static EntityImageCollection PostImages(PluginStepRegistration step, Entity? after, string primaryIdColumn) =>
        step.Stage == PipelineStageNumber.PostOperation ? Build(step.PostImages, after, primaryIdColumn) : new EntityImageCollection();

    private static EntityImageCollection Build(IEnumerable<PluginImageRegistration> images, Entity? row, string primaryIdColumn)
    {
        var collection = new EntityImageCollection();
        if (row is null)
        {
            return collection;
        }

        foreach (var image in images)
        {
            collection[image.Alias] = ValueCopier.Project(row, primaryIdColumn, image.Columns.Count == 0 ? null : image.Columns.ToHashSet(StringComparer.Ordinal));
        }

        return collection;
    }
}
