namespace CreditOS.SdkCheck;

/// <summary>
/// Compares every public type and member of the stand-in with the official SDK. The stand-in may
/// have fewer types and members; whatever it has must match the official signature exactly.
/// </summary>
internal static class SurfaceComparison
{
    private const string StandInProject = "sdk-standin/CreditOS.XrmSdk.StandIn";
    private const string StandInAssembly = "CreditOS.XrmSdk.StandIn.dll";

    public static int Run(string repositoryRoot, string officialFolder, TextWriter output)
    {
        using var official = Surface.LoadOfficial(officialFolder);
        var problems = 0;
        var checkedBuilds = 0;
        foreach (var (framework, isFramework) in new[] { ("net462", true), ("net10.0", false) })
        {
            var path = Directory.GetFiles(Path.Combine(repositoryRoot, StandInProject, "bin"), StandInAssembly, SearchOption.AllDirectories)
                .Where(p => Path.GetFileName(Path.GetDirectoryName(p)) == framework)
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault();
            if (path is null)
            {
                output.WriteLine($"not built for {framework}: run `dotnet build {StandInProject}` first");
                problems++;
                continue;
            }

            using var standIn = Surface.LoadStandIn(path, isFramework);
            output.WriteLine($"== {framework}: {path}");
            problems += Compare(standIn, official, output, out var typeCount, out var memberCount, out var notCovered);
            output.WriteLine($"   {typeCount} types, {memberCount} members compared; {notCovered} official members not provided (allowed)");
            checkedBuilds++;
        }

        output.WriteLine(problems == 0 ? $"ok: the stand-in matches the official SDK ({checkedBuilds} builds)" : $"FAILED: {problems} mismatches");
        return problems == 0 ? 0 : 1;
    }

    private static int Compare(Surface standIn, Surface official, TextWriter output, out int typeCount, out int memberCount, out int notCovered)
    {
        var problems = 0;
        typeCount = memberCount = notCovered = 0;
        foreach (var (name, type) in standIn.Types.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (!official.Types.TryGetValue(name, out var reference))
            {
                output.WriteLine($"  EXTRA TYPE {name}: not in the official SDK");
                problems++;
                continue;
            }

            typeCount++;
            var header = SurfaceReader.Header(type);
            var officialHeader = SurfaceReader.Header(reference);
            if (header != officialHeader)
            {
                output.WriteLine($"  TYPE {name}\n      stand-in: {header}\n      official: {officialHeader}");
                problems++;
            }

            var officialInterfaces = SurfaceReader.Interfaces(reference);
            foreach (var extra in SurfaceReader.Interfaces(type).Where(i => !officialInterfaces.Contains(i)))
            {
                output.WriteLine($"  INTERFACE {name} implements {extra}, the official type does not");
                problems++;
            }

            var officialMembers = SurfaceReader.Members(reference);
            var members = SurfaceReader.Members(type);
            foreach (var (key, signature) in members)
            {
                memberCount++;
                if (!officialMembers.TryGetValue(key, out var officialSignature))
                {
                    output.WriteLine($"  EXTRA {name}: {signature}");
                    problems++;
                }
                else if (signature != officialSignature)
                {
                    output.WriteLine($"  MISMATCH {name}\n      stand-in: {signature}\n      official: {officialSignature}");
                    problems++;
                }
            }

            notCovered += officialMembers.Keys.Count(k => !members.ContainsKey(k));
        }

        return problems;
    }
}
