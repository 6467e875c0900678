using System.Globalization;
using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Samples;

/// <summary>Accumulates one generated customer's records, keeping orders, invoices, payments and promises consistent.</summary>
internal sealed class CustomerHistoryBuilder(string customerId, SamplePortfolioOptions options)
{
    private const int PromiseAfterDaysLate = 30;
    private const string SalesRepChannel = "Sales";
    private const int LeadDays = 7;
    private const double DaysPerMonth = 30;
    private readonly List<OrderRecord> orders = [];
    private readonly List<InvoiceRecord> invoices = [];
    private readonly List<PaymentRecord> payments = [];
    private readonly List<PromiseToPay> promises = [];
    private readonly List<BureauReport> reports = [];

    public void AddInvoice(SeededRandom random, DateTime invoiceDate, DateTime dueDate, decimal amount, DateTime? settled, bool disputed, PaymentProfile profile)
    {
        var number = (invoices.Count + 1).ToString("0000", CultureInfo.InvariantCulture);
        var invoiceId = customerId + "-I" + number;
        var known = settled is { } date && date <= options.HistoryEnd ? settled : null;
        invoices.Add(new InvoiceRecord(invoiceId, invoiceDate, dueDate, amount, known, disputed));
        orders.Add(new OrderRecord(customerId + "-O" + number, invoiceDate.AddDays(-random.Next(1, 8)), amount, OrderStatus.Fulfilled, random.Chance(0.3) ? Configuration.DefaultCreditConfiguration.EdiChannel : SalesRepChannel));
        if (known is { } paidOn)
        {
            payments.Add(new PaymentRecord(customerId + "-P" + number, paidOn, amount, [new PaymentAllocation(invoiceId, amount)]));
        }

        var lateBy = ((settled ?? options.HistoryEnd.AddDays(1)) - dueDate).Days;
        var promiseMade = dueDate.AddDays(PromiseAfterDaysLate - 10);
        if (lateBy > PromiseAfterDaysLate && promiseMade <= options.HistoryEnd && profile.MeanDaysLate > 10)
        {
            var promisedFor = dueDate.AddDays(PromiseAfterDaysLate);
            var kept = settled is { } s && s <= promisedFor.AddDays(3);
            var resolved = promisedFor.AddDays(3) <= options.HistoryEnd;
            promises.Add(new PromiseToPay(invoiceId + "-PTP", promiseMade, promisedFor, amount, !resolved ? PromiseStatus.Open : kept ? PromiseStatus.Kept : PromiseStatus.Broken, resolved ? promisedFor.AddDays(3) : null));
        }
    }

    /// <summary>
    /// Orders placed but not yet invoiced at the end of the history: each of the last <see cref="LeadDays"/> days has an
    /// order with the customer's daily order rate, still open if its lead time (1 to 7 days, uniform, as for the
    /// invoiced orders) has not run out. A customer invoiced once a month has about one chance in eight of an open
    /// order, not two months of orders in flight.
    /// </summary>
    public void AddOpenOrders(SeededRandom random, double medianInvoice, double ordersPerMonth)
    {
        for (var daysAgo = 0; daysAgo < LeadDays; daysAgo++)
        {
            var stillOpen = (LeadDays - daysAgo) / (double)LeadDays;
            if (!random.Chance(ordersPerMonth / DaysPerMonth * stillOpen))
            {
                continue;
            }

            orders.Add(new OrderRecord(
                customerId + "-OPEN" + (daysAgo + 1).ToString(CultureInfo.InvariantCulture),
                options.HistoryEnd.AddDays(-daysAgo),
                Math.Round((decimal)random.LogNormal(medianInvoice, 0.4), 2),
                OrderStatus.Open,
                SalesRepChannel));
        }
    }

    public void AddBureauReports(SeededRandom random, PaymentProfile profile, double monthlyRevenue, int firstMonth)
    {
        const int MonthsBetweenReports = 6;
        for (var month = firstMonth; month < options.Months; month += MonthsBetweenReports)
        {
            var lateProbability = profile.LateProbabilityIn(month);
            var solvency = Clamp(90 - (70 * lateProbability) + random.Between(-8, 8), 1, 100);
            var rating = solvency switch { >= 80 => BureauRating.A, >= 65 => BureauRating.B, >= 45 => BureauRating.C, >= 25 => BureauRating.D, _ => BureauRating.E };
            var dbt = Clamp(lateProbability * profile.MeanDaysLate + random.Between(-2, 4), 0, 120);
            var judgments = lateProbability > 0.6 && random.Chance(0.04) ? 1 : 0;
            reports.Add(new BureauReport(
                options.HistoryStart.AddMonths(month).AddDays(random.Next(0, 20)),
                (int)solvency,
                rating,
                RecommendedCredit(monthlyRevenue, solvency),
                (int)dbt,
                judgments,
                0,
                lateProbability > 0.6 && random.Chance(0.05) ? 1 : 0));
        }
    }

    public CustomerHistory Build(CustomerSegment segment) => new()
    {
        CustomerId = customerId,
        Currency = options.Currency,
        Segment = segment,
        Orders = orders,
        Invoices = invoices,
        Payments = payments,
        Promises = promises,
        BureauReports = reports,
    };

    /// <summary>
    /// What the bureau thinks the customer can carry across all its suppliers: solvency ÷ 10 months of what it buys
    /// from us (8 months at solvency 80, 2 at solvency 20). A bureau sizes credit on the whole business, of which we
    /// are one supplier; a cap of one or two months of our own sales would sit below the customer's normal
    /// order-to-cash cycle with us.
    /// </summary>
    private static decimal RecommendedCredit(double monthlyRevenue, double solvency) =>
        Math.Round((decimal)(monthlyRevenue * (solvency / 10)) / 100) * 100;

    private static double Clamp(double value, double min, double max) => value < min ? min : value > max ? max : value;
}
