using System.Globalization;

namespace CreditOS.Integration.Tests.Support;

/// <summary>A seeded test's seeds: the CI's own, or those a comma-separated environment variable names (runs over many seeds).</summary>
public static class EnvironmentSeeds
{
    public static TheoryData<int> Of(string variable, params int[] defaults)
    {
        var seeds = Environment.GetEnvironmentVariable(variable);
        var data = new TheoryData<int>();
        foreach (var seed in string.IsNullOrWhiteSpace(seeds) ? defaults : seeds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(seed => int.Parse(seed, CultureInfo.InvariantCulture)))
        {
            data.Add(seed);
        }

        return data;
    }
}
