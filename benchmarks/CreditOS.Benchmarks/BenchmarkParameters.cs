namespace CreditOS.Benchmarks;

/// <summary>
/// Parameter values a rerun may narrow through an environment variable, for BenchmarkDotNet has no command-line filter on
/// parameters: for example <c>CREDITOS_BENCH_WORKERS=1,2 CREDITOS_BENCH_PLUGINS=true CREDITOS_BENCH_ROUNDTRIPMS=30</c> runs
/// only those cases of <c>PaymentThroughputBenchmark</c>. Unset, every documented value runs. Read in the host process, so
/// only for benchmarks measured in process (an out-of-process run would see the generated process' environment).
/// </summary>
internal static class BenchmarkParameters
{
    public static IEnumerable<T> Choose<T>(string variable, Func<string, T> parse, params T[] defaults)
    {
        var chosen = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(chosen))
        {
            return defaults;
        }

        try
        {
            return [.. chosen.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(parse)];
        }
        catch (FormatException exception)
        {
            throw new InvalidOperationException($"{variable}='{chosen}' is not a comma-separated list of {typeof(T).Name} values (unset it to run {string.Join(", ", defaults)}).", exception);
        }
    }
}
