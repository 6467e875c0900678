namespace CreditOS.Solution.Tests.Support;

/// <summary>The net462 fixture plugin assembly built beside this test project (same configuration).</summary>
internal static class FixtureAssembly
{
    public static string Path { get; } = Locate();

    private static string Locate()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar)).Parent!.Name;
        var path = System.IO.Path.Combine(TestPaths.RepositoryRoot, "tests", "CreditOS.Solution.Tests", "Fixtures", "bin", configuration, "net462", "CreditOS.Solution.Fixtures.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("The fixture plugin assembly was not built.", path);
    }
}
