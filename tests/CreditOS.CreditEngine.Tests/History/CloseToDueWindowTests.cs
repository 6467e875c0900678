using CreditOS.CreditEngine.History;
using static CreditOS.CreditEngine.Tests.Builders.HistoryBuilder;
using static CreditOS.CreditEngine.Tests.Scoring.NotYetDueEvidenceTests;

namespace CreditOS.CreditEngine.Tests.History;

/// <summary>
/// Session 35: the close-to-due window of an open invoice not yet due grows with its terms (a sixth of them, 10 to 30
/// days). Session 32 counted every invoice close to due from ten days before its due date; under 60-90-day terms an
/// early payer settles weeks before, so an invoice still open two weeks before its due date is already evidence that it
/// will not be paid early (engine/README "Session 35").
/// </summary>
public class CloseToDueWindowTests
{
    [Theory]
    [InlineData(30, 12, 0)]
    [InlineData(30, 6, 4)]
    [InlineData(60, 11, 0)]
    [InlineData(60, 1, 9)]
    [InlineData(66, 11, 0)]
    [InlineData(66, 10, 1)]
    [InlineData(75, 11, 1)]
    [InlineData(90, 16, 0)]
    [InlineData(90, 12, 3)]
    [InlineData(90, 0, 15)]
    [InlineData(120, 19, 1)]
    [InlineData(180, 25, 5)]
    [InlineData(365, 25, 5)]
    public void AnOpenInvoiceNotYetDue_CountsItsDaysInsideASixthOfItsTermsBeforeTheDueDate_BetweenTenAndThirty(int netDays, int daysLeft, int closeDays)
    {
        var summary = ACustomer().WithInvoice(netDays - daysLeft, 1_000m, null, netDays: netDays).Summary();

        Assert.Equal(1, summary.Last12Months.NotYetDueCount);
        Assert.Equal(closeDays, summary.Last12Months.NotYetDueCloseDaysSum);
    }

    [Fact]
    public void OnNet90_AnInvoiceStillOpenTwelveDaysBeforeItsDueDate_ReadsLaterThanOneThreeWeeksBefore()
    {
        static double WithOpenInvoice(int daysLeft) =>
            DaysMeasure(ACustomer().WithMonthlyInvoices(12, 10_000m, daysLate: -8).WithInvoice(90 - daysLeft, 10_000m, null, netDays: 90));

        Assert.True(WithOpenInvoice(12) > WithOpenInvoice(21), "12 days left " + WithOpenInvoice(12) + " vs 21 days left " + WithOpenInvoice(21));
        Assert.Equal(WithOpenInvoice(21), WithOpenInvoice(16), 9);
    }

    [Fact]
    public void OnNet30_TheWindowStaysTenDays()
    {
        static double WithOpenInvoice(int daysLeft) =>
            DaysMeasure(ACustomer().WithMonthlyInvoices(12, 10_000m, daysLate: -8).WithInvoice(30 - daysLeft, 10_000m, null));

        Assert.Equal(WithOpenInvoice(25), WithOpenInvoice(10), 9);
        Assert.True(WithOpenInvoice(9) > WithOpenInvoice(10));
    }

    [Fact]
    public void OnNet90_PayingAnInvoiceTwelveDaysBeforeItsDueDate_LowersTheDays()
    {
        // Open it counts max(0, own average) + 3 days close to due; paid, 12 days early (counted at −12, floor −30).
        var open = ACustomer().WithMonthlyInvoices(12, 10_000m, daysLate: -8).WithInvoice(78, 10_000m, null, netDays: 90);
        var paid = ACustomer().WithMonthlyInvoices(12, 10_000m, daysLate: -8).WithInvoice(78, 10_000m, -12, netDays: 90);

        Assert.True(DaysMeasure(paid) < DaysMeasure(open), "paid " + DaysMeasure(paid) + " vs open " + DaysMeasure(open));
    }

    [Fact]
    public void TheSummaryCheck_AcceptsUpToThirtyDaysCloseToDuePerInvoiceNotYetDue_AndNoMore()
    {
        var summary = ACustomer().WithInvoice(178, 1_000m, null, netDays: 180).WithInvoice(200, 1_000m, null, netDays: 200).Summary();
        Assert.Equal(58, summary.Last12Months.NotYetDueCloseDaysSum);
        HistorySummaryValidator.Validate(summary);

        var tooMany = summary with { Last12Months = summary.Last12Months with { NotYetDueCloseDaysSum = 61 } };
        Assert.Throws<CreditInputException>(() => HistorySummaryValidator.Validate(tooMany));
    }
}
