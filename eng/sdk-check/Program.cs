using CreditOS.SdkCheck;

// Usage:
//   dotnet run --project eng/sdk-check                 compare the built stand-in (net462 and net10.0) with the official SDK
//   dotnet run --project eng/sdk-check -- dump PREFIX  print the official signatures of the types whose full name starts with PREFIX
var repositoryRoot = RepositoryRoot.Find();
var officialFolder = OfficialSdk.ExtractAssemblies();
if (officialFolder is null)
{
    Console.WriteLine($"SKIPPED: no official SDK packages in {OfficialSdk.FeedFolder} (set XRM_OFFICIAL_FEED, see shared/tools/official-sdk-feed).");
    return 0;
}

try
{
    if (args.Length > 0 && args[0] == "dump")
    {
        using var official = Surface.LoadOfficial(officialFolder);
        Surface.Dump(official, args.Skip(1).ToArray(), Console.Out);
        return 0;
    }

    return SurfaceComparison.Run(repositoryRoot, officialFolder, Console.Out);
}
finally
{
    Directory.Delete(officialFolder, recursive: true);
}
