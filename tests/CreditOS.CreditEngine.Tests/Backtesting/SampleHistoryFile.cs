using CreditOS.CreditEngine.Backtesting;
using CreditOS.CreditEngine.Samples;

namespace CreditOS.CreditEngine.Tests.Backtesting;

/// <summary>Locates tests/data/ar-history-sample.csv and regenerates its content from the seeded generator.</summary>
internal static class SampleHistoryFile
{
    public static readonly SamplePortfolioOptions Options = new() { Seed = 20_260_101, Customers = 120 };

    public const string MonthlyFileName = "ar-history-monthly-sample.csv";

    public const string DriftingFileName = "ar-history-drifting-sample.csv";

    public static string PathInRepository() => PathInRepository("ar-history-sample.csv");

    /// <summary>The third sample: mixed terms, drifting lateness, a downturn in year three (<see cref="DriftingTermsPortfolioGenerator"/>).</summary>
    public static string GenerateDrifting()
    {
        using var writer = new StringWriter();
        BacktestCsv.Write(writer, BacktestCsv.FromHistories(DriftingTermsPortfolioGenerator.Generate(DriftingTermsPortfolioGenerator.DefaultOptions)));
        return writer.ToString();
    }

    /// <summary>The second sample: many small customers billed monthly, sparse histories (<see cref="MonthlyBillingPortfolioGenerator"/>).</summary>
    public static string GenerateMonthly()
    {
        using var writer = new StringWriter();
        BacktestCsv.Write(writer, BacktestCsv.FromHistories(MonthlyBillingPortfolioGenerator.Generate(MonthlyBillingPortfolioGenerator.DefaultOptions)));
        return writer.ToString();
    }

    public static string PathInRepository(string fileName)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CreditOS.Crm.sln")))
        {
            directory = directory.Parent;
        }

        return directory is null
            ? throw new InvalidOperationException("Could not find the repository root above " + AppContext.BaseDirectory)
            : Path.Combine(directory.FullName, "tests", "data", fileName);
    }

    public static string Generate()
    {
        using var writer = new StringWriter();
        BacktestCsv.Write(writer, BacktestCsv.FromHistories(SamplePortfolioGenerator.Generate(Options)));
        return writer.ToString();
    }
}
