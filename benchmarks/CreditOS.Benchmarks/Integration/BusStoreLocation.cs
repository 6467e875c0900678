namespace CreditOS.Benchmarks.Integration;

/// <summary>
/// Where the in-process local Service Bus keeps its store (SQLite, bus.db) for the end-to-end payment benchmarks.
/// Since session 31 the store syncs every acknowledged write to disk before its answer (PRAGMA synchronous=FULL: each
/// send batch, each completion), as a durable broker must. On this machine's disk that sync is ≈ 300 µs of process CPU
/// (kernel time) and several milliseconds of wall time per payment, work the real Azure Service Bus does on its own
/// servers and the worker's process never pays; it made the without-plug-ins base of issue 15's ratio ≈ 60% dearer
/// (integration/README, session 34). In a memory file system (/dev/shm) the broker runs the same code, syncs included,
/// but a sync costs nothing, so the base is the worker's and the local Dataverse's work again, as in sessions 28–31.
/// CREDITOS_BENCH_BUS_STORE chooses: <c>memory</c> (/dev/shm), <c>temp</c> (the system temp directory, on disk here) or
/// a directory; unset, the benchmark's own choice.
/// </summary>
internal static class BusStoreLocation
{
    public const string Variable = "CREDITOS_BENCH_BUS_STORE";
    private const string MemoryFileSystem = "/dev/shm";

    /// <summary>The parent directory for a run's store folder, from <see cref="Variable"/> or <paramref name="fallback"/> (memory or temp).</summary>
    public static string Parent(string fallback)
    {
        var chosen = Environment.GetEnvironmentVariable(Variable);
        var choice = string.IsNullOrWhiteSpace(chosen) ? fallback : chosen.Trim();
        return choice switch
        {
            "temp" => Path.GetTempPath(),
            "memory" when Directory.Exists(MemoryFileSystem) => MemoryFileSystem,
            "memory" => throw new InvalidOperationException($"{Variable}=memory needs {MemoryFileSystem} (a memory file system); set {Variable}=temp or a directory."),
            _ when Directory.Exists(choice) => choice,
            _ => throw new InvalidOperationException($"{Variable}='{choice}' is neither 'memory', 'temp' nor an existing directory."),
        };
    }
}
