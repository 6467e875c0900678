using System.Reflection;
using System.Runtime.InteropServices;

namespace CreditOS.SdkCheck;

/// <summary>A set of assemblies loaded for inspection only, with their public types by full name.</summary>
internal sealed class Surface : IDisposable
{
    private static readonly string[] FrameworkAssembliesWithSdkTypes = ["System.Activities.dll", "System.ServiceModel.dll"];
    private readonly MetadataLoadContext context;

    private Surface(MetadataLoadContext context, IEnumerable<Assembly> assemblies)
    {
        this.context = context;
        Types = assemblies
            .SelectMany(a => a.GetTypes())
            .Where(SurfaceReader.IsVisible)
            .GroupBy(t => t.FullName!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, Type> Types { get; }

    /// <summary>The official SDK assemblies plus the .NET Framework assemblies that host FaultException and System.Activities.</summary>
    public static Surface LoadOfficial(string officialFolder)
    {
        var framework = FrameworkReferenceFolder();
        var official = Directory.GetFiles(officialFolder, "*.dll");
        var context = new MetadataLoadContext(new PathAssemblyResolver(official.Concat(FrameworkAssemblies(framework))), "mscorlib");
        var loaded = official.Concat(FrameworkAssembliesWithSdkTypes.Select(f => Path.Combine(framework, f)))
            .Select(context.LoadFromAssemblyPath).ToList();
        return new Surface(context, loaded);
    }

    public static Surface LoadStandIn(string assemblyPath, bool isFramework)
    {
        var references = isFramework
            ? FrameworkAssemblies(FrameworkReferenceFolder())
            : Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll");
        var context = new MetadataLoadContext(new PathAssemblyResolver(references.Append(assemblyPath)), isFramework ? "mscorlib" : "System.Private.CoreLib");
        return new Surface(context, [context.LoadFromAssemblyPath(assemblyPath)]);
    }

    public static void Dump(Surface surface, string[] prefixes, TextWriter output)
    {
        foreach (var type in surface.Types.Values.Where(t => prefixes.Length == 0 || prefixes.Any(p => t.FullName!.StartsWith(p, StringComparison.Ordinal))).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            output.WriteLine($"{SurfaceReader.Header(type)} {SurfaceReader.Name(type)}  [{type.Assembly.GetName().Name}]");
            foreach (var implemented in SurfaceReader.Interfaces(type)) output.WriteLine($"    implements {implemented}");
            foreach (var member in SurfaceReader.Members(type).Values) output.WriteLine($"    {member}");
        }
    }

    public void Dispose() => context.Dispose();

    private static IEnumerable<string> FrameworkAssemblies(string folder) =>
        Directory.GetFiles(folder, "*.dll").Concat(Directory.GetFiles(Path.Combine(folder, "Facades"), "*.dll"));

    private static string FrameworkReferenceFolder()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom
            ? custom
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var root = Path.Combine(packages, "microsoft.netframework.referenceassemblies.net462");
        var folder = Directory.Exists(root)
            ? Directory.GetDirectories(root).OrderDescending().Select(v => Path.Combine(v, "build", ".NETFramework", "v4.6.2")).FirstOrDefault(Directory.Exists)
            : null;
        return folder ?? throw new InvalidOperationException(
            $"The .NET Framework 4.6.2 reference assemblies are not in {root}: build the stand-in for net462 once (it restores them).");
    }
}
