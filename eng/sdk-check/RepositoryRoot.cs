namespace CreditOS.SdkCheck;

internal static class RepositoryRoot
{
    private const string SolutionFile = "CreditOS.Crm.sln";

    public static string Find()
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile))) return folder.FullName;
        }

        throw new InvalidOperationException($"Run from inside the repository: no {SolutionFile} above {Directory.GetCurrentDirectory()}.");
    }
}
