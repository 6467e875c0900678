using CreditOS.CreditEngine.Samples;

namespace CreditOS.Cli.Demo;

/// <summary>How big the generated portfolio is and which seed makes it (same seed, same demo).</summary>
internal sealed record DemoOptions
{
    public const int DefaultCustomers = 300;
    public const int MinimumCustomers = 20;
    public const int MaximumCustomers = 5_000;

    public int Customers { get; init; } = DefaultCustomers;

    public ulong Seed { get; init; } = new SamplePortfolioOptions().Seed;

    /// <summary>Where the demo writes its HTML report (the credit manager's dashboard of the demo portfolio).</summary>
    public string ReportPath { get; init; } = DefaultReportPath;

    public const string DefaultReportPath = "creditos-demo-report.html";

    public SamplePortfolioOptions Portfolio => new() { Customers = Customers, Seed = Seed };

    /// <summary>The demo's "today": the day after the generated history ends, at the start of business.</summary>
    public DateTimeOffset StartOfDemo => new(Portfolio.HistoryEnd.AddDays(1).AddHours(9), TimeSpan.Zero);
}
