namespace CreditOS.CreditEngine.Samples;

/// <summary>How big and how long a generated portfolio is. Settlements after <see cref="HistoryEnd"/> are not yet known.</summary>
public sealed record SamplePortfolioOptions
{
    public ulong Seed { get; init; } = 20_260_101;
    public int Customers { get; init; } = 120;
    public DateTime HistoryStart { get; init; } = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
    public int Months { get; init; } = 24;
    public string Currency { get; init; } = "USD";

    /// <summary>Average invoices per customer per month across the portfolio.</summary>
    public double InvoicesPerCustomerMonth { get; init; } = 1.6;

    public DateTime HistoryEnd => HistoryStart.AddMonths(Months).AddDays(-1);
}
