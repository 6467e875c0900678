using CreditOS.CreditEngine.Collections;

namespace CreditOS.CreditEngine.Tests.Collections;

/// <summary>The day a promise was made is at the latest the day it is recorded, plus one day of time-zone skew (controls round 8).</summary>
public class PromisedOnDateTests
{
    private static readonly DateTime RecordedOn = new(2026, 1, 15, 23, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void APromiseMadeBeforeOrOnTheDayItIsRecorded_OrTomorrowInTheCollectorsTimeZone_Passes_AndOneDayMoreIsRefusedWithTheFigures()
    {
        Assert.Null(PromisedOnDate.Refusal(null, RecordedOn, "Promise 4000"));
        Assert.Null(PromisedOnDate.Refusal(RecordedOn.Date.AddDays(-1), RecordedOn, "Promise 4000"));
        Assert.Null(PromisedOnDate.Refusal(RecordedOn.Date, RecordedOn, "Promise 4000"));
        Assert.Null(PromisedOnDate.Refusal(RecordedOn.Date.AddDays(1), RecordedOn, "Promise 4000"));

        var refusal = PromisedOnDate.Refusal(RecordedOn.Date.AddDays(2), RecordedOn, "Promise 4000");

        Assert.Equal(
            "The promise to pay 'Promise 4000' cannot say it was made on 2026-01-17, 2 day(s) after it is recorded on 2026-01-15: a promise is made at the latest the day it is recorded "
            + "(until 2026-01-16, with 1 day of time-zone skew), and the customer's history counts only promises made by the day it is read, so a promise made in the future "
            + "would pause dunning and never count when it is broken. Record it with the day the customer promised.",
            refusal);
    }
}
