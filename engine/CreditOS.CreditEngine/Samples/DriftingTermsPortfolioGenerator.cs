using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Samples;

/// <summary>
/// A third, differently shaped seeded portfolio, to guard the Risk score and its calibration against being tuned to the
/// first two generators: mixed payment terms (net 15, 30, 45 and 60 in one ledger), every customer's usual days relative
/// to due on a continuum (not payer types) that drifts steadily over its life (some improve, some deteriorate), a
/// portfolio-wide slow-down of a few days in the third year (what a downturn looks like in a ledger), irregular ordering
/// (from a few invoices a year to several a month) and occasional disputes that delay payment.
/// </summary>
public static class DriftingTermsPortfolioGenerator
{
    private const int DaysPerYear = 365;
    private static readonly string[] Industries = ["Wholesale", "Construction", "Manufacturing", "Retail"];
    private static readonly int[] NetDays = [15, 30, 30, 30, 45, 60];
    private static readonly double[] InvoicesPerMonth = [0.5, 1, 2, 4];

    public static SamplePortfolioOptions DefaultOptions { get; } = new()
    {
        Seed = 20_260_303,
        Customers = 150,
        HistoryStart = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Unspecified),
        Months = 36,
        InvoicesPerCustomerMonth = 1,
    };

    /// <summary>Extra days late, portfolio-wide, from the start of the third year (a downturn).</summary>
    public const double SlowDownDays = 4;

    public static IReadOnlyList<CustomerHistory> Generate(SamplePortfolioOptions options)
        => GeneratedPortfolio.Generate(options, "D", "0000", GenerateCustomer);

    private static CustomerHistory GenerateCustomer(SeededRandom random, SamplePortfolioOptions options, string customerId)
    {
        var builder = new CustomerHistoryBuilder(customerId, options);
        var historyDays = (options.HistoryStart.AddMonths(options.Months) - options.HistoryStart).Days;
        var netDays = random.Pick(NetDays);
        var usualDaysVsDue = random.Normal(0, 8);
        var driftPerDay = random.Normal(0, 6) / DaysPerYear;
        var spread = Math.Abs(random.Normal(5, 3)) + 0.5;
        var perDay = random.Pick(InvoicesPerMonth) / 30.0;
        var joined = random.Next(0, Math.Min(500, historyDays - 30));
        var left = Math.Min(historyDays, joined + random.Next(200, 1_100));
        var typicalAmount = random.LogNormal(random.Between(300, 5_000), 0.8);
        var day = joined;
        while (true)
        {
            day += Math.Max(1, (int)random.Exponential(1 / perDay));
            if (day >= left)
            {
                break;
            }

            var invoiceDate = options.HistoryStart.AddDays(day);
            var due = invoiceDate.AddDays(netDays);
            var slowDown = day >= 2 * DaysPerYear ? SlowDownDays : 0;
            var disputed = random.Chance(0.03);
            var daysVsDue = (int)Math.Round(random.Normal(usualDaysVsDue + (driftPerDay * (day - joined)) + slowDown, spread)) + (disputed ? random.Next(5, 31) : 0);
            DateTime? settled = random.Chance(0.01) ? null : due.AddDays(daysVsDue);
            if (settled < invoiceDate)
            {
                settled = invoiceDate;
            }

            var amount = Math.Round((decimal)(typicalAmount * random.Between(0.5, 1.5)), 2);
            var profile = new PaymentProfile(daysVsDue > 0 ? 1 : 0, Math.Max(0, usualDaysVsDue), 0, int.MaxValue, 0);
            builder.AddInvoice(random, invoiceDate, due, amount, settled, disputed, profile);
        }

        return builder.Build(new CustomerSegment(random.Pick(Industries), typicalAmount >= 2_000 ? "Regular" : "Small"));
    }
}
