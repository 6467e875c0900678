using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Scoring;

namespace CreditOS.CreditEngine.Tests.Scoring;

public class ScoreMaterialityTests
{
    private static readonly ScoreMateriality HalfPoint = ScoreMateriality.Default;

    [Fact]
    public void TheShippedThreshold_IsHalfAPoint()
    {
        Assert.Equal(0.5m, DefaultCreditConfiguration.Create().ScoreMateriality.Threshold);
    }

    [Theory]
    [InlineData(62.10, 62.11, false)]
    [InlineData(62.10, 62.59, false)]
    [InlineData(62.10, 62.60, true)]
    [InlineData(62.60, 62.10, true)]
    [InlineData(62.10, 61.61, false)]
    public void AScoreMoves_WhenItChangedByAtLeastTheThreshold_EitherWay(double before, double after, bool moved)
    {
        Assert.Equal(moved, HalfPoint.Moved((decimal)before, (decimal)after));
    }

    [Fact]
    public void BecomingScoredOrNotScored_IsAlwaysAMove()
    {
        Assert.True(HalfPoint.Moved(null, 12.3m));
        Assert.True(HalfPoint.Moved(12.3m, null));
        Assert.False(HalfPoint.Moved(null, null));
    }

    [Fact]
    public void SmallMovesOfBothScores_AreNotANewPicture_UnlessTheTermsChanged()
    {
        Assert.False(HalfPoint.IsNewPicture(70.00m, 70.30m, 20.00m, 19.80m, termsChanged: false));
        Assert.True(HalfPoint.IsNewPicture(70.00m, 70.30m, 20.00m, 19.80m, termsChanged: true));
        Assert.True(HalfPoint.IsNewPicture(70.00m, 70.30m, 20.00m, 20.50m, termsChanged: false));
    }

    [Fact]
    public void AThresholdOfZero_MakesEveryStoredChangeANewPicture()
    {
        var every = new ScoreMateriality(0m);

        Assert.True(every.IsNewPicture(70.00m, 70.01m, 20.00m, 20.00m, termsChanged: false));
        Assert.False(every.IsNewPicture(70.00m, 70.00m, 20.00m, 20.00m, termsChanged: false));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(10.5)]
    public void AThresholdOutsideZeroToTen_IsRefusedByTheValidator_WithTheFigure(double threshold)
    {
        var configuration = DefaultCreditConfiguration.Create() with { ScoreMateriality = new ScoreMateriality((decimal)threshold) };

        var error = Assert.Single(CreditConfigurationValidator.Validate(configuration));
        Assert.Contains("between 0 and 10", error, StringComparison.Ordinal);
        Assert.Contains(((decimal)threshold).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), error, StringComparison.Ordinal);
    }
}
