namespace CreditOS.CreditEngine.Tests;

/// <summary>Dataverse's conversion: base = amount ÷ the currency's rate; into another currency × its rate; at its precision.</summary>
public sealed class ExchangeRatesTests
{
    [Theory]
    [InlineData(60_000, 0.85, 1, 2, 70_588.24)]
    [InlineData(100_000, 1, 1.08, 2, 108_000)]
    [InlineData(50_000, 0.85, 1.08, 2, 63_529.41)]
    [InlineData(1_000_000, 160.5, 1, 2, 6_230.53)]
    [InlineData(10_000, 1, 160.5, 0, 1_605_000)]
    public void ConvertsThroughTheBaseCurrency_RoundedToTheTargetsPrecision(double amount, double fromRate, double toRate, int precision, double expected)
    {
        Assert.Equal((decimal)expected, ExchangeRates.Convert((decimal)amount, (decimal)fromRate, (decimal)toRate, precision));
    }

    [Fact]
    public void ARateThatIsNotPositive_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ExchangeRates.Convert(1m, 0m, 1m, 2));
    }
}
