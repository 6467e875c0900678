using CreditOS.CreditEngine.Collections;

namespace CreditOS.CreditEngine.Tests.Collections;

/// <summary>How far ahead a promise to pay may be dated (session 13): up to the bound inclusive, with the figures beyond it.</summary>
public class PromiseHorizonTests
{
    private static readonly DateTime Today = new(2026, 1, 15, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void APromiseUpToTheBound_IsWithinIt_AndOneDayMoreIsRefusedWithTheFigures()
    {
        Assert.Null(PromiseHorizon.Refusal(Today.Date.AddDays(60), Today, 60));
        Assert.Null(PromiseHorizon.Refusal(Today, Today, 60));

        var refusal = PromiseHorizon.Refusal(Today.Date.AddDays(61), Today, 60);

        Assert.Equal(
            "A promise to pay cannot be dated 2026-03-17, 61 days ahead: an open promise pauses the customer's dunning and moves its collections follow-up to its date, "
            + "so it is dated at most 60 days ahead (until 2026-03-16, cos_PromiseMaxDays). Record what the customer promises by then, and a new promise when it is kept.",
            refusal);
    }

    [Theory]
    [InlineData("30", 30)]
    [InlineData("366", 366)]
    [InlineData("0", null)]
    [InlineData("367", null)]
    [InlineData("sixty", null)]
    [InlineData("45.5", null)]
    public void TheConfiguredBound_IsAWholeNumberOfDaysFromOneTo366(string text, int? expected) =>
        Assert.Equal(expected, PromiseHorizon.ParseMaximumDays(text));
}
