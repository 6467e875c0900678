using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Samples;

/// <summary>
/// Generates a realistic B2B portfolio deterministically from a seed: segments and customer groups, customers joining
/// over time, varied and sometimes changing payment behaviour, disputes, promises to pay, bureau reports, open orders.
/// Used for the sample backtest history, benchmarks, tests and the local run.
/// </summary>
public static class SamplePortfolioGenerator
{
    private static readonly string[] Industries = ["Manufacturing", "Wholesale", "Construction", "Retail", "Healthcare"];
    private static readonly int[] NetDays = [30, 30, 30, 45, 60];

    public static IReadOnlyList<CustomerHistory> Generate(SamplePortfolioOptions options)
        => GeneratedPortfolio.Generate(options, "C", "0000", GenerateCustomer);

    private static CustomerHistory GenerateCustomer(SeededRandom random, SamplePortfolioOptions options, string customerId)
    {
        var group = CustomerGroupProfile.Draw(random, options.InvoicesPerCustomerMonth);
        var profile = PaymentProfile.Draw(random, options.Months);
        var netDays = random.Pick(NetDays);
        var firstMonth = random.Chance(0.75) ? 0 : random.Next(1, options.Months - 1);
        var builder = new CustomerHistoryBuilder(customerId, options);

        for (var month = firstMonth; month < options.Months; month++)
        {
            var monthStart = options.HistoryStart.AddMonths(month);
            if (!random.Chance(group.ActiveMonthProbability))
            {
                continue;
            }

            var count = (int)group.InvoicesPerMonth + (random.Chance(group.InvoicesPerMonth % 1) ? 1 : 0);
            for (var k = 0; k < count; k++)
            {
                var invoiceDate = monthStart.AddDays(random.Next(0, 28));
                var amount = Math.Round((decimal)random.LogNormal(group.MedianInvoice, 0.5), 2);
                var disputed = random.Chance(profile.LateProbability > 0.4 ? 0.06 : 0.02);
                var settled = SettlementDate(random, profile, month, invoiceDate, netDays, disputed);
                builder.AddInvoice(random, invoiceDate, invoiceDate.AddDays(netDays), amount, settled, disputed, profile);
            }
        }

        builder.AddOpenOrders(random, group.MedianInvoice, group.InvoicesPerMonth * group.ActiveMonthProbability);
        builder.AddBureauReports(random, profile, group.MedianInvoice * group.InvoicesPerMonth, firstMonth);
        return builder.Build(new CustomerSegment(random.Pick(Industries), group.Name));
    }

    private static DateTime? SettlementDate(SeededRandom random, PaymentProfile profile, int month, DateTime invoiceDate, int netDays, bool disputed)
    {
        var due = invoiceDate.AddDays(netDays);
        var late = random.Chance(profile.LateProbabilityIn(month)) || (disputed && random.Chance(0.5));
        if (late && random.Chance(profile.DefaultProbability))
        {
            return null;
        }

        var offset = late ? 1 + (int)random.Exponential(profile.MeanDaysLate) : -random.Next(0, Math.Min(netDays, 12));
        var settled = due.AddDays(offset);
        return settled < invoiceDate ? invoiceDate : settled;
    }
}
