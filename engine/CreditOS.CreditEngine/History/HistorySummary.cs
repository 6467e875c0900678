namespace CreditOS.CreditEngine.History;

/// <summary>
/// A customer's history reduced to counts, sums and per-window figures: everything scoring needs, nothing a FetchXML
/// aggregate cannot return. <see cref="HistorySummarizer"/> builds it from a raw history; plugins fill it from aggregates
/// (each part documents its query) so scoring costs a fixed number of calls whatever the size of the history.
/// Windows are counted back from the evaluation date in calendar months (last 3, 6, 12 months and months 13-24).
/// </summary>
public sealed record HistorySummary
{
    public const int RevenueMonths = 24;

    public required string CustomerId { get; init; }
    public required string Currency { get; init; }
    public required DateTime AsOf { get; init; }
    public CustomerSegment Segment { get; init; } = CustomerSegment.Unassigned;

    public PaymentWindowStats Last3Months { get; init; } = PaymentWindowStats.Empty;
    public PaymentWindowStats Last6Months { get; init; } = PaymentWindowStats.Empty;
    public PaymentWindowStats Last12Months { get; init; } = PaymentWindowStats.Empty;

    /// <summary>Months 13 to 24 before the evaluation date: the customer's own baseline.</summary>
    public PaymentWindowStats Prior12Months { get; init; } = PaymentWindowStats.Empty;

    /// <summary>Invoices issued 25 to 60 months before the evaluation date: old evidence, weighted least.</summary>
    public PaymentWindowStats Earlier { get; init; } = PaymentWindowStats.Empty;

    /// <summary>Open balance by aging bucket.</summary>
    public AgingBalance Aging { get; init; } = AgingBalance.Empty;

    /// <summary>Days past due of the oldest open item, 0 when nothing is overdue (aggregate <c>min(due date)</c> of open past-due items).</summary>
    public int OldestOverdueDays { get; init; }

    /// <summary>Open amount of disputed receivables (aggregate <c>sum(open amount)</c> with disputed = yes).</summary>
    public decimal OpenDisputedAmount { get; init; }

    public PromiseCounts Promises { get; init; } = PromiseCounts.None;

    /// <summary>
    /// Invoiced amount per complete calendar month, index 0 = the month before the evaluation month, up to 23
    /// (aggregate <c>sum(amount)</c> on receivables grouped with <c>dategrouping="month"</c>). Shorter lists mean zero.
    /// </summary>
    public IReadOnlyList<decimal> MonthlyRevenue { get; init; } = [];

    /// <summary>Orders invoiced or fulfilled on or before the evaluation date (aggregate <c>count</c> on sales orders by state).</summary>
    public int CompletedOrderCount { get; init; }

    /// <summary>First order or invoice date (aggregate <c>min</c>), null when the customer has no history.</summary>
    public DateTime? FirstActivityDate { get; init; }

    /// <summary>Open orders not yet invoiced (aggregate <c>sum(amount)</c> on open sales orders).</summary>
    public decimal OpenOrdersNotInvoiced { get; init; }

    /// <summary>Most recent bureau report on or before the evaluation date, and the one before it.</summary>
    public BureauReport? LatestBureauReport { get; init; }

    public BureauReport? PreviousBureauReport { get; init; }

    public CustomerFlags Flags { get; init; } = CustomerFlags.None;

    public decimal RevenueForMonth(int monthsBack) => monthsBack < MonthlyRevenue.Count ? MonthlyRevenue[monthsBack] : 0m;

    /// <summary>Invoiced amount over the last 12 complete months.</summary>
    public decimal Revenue12Months => SumRevenue(0, 12);

    /// <summary>Invoiced amount over complete months 13 to 24.</summary>
    public decimal RevenuePrior12Months => SumRevenue(12, 12);

    /// <summary>Whole months since the first order or invoice.</summary>
    public int MonthsOfHistory => FirstActivityDate is { } first ? CalendarMonths.Between(first, AsOf) : 0;

    public bool IsEmpty => FirstActivityDate is null;

    private decimal SumRevenue(int from, int count)
    {
        var total = 0m;
        for (var i = from; i < from + count; i++)
        {
            total += RevenueForMonth(i);
        }

        return total;
    }
}
