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

            collection[image.Alias] = image.Columns.Count == 0 || image.Columns.Count >= row.Attributes.Count
                ? ValueCopier.Project(row, primaryIdColumn, image.Columns.Count == 0 ? null : ColumnSets.GetValue(image, registration => registration.Columns.ToHashSet(StringComparer.Ordinal)))
                : Listed(row, primaryIdColumn, image.Columns);
        }

        return collection;
    }

    /// <summary>
    /// An image of a few registered columns of a wide row (session 30): each registered column looked up in the row, instead of
    /// every column of the row tested against the registration (a receivable's image of 3 columns walked its 60-odd). Same values
    /// and the same columns as <see cref="ValueCopier.Project"/>: the id, and each registered column the row holds a value for.
    /// </summary>
    private static Entity Listed(Entity row, string primaryIdColumn, IReadOnlyList<string> columns)
    {
        var copy = new Entity(row.LogicalName, row.Id);
        copy.Attributes.EnsureCapacity(columns.Count + 1);
        if (row.Attributes.TryGetValue(primaryIdColumn, out var id))
        {
            copy.Attributes[primaryIdColumn] = ValueCopier.Copy(id);
        }

        for (var index = 0; index < columns.Count; index++)
        {
            var column = columns[index];
            if (row.Attributes.TryGetValue(column, out var value) && !copy.Attributes.ContainsKey(column))
            {
                copy.Attributes[column] = ValueCopier.Copy(value);
            }
        }

        copy.RowVersion = row.RowVersion;
        return copy;
    }
}
