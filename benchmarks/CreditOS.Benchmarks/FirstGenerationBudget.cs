using System.Diagnostics;

namespace CreditOS.Benchmarks;

/// <summary>
/// The benchmarks run with a fixed 16 MB first-generation (gen-0) budget instead of the one the runtime derives from the
/// processor's last-level cache (session 36). This machine's virtual processor reports a 260 MiB L3, from which the runtime
/// chose a gen-0 budget of about 80–100 MB: the interleaved ratio benchmarks then saw one gen-0 collection per round
/// (BenchmarkDotNet forces a collection before every iteration), always after the same bytes, so it fell in the same block
/// of every round and was paid by whichever case the round's ABBA / BAAB order put there: rounds alternated 57–82% / 22–39%
/// (session 35). With 16 MB (the cadence sessions 26–30 saw by default: ≈ 6 gen-0 collections per 1,000 payments without
/// plug-ins, ≈ 16 with) each case pays for the collections its own bytes cause. The runtime reads the setting only from
/// the environment at start (<c>DOTNET_GCgen0size</c>; it has no runtimeconfig.json name), so when it is not set the
/// program starts itself again with it; set it yourself to choose another (0: the runtime's own choice).
/// </summary>
internal static class FirstGenerationBudget
{
    public const string Variable = "DOTNET_GCgen0size";

    /// <summary>16 MB, in the hexadecimal the runtime reads.</summary>
    public const string Fixed = "0x1000000";

    public static bool IsChosen => Environment.GetEnvironmentVariable(Variable) is not null;

    /// <summary>Runs this program again with <see cref="Fixed"/> in its environment and the same arguments; returns its exit code.</summary>
    public static int RunAgainWithFixedBudget(string[] args)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmarks' process path is unknown: set " + Variable + " yourself.");
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            // Started as `dotnet CreditOS.Benchmarks.dll`: the host needs the assembly again.
            start.ArgumentList.Add(typeof(FirstGenerationBudget).Assembly.Location);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[Variable] = Fixed;
        Console.WriteLine($"// {Variable} set to {Fixed} (16 MB gen-0 budget, benchmarks/CreditOS.Benchmarks/FirstGenerationBudget.cs); running again with it");
        using var child = Process.Start(start) ?? throw new InvalidOperationException("The benchmarks could not start themselves again.");
        child.WaitForExit();
        return child.ExitCode;
    }
}
