using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Samples;

/// <summary>
/// A second, differently shaped seeded portfolio, so no scoring method is tuned to one generator: many small customers
/// billed once a month (a subscription or service business), sparse histories (customers join throughout the period,
/// skip months and often leave), and payment behaviour drawn from a continuum that drifts month by month instead of
/// a few fixed payer types. Some pay by direct debit a few days early; slow payers run later the more they owe.
/// </summary>
public static class MonthlyBillingPortfolioGenerator
{
    private static readonly string[] Industries = ["Software", "Facilities", "Logistics", "Professional services"];
    private static readonly int[] NetDays = [14, 14, 30, 30, 30];

    public static SamplePortfolioOptions DefaultOptions { get; } = new()
    {
        Seed = 20_260_202,
        Customers = 400,
        HistoryStart = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Unspecified),
        Months = 36,
        InvoicesPerCustomerMonth = 1,
    };

    public static IReadOnlyList<CustomerHistory> Generate(SamplePortfolioOptions options)
        => GeneratedPortfolio.Generate(options, "M", "00000", GenerateCustomer);

    private static CustomerHistory GenerateCustomer(SeededRandom random, SamplePortfolioOptions options, string customerId)
    {
        var builder = new CustomerHistoryBuilder(customerId, options);
        var firstMonth = random.Next(0, options.Months - 1);
        var lastMonth = random.Chance(0.5) ? random.Next(firstMonth + 1, options.Months + 1) : options.Months;
        var netDays = random.Pick(NetDays);
        var billingDay = random.Next(0, 28);
        var fee = random.LogNormal(random.Between(150, 1_500), 0.6);
        var directDebit = random.Chance(0.2);

        // Propensity to pay late: most customers near zero, a long tail of slow payers; it drifts a little every month.
        var propensity = Math.Pow(random.NextDouble(), 2.2) * 0.95;
        var meanDaysLate = 4 + (45 * random.NextDouble() * propensity) + random.Between(0, 6);
        var owedMonths = 0;
        for (var month = firstMonth; month < lastMonth; month++)
        {
            propensity = Clamp(propensity + random.Between(-0.06, 0.06), 0, 0.97);
            if (!random.Chance(0.9))
            {
                continue;
            }

            var invoiceDate = options.HistoryStart.AddMonths(month).AddDays(billingDay);
            var due = invoiceDate.AddDays(netDays);
            var amount = Math.Round((decimal)(fee * random.Between(0.85, 1.15)), 2);
            var disputed = random.Chance(0.015 + (0.05 * propensity));
            var late = !directDebit && (random.Chance(propensity) || (disputed && random.Chance(0.6)));
            DateTime? settled;
            if (late && random.Chance(0.02 + (0.05 * propensity)))
            {
                settled = null;
            }
            else if (late)
            {
                // Slow payers fall further behind while several invoices are outstanding.
                settled = due.AddDays(1 + (int)random.Exponential(meanDaysLate * (1 + (0.25 * owedMonths))));
            }
            else
            {
                settled = due.AddDays(directDebit ? -random.Next(3, 8) : -random.Next(0, Math.Min(netDays, 6)));
            }

            owedMonths = late ? Math.Min(owedMonths + 1, 4) : 0;
            if (settled < invoiceDate)
            {
                settled = invoiceDate;
            }

            var profile = new PaymentProfile(propensity, meanDaysLate, 0, int.MaxValue, 0);
            builder.AddInvoice(random, invoiceDate, due, amount, settled, disputed, profile);
        }

        return builder.Build(new CustomerSegment(random.Pick(Industries), fee >= 800 ? "Regular" : "Small"));
    }

    private static double Clamp(double value, double min, double max) => value < min ? min : value > max ? max : value;
}
