namespace CreditOS.Solution.Files;

/// <summary>
/// The files of the solution folder (<c>src/</c> and <c>standard-tables/</c>), addressed by paths relative to
/// <c>solution/</c> with forward slashes, whether they live on disk or are embedded in this assembly.
/// </summary>
public interface ISolutionFileSource
{
    /// <summary>Paths of the files under <paramref name="folder"/> (recursively), sorted ordinally.</summary>
    IReadOnlyList<string> List(string folder);

    bool Exists(string path);

    Stream Open(string path);

    /// <summary>How to name the file in an error message (a full path on disk, the resource name when embedded).</summary>
    string Describe(string path);
}
