using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Scoring;

namespace CreditOS.CreditEngine.Tests.Scoring;

public class ScoreMaterialityTests
{
    private static readonly ScoreMateriality OnePoint = ScoreMateriality.Default;

    [Fact]
    public void TheShippedThreshold_IsOnePoint()
    {
        Assert.Equal(1m, DefaultCreditConfiguration.Create().ScoreMateriality.Threshold);
        Assert.Equal(1m, ScoreMateriality.DefaultThreshold);
    }

    [Theory]
    [InlineData(62.10, 62.11, false)]
    [InlineData(62.10, 62.60, false)]
    [InlineData(62.10, 63.09, false)]
    [InlineData(62.10, 63.10, true)]
    [InlineData(63.10, 62.10, true)]
    [InlineData(62.10, 61.11, false)]
    public void AScoreMoves_WhenItChangedByAtLeastTheThreshold_EitherWay(double before, double after, bool moved)
    {
        Assert.Equal(moved, OnePoint.Moved((decimal)before, (decimal)after));
    }

    [Fact]
    public void AnAdministratorsHalfPoint_StillRecordsHalfAPointMove()
    {
        var halfPoint = new ScoreMateriality(0.5m);

        Assert.True(halfPoint.Moved(62.10m, 62.60m));
        Assert.False(OnePoint.Moved(62.10m, 62.60m));
    }

    [Fact]
    public void AfterACollectorsRecord_EveryMoveIsANewPicture_AndNoMoveIsNone()
    {
        // Session 23: one dispute moves an on-time customer's Risk by about half a point; the collector must see it.
        Assert.True(ScoreMateriality.AfterACollectorsRecord.IsNewPicture(71.7m, 71.7m, 12.9m, 13.46m, termsChanged: false));
        Assert.False(OnePoint.IsNewPicture(71.7m, 71.7m, 12.9m, 13.46m, termsChanged: false));
        Assert.False(ScoreMateriality.AfterACollectorsRecord.IsNewPicture(71.7m, 71.7m, 12.9m, 12.9m, termsChanged: false));
        Assert.Null(ScoreMateriality.AfterACollectorsRecord.Problem());
    }

    [Fact]
    public void BecomingScoredOrNotScored_IsAlwaysAMove()
    {
        Assert.True(OnePoint.Moved(null, 12.3m));
        Assert.True(OnePoint.Moved(12.3m, null));
        Assert.False(OnePoint.Moved(null, null));
    }

    [Fact]
    public void SmallMovesOfBothScores_AreNotANewPicture_UnlessTheTermsChanged()
    {
        Assert.False(OnePoint.IsNewPicture(70.00m, 70.30m, 20.00m, 19.80m, termsChanged: false));
        Assert.False(OnePoint.IsNewPicture(70.00m, 70.90m, 20.00m, 20.99m, termsChanged: false));
        Assert.True(OnePoint.IsNewPicture(70.00m, 70.30m, 20.00m, 19.80m, termsChanged: true));
        Assert.True(OnePoint.IsNewPicture(70.00m, 70.30m, 20.00m, 21.00m, termsChanged: false));
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
