using System.Reflection;

namespace CreditOS.Solution.Files;

/// <summary>
/// The solution folder as compiled into CreditOS.Solution: every file of <c>solution/src</c> and
/// <c>solution/standard-tables</c> is an embedded resource whose name is its path under <c>solution/</c>.
/// </summary>
public sealed class EmbeddedSolutionFileSource : ISolutionFileSource
{
    internal const string ResourcePrefix = "solution/";

    private readonly Assembly _assembly;
    private readonly string[] _paths;

    public EmbeddedSolutionFileSource()
        : this(typeof(EmbeddedSolutionFileSource).Assembly)
    {
    }

    internal EmbeddedSolutionFileSource(Assembly assembly)
    {
        _assembly = assembly;
        _paths = [.. assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(name => name[ResourcePrefix.Length..].Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];
    }

    public IReadOnlyList<string> List(string folder)
    {
        var prefix = folder.TrimEnd('/') + "/";
        return [.. _paths.Where(path => path.StartsWith(prefix, StringComparison.Ordinal))];
    }

    public bool Exists(string path) => Array.BinarySearch(_paths, path, StringComparer.Ordinal) >= 0;

    public Stream Open(string path) =>
        _assembly.GetManifestResourceStream(ResourceName(path))
        ?? _assembly.GetManifestResourceStream(ResourceName(path).Replace('/', '\\'))
        ?? throw new FileNotFoundException($"The solution file '{path}' is not embedded in {_assembly.GetName().Name}.", path);

    public string Describe(string path) => $"{_assembly.GetName().Name}!{ResourceName(path)}";

    private static string ResourceName(string path) => ResourcePrefix + path;
}
