using CreditOS.CreditEngine.Backtesting;
using CreditOS.CreditEngine.Samples;

namespace CreditOS.CreditEngine.Tests.Backtesting;

/// <summary>Locates tests/data/ar-history-sample.csv and regenerates its content from the seeded generator.</summary>
internal static class SampleHistoryFile
{
    public static readonly SamplePortfolioOptions Options = new() { Seed = 20_260_101, Customers = 120 };

    public static string PathInRepository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CreditOS.Crm.sln")))
        {
            directory = directory.Parent;
        }

        return directory is null
            ? throw new InvalidOperationException("Could not find the repository root above " + AppContext.BaseDirectory)
            : Path.Combine(directory.FullName, "tests", "data", "ar-history-sample.csv");
    }

    public static string Generate()
    {
        using var writer = new StringWriter();
        BacktestCsv.Write(writer, BacktestCsv.FromHistories(SamplePortfolioGenerator.Generate(Options)));
        return writer.ToString();
    }
}
