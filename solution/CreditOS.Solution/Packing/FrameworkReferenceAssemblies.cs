namespace CreditOS.Solution.Packing;

/// <summary>Finds the .NET Framework 4.6.2 reference assemblies NuGet restored, to read net462 builds.</summary>
public static class FrameworkReferenceAssemblies
{
    private const string PackageId = "microsoft.netframework.referenceassemblies.net462";
    private const string RelativeFolder = "build/.NETFramework/v4.6.2";

    /// <summary>The folders holding the reference assemblies (with their Facades), or none when the package is not in the NuGet cache.</summary>
    public static IReadOnlyList<string> Find()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var package = Path.Combine(packages, PackageId);
        if (!Directory.Exists(package))
        {
            return [];
        }

        var newest = Directory.GetDirectories(package).OrderByDescending(d => d, StringComparer.Ordinal)
            .Select(d => Path.Combine(d, RelativeFolder))
            .FirstOrDefault(Directory.Exists);
        return newest is null ? [] : [newest, Path.Combine(newest, "Facades")];
    }
}
