namespace CreditOS.Solution.Files;

/// <summary>The solution folder on disk.</summary>
public sealed class DirectorySolutionFileSource : ISolutionFileSource
{
    private readonly string _root;

    public DirectorySolutionFileSource(string solutionDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(solutionDirectory);
        _root = Path.GetFullPath(solutionDirectory);
        if (!Directory.Exists(_root))
        {
            throw new DirectoryNotFoundException($"The solution folder '{_root}' does not exist.");
        }
    }

    public IReadOnlyList<string> List(string folder)
    {
        var directory = Path.Combine(_root, folder);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(_root, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];
    }

    public bool Exists(string path) => File.Exists(Path.Combine(_root, path));

    public Stream Open(string path) => File.OpenRead(Path.Combine(_root, path));

    public string Describe(string path) => Path.Combine(_root, path);
}
