namespace CreditOS.CreditEngine.Samples;

/// <summary>
/// A small deterministic generator (SplitMix64): the same seed gives the same sequence on every runtime, which
/// System.Random does not promise across .NET versions.
/// </summary>
public sealed class SeededRandom(ulong seed)
{
    private const double UnitScale = 1.0 / (1UL << 53);
    private ulong state = seed;

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * UnitScale;

    /// <summary>Uniform integer in [minInclusive, maxExclusive).</summary>
    public int Next(int minInclusive, int maxExclusive) =>
        maxExclusive <= minInclusive ? minInclusive : minInclusive + (int)(NextDouble() * (maxExclusive - minInclusive));

    public bool Chance(double probability) => NextDouble() < probability;

    public double Between(double min, double max) => min + (NextDouble() * (max - min));

    /// <summary>Exponentially distributed with the given mean.</summary>
    public double Exponential(double mean) => -mean * Math.Log(1 - NextDouble());

    /// <summary>Log-normal around a median with the given spread of the underlying normal.</summary>
    public double LogNormal(double median, double sigma) => median * Math.Exp(sigma * Gaussian());

    /// <summary>Normally distributed with the given mean and standard deviation.</summary>
    public double Normal(double mean, double standardDeviation) => mean + (standardDeviation * Gaussian());

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(0, items.Count)];

    private double Gaussian()
    {
        var u1 = 1 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private ulong NextUInt64()
    {
        unchecked
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
