using System.Globalization;
using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Samples;

/// <summary>
/// What every sample generator shares: one seeded random stream for the whole portfolio, the customers drawn from it in
/// order and numbered with the generator's prefix, so a seed always gives the same ledger.
/// </summary>
internal static class GeneratedPortfolio
{
    public static IReadOnlyList<CustomerHistory> Generate(
        SamplePortfolioOptions options, string prefix, string numberFormat, Func<SeededRandom, SamplePortfolioOptions, string, CustomerHistory> customer)
    {
        Require.NotNull(options, "The sample options");
        var random = new SeededRandom(options.Seed);
        var customers = new List<CustomerHistory>(options.Customers);
        for (var i = 1; i <= options.Customers; i++)
        {
            customers.Add(customer(random, options, prefix + i.ToString(numberFormat, CultureInfo.InvariantCulture)));
        }

        return customers;
    }
}
