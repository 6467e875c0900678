namespace CreditOS.Solution.Tests;

/// <summary>Paths of the repository's solution folder, found from the test assembly's location.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string SolutionDirectory => Path.Combine(RepositoryRoot, "solution");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CreditOS.Crm.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with CreditOS.Crm.sln) was not found above " + AppContext.BaseDirectory);
    }
}
