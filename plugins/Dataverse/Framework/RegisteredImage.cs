using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Framework;

/// <summary>
/// A step image read only through the columns its registration lists. Dataverse fills an image with the registered
/// columns alone, so a read of any other column would silently see "empty"; here it fails loudly instead, which keeps
/// the registration and the code that reads the image in step (the tests run every path through the pipeline).
/// </summary>
public sealed class RegisteredImage
{
    private readonly Entity? row;
    private readonly HashSet<string> columns;

    /// <param name="row">The image; null when the operation has none (a Create has no pre-image).</param>
    /// <param name="registeredColumns">The comma-separated columns of the image registration.</param>
    public RegisteredImage(Entity? row, string registeredColumns)
    {
        this.row = row;
        columns = new HashSet<string>(registeredColumns.Split(','), StringComparer.Ordinal);
    }

    public bool Exists => row is not null;

    public IReadOnlyCollection<string> Columns => columns;

    public T? Get<T>(string column)
    {
        if (!columns.Contains(column))
        {
            throw new InvalidPluginExecutionException(
                "The plugin reads '" + column + "' from an image that registers only " + string.Join(", ", columns) + "; add the column to the image registration.");
        }

        return row is null ? default : row.GetAttributeValue<T>(column);
    }

    public bool Contains(string column) => row is not null && columns.Contains(column) && row.Contains(column);

    /// <summary>The column from the target when the operation sets it, else from the image (the row as it was).</summary>
    public T? Current<T>(Entity target, string column) => target.Contains(column) ? target.GetAttributeValue<T>(column) : Get<T>(column);
}
