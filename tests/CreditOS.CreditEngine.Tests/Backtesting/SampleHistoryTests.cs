namespace CreditOS.CreditEngine.Tests.Backtesting;

public class SampleHistoryTests
{
    [Fact]
    public void CommittedSample_IsExactlyWhatTheSeededGeneratorProduces()
    {
        var path = SampleHistoryFile.PathInRepository();
        var generated = SampleHistoryFile.Generate();
        if (Environment.GetEnvironmentVariable("CREDITOS_WRITE_SAMPLE") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.Equal(generated, File.ReadAllText(path));
    }

    [Fact]
    public void CommittedMonthlySample_IsExactlyWhatTheMonthlyBillingGeneratorProduces()
    {
        var path = SampleHistoryFile.PathInRepository(SampleHistoryFile.MonthlyFileName);
        var generated = SampleHistoryFile.GenerateMonthly();
        if (Environment.GetEnvironmentVariable("CREDITOS_WRITE_SAMPLE") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.Equal(generated, File.ReadAllText(path));
    }

    [Fact]
    public void CommittedDriftingSample_IsExactlyWhatTheDriftingTermsGeneratorProduces()
    {
        var path = SampleHistoryFile.PathInRepository(SampleHistoryFile.DriftingFileName);
        var generated = SampleHistoryFile.GenerateDrifting();
        if (Environment.GetEnvironmentVariable("CREDITOS_WRITE_SAMPLE") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.Equal(generated, File.ReadAllText(path));
    }

    [Fact]
    public void DriftingSample_LooksDifferent_MixedTermsAndAPortfolioThatPaysLaterInItsThirdYear()
    {
        var invoices = CreditOS.CreditEngine.Backtesting.BacktestCsv.FromHistories(
            CreditOS.CreditEngine.Samples.DriftingTermsPortfolioGenerator.Generate(CreditOS.CreditEngine.Samples.DriftingTermsPortfolioGenerator.DefaultOptions));
        var terms = invoices.Select(i => (i.DueDate - i.InvoiceDate).Days).Distinct().ToList();
        var thirdYear = new DateTime(2025, 1, 1);
        double LateShare(IEnumerable<CreditOS.CreditEngine.Backtesting.BacktestInvoice> items)
        {
            var settled = items.Where(i => i.SettledDate is not null).ToList();
            return settled.Count(i => i.SettledDate > i.DueDate) / (double)settled.Count;
        }

        Assert.Equal(4, terms.Count);
        Assert.InRange(invoices.Count, 2_000, 10_000);
        Assert.True(LateShare(invoices.Where(i => i.InvoiceDate >= thirdYear)) > LateShare(invoices.Where(i => i.InvoiceDate < thirdYear)) + 0.05);
    }

    [Fact]
    public void MonthlySample_LooksDifferent_ManySmallCustomersBilledAboutOnceAMonthWithSparseHistories()
    {
        var histories = CreditOS.CreditEngine.Samples.MonthlyBillingPortfolioGenerator.Generate(CreditOS.CreditEngine.Samples.MonthlyBillingPortfolioGenerator.DefaultOptions);
        var invoicesPerCustomer = histories.Select(h => h.Invoices.Count).OrderBy(c => c).ToList();
        var sameMonthTwice = histories.Count(h => h.Invoices.GroupBy(i => (i.InvoiceDate.Year, i.InvoiceDate.Month)).Any(g => g.Count() > 1));

        Assert.True(histories.Count >= 300, histories.Count + " customers");
        Assert.True(invoicesPerCustomer[invoicesPerCustomer.Count / 2] < 20, "median " + invoicesPerCustomer[invoicesPerCustomer.Count / 2] + " invoices");
        Assert.True(invoicesPerCustomer.Count(c => c < 6) > histories.Count / 10, "few customers with sparse histories");
        Assert.Equal(0, sameMonthTwice);
    }

    [Fact]
    public void Generator_WithSameSeed_IsDeterministic()
    {
        Assert.Equal(SampleHistoryFile.Generate(), SampleHistoryFile.Generate());
    }

    [Fact]
    public void CommittedSample_HasAFewThousandInvoicesUnderOneMegabyte()
    {
        var info = new FileInfo(SampleHistoryFile.PathInRepository());
        var lines = File.ReadAllLines(info.FullName).Length - 1;

        Assert.InRange(lines, 2_000, 10_000);
        Assert.True(info.Length < 1_000_000, "sample is " + info.Length + " bytes");
    }
}
