using System.IO.Compression;

namespace CreditOS.SdkCheck;

/// <summary>Finds Microsoft's official SDK assemblies in the local folder feed (checking only, never committed).</summary>
internal static class OfficialSdk
{
    private const string FeedVariable = "XRM_OFFICIAL_FEED";
    private const string LibraryFolder = "lib/net462/";
    private static readonly string[] Packages = ["Microsoft.CrmSdk.CoreAssemblies", "Microsoft.CrmSdk.Workflow"];

    public static string FeedFolder =>
        Environment.GetEnvironmentVariable(FeedVariable) is { Length: > 0 } feed
            ? feed
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".creditos-official-sdk");

    /// <summary>Extracts the net462 assemblies of the official packages to a scratch folder; null when the feed is absent.</summary>
    public static string? ExtractAssemblies()
    {
        var packages = Packages
            .Select(name => Directory.Exists(FeedFolder) ? Directory.GetFiles(FeedFolder, name + ".9.0.2.*.nupkg").OrderDescending().FirstOrDefault() : null)
            .ToArray();
        if (packages.Any(p => p is null)) return null;

        var target = Path.Combine(Path.GetTempPath(), "creditos-sdk-check-" + Environment.ProcessId);
        Directory.CreateDirectory(target);
        foreach (var package in packages)
        {
            using var zip = ZipFile.OpenRead(package!);
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith(LibraryFolder, StringComparison.OrdinalIgnoreCase)
                && e.FullName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
            {
                entry.ExtractToFile(Path.Combine(target, entry.Name), overwrite: true);
            }
        }

        return target;
    }
}
