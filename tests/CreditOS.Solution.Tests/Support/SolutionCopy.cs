using CreditOS.Solution.Files;

namespace CreditOS.Solution.Tests.Support;

/// <summary>A throw-away copy of the repository's solution folder that a test may break on purpose.</summary>
internal sealed class SolutionCopy : IDisposable
{
    public SolutionCopy()
    {
        Root = Path.Combine(Path.GetTempPath(), "creditos-solution-" + Guid.NewGuid().ToString("N"));
        foreach (var folder in new[] { "src", "standard-tables", "data" })
        {
            Copy(Path.Combine(TestPaths.SolutionDirectory, folder), Path.Combine(Root, folder));
        }
    }

    public string Root { get; }

    public ISolutionFileSource Files => new DirectorySolutionFileSource(Root);

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>The single file under <paramref name="folder"/> whose name matches, for files named by id.</summary>
    public string Find(string folder, string pattern) => Directory.GetFiles(PathOf(folder), pattern).Single();

    public void Replace(string file, string oldText, string newText)
    {
        var text = File.ReadAllText(file);
        if (!text.Contains(oldText, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"'{oldText}' is not in {file}; the test's edit would do nothing.");
        }

        File.WriteAllText(file, text.Replace(oldText, newText, StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static void Copy(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
