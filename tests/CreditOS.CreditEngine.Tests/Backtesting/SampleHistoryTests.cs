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
