using CreditOS.CreditEngine.History;
using Xunit;

namespace CreditOS.CreditEngine.Tests.History;

/// <summary>A bureau report is dated at the latest the day it is recorded plus one day of clock skew (controls round 7).</summary>
public sealed class BureauReportDatesTests
{
    private static readonly DateTime RecordedOn = new(2026, 12, 5, 23, 40, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(-400)]
    [InlineData(0)]
    [InlineData(1)]
    public void AReportDatedUpToTheNextDay_IsAccepted(int daysAfter) =>
        Assert.Null(BureauReportDates.Refusal(RecordedOn.Date.AddDays(daysAfter), RecordedOn));

    [Fact]
    public void AReportWithoutADate_IsLeftToTheOtherChecks() => Assert.Null(BureauReportDates.Refusal(null, RecordedOn));

    [Fact]
    public void AReportDatedTwoDaysAhead_IsRefusedWithTheDates()
    {
        var refusal = BureauReportDates.Refusal(new DateTime(2026, 12, 7), RecordedOn);

        Assert.Equal(
            "The bureau report is dated 2026-12-07, 2 day(s) after it is recorded on 2026-12-05; a report may be dated at the latest 2026-12-06 (the day it is recorded plus 1 day of bureau clock skew). A report dated in the future would outrank every genuine report dated before it once its date arrives. Record it with the date the bureau issued it.",
            refusal);
    }
}
