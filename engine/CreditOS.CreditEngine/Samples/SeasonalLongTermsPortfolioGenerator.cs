using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Samples;

/// <summary>
/// A fourth seeded portfolio, shaped like a supplier to a seasonal trade (farm inputs, garden and building supplies):
/// long terms (net 60, 75 or 90, so a customer's next invoices are issued before the last one's outcome is known),
/// payment that follows the customer's season (each customer pays later in the months before its own cash comes in,
/// by an amount of its own, and on time or early after it), ordering heavier in spring, and many one-off buyers with a
/// single invoice (walk-in trade accounts) among the regular customers. The first three generators have 15–60-day
/// terms, no seasonality and few single-invoice customers; this one guards the score against tuning to them.
/// </summary>
public static class SeasonalLongTermsPortfolioGenerator
{
    private const int DaysPerYear = 365;
    private static readonly int[] NetDays = [60, 60, 75, 90, 90];
    private static readonly string[] Industries = ["Agriculture", "Horticulture", "Building supplies"];

    /// <summary>Share of customers who buy once and never again (a walk-in trade account).</summary>
    public const double OneOffShare = 0.35;

    public static SamplePortfolioOptions DefaultOptions { get; } = new()
    {
        Seed = 20_261_206,
        Customers = 260,
        HistoryStart = new DateTime(2022, 1, 1, 0, 0, 0, DateTimeKind.Unspecified),
        Months = 48,
        InvoicesPerCustomerMonth = 1,
    };

    public static IReadOnlyList<CustomerHistory> Generate(SamplePortfolioOptions options)
        => GeneratedPortfolio.Generate(options, "S", "0000", GenerateCustomer);

    private static CustomerHistory GenerateCustomer(SeededRandom random, SamplePortfolioOptions options, string customerId)
    {
        var builder = new CustomerHistoryBuilder(customerId, options);
        var historyDays = (options.HistoryStart.AddMonths(options.Months) - options.HistoryStart).Days;
        var netDays = random.Pick(NetDays);
        var typicalAmount = random.LogNormal(random.Between(800, 12_000), 0.9);

        // How the customer pays: its usual days relative to due, how far its season moves it (days, half above and half
        // below the usual) and the month its cash comes in (it pays latest in the months just before).
        var usualDaysVsDue = random.Normal(2, 12);
        var seasonalSwing = Math.Abs(random.Normal(10, 8));
        var cashMonth = random.Next(1, 13);
        var spread = Math.Abs(random.Normal(6, 3)) + 1;
        var oneOff = random.Chance(OneOffShare);
        var joined = random.Next(0, historyDays - 30);
        var left = oneOff ? joined + 1 : Math.Min(historyDays, joined + random.Next(300, 1_600));
        var perDay = options.InvoicesPerCustomerMonth * random.Between(0.3, 2.5) / 30.0;
        var day = joined;
        var first = true;
        while (true)
        {
            if (!first)
            {
                day += Math.Max(1, (int)random.Exponential(1 / perDay));
            }

            first = false;
            if (day >= left || day >= historyDays)
            {
                break;
            }

            var invoiceDate = options.HistoryStart.AddDays(day);

            // Spring is the buying season: orders outside March to June are skipped two times in three.
            if (!oneOff && invoiceDate.Month is < 3 or > 6 && random.Chance(0.66))
            {
                continue;
            }

            var due = invoiceDate.AddDays(netDays);
            var daysVsDue = (int)Math.Round(random.Normal(usualDaysVsDue + (seasonalSwing * Season(due.Month, cashMonth)), spread));
            var disputed = random.Chance(0.02);
            if (disputed)
            {
                daysVsDue += random.Next(10, 45);
            }

            DateTime? settled = random.Chance(usualDaysVsDue > 20 ? 0.05 : 0.005) ? null : due.AddDays(daysVsDue);
            if (settled < invoiceDate)
            {
                settled = invoiceDate;
            }

            var amount = Math.Round((decimal)(typicalAmount * random.Between(0.4, 1.8)), 2);
            var profile = new PaymentProfile(daysVsDue > 0 ? 1 : 0, Math.Max(0, usualDaysVsDue), 0, int.MaxValue, 0);
            builder.AddInvoice(random, invoiceDate, due, amount, settled, disputed, profile);
        }

        return builder.Build(new CustomerSegment(random.Pick(Industries), oneOff ? "Trade counter" : typicalAmount >= 5_000 ? "Regular" : "Small"));
    }

    /// <summary>
    /// Where a due month sits in the customer's cash year: +1 in the month before its cash comes in (latest payment),
    /// −1 six months on (cash at hand, paid early), a cosine between.
    /// </summary>
    private static double Season(int dueMonth, int cashMonth)
    {
        var monthsBeforeCash = ((cashMonth - dueMonth) + 12) % 12;
        return Math.Cos(2 * Math.PI * (monthsBeforeCash - 1) / 12.0);
    }
}
