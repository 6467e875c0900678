using CreditOS.CreditEngine.Scoring;
using CreditOS.CreditEngine.Tests.Builders;
using static CreditOS.CreditEngine.Tests.Builders.HistoryBuilder;

namespace CreditOS.CreditEngine.Tests.Scoring;

/// <summary>
/// Open invoices not yet due carry no outcome: they must neither read as early payments (which hid a late payer's
/// habit behind its newest invoices) nor be dropped (which would let an on-time payment raise a habitually early
/// payer's average). Since session 22 they count at the customer's own shrunk average of known outcomes (the segment's
/// usual while nothing is known), never below the due date; until then at the segment's usual, which under long terms
/// pulled every late payer toward it.
/// </summary>
public class NotYetDueEvidenceTests
{
    internal static double DaysMeasure(HistoryBuilder builder) =>
        FactorMeasurer.Measure(ScoringFactor.AverageDaysVsDue, builder.Summary(), 1_000_000m)!.Value;

    private static HistoryBuilder LatePayer() => ACustomer().WithMonthlyInvoices(12, 10_000m, daysLate: 20);

    [Fact]
    public void OpenInvoicesNotYetDue_DoNotReadAsEarlyPayment()
    {
        var withOpen = DaysMeasure(LatePayer().WithInvoice(5, 10_000m, null).WithInvoice(12, 10_000m, null).WithInvoice(20, 10_000m, null));
        var withEarlyPayments = DaysMeasure(LatePayer().WithInvoice(45, 10_000m, -10).WithInvoice(50, 10_000m, -10).WithInvoice(55, 10_000m, -10));

        Assert.True(withOpen > withEarlyPayments, "open not yet due " + withOpen + " vs paid 10 days early " + withEarlyPayments);
    }

    [Fact]
    public void OpenInvoicesNotYetDue_LeaveALatePayersAverageWhereItsKnownPaymentsPutIt()
    {
        // Session 22: on 90-day terms a customer's three newest invoices are all still open. They carry no outcome, so
        // they count at the customer's own (shrunk) average and do not pull its 20 days toward the segment's 3.
        var alone = DaysMeasure(LatePayer());
        var withOpen = DaysMeasure(LatePayer().WithInvoice(5, 10_000m, null, netDays: 90).WithInvoice(35, 10_000m, null, netDays: 90).WithInvoice(65, 10_000m, null, netDays: 90));

        Assert.True(alone > 15, "alone " + alone);
        Assert.Equal(alone, withOpen, 9);
    }

    [Fact]
    public void OpenInvoicesNotYetDue_OfACustomerWithNothingKnown_CountAtTheSegmentsUsual()
    {
        var prior = EvidenceSettings.Default.PriorDaysVsDue;

        Assert.Equal(prior, DaysMeasure(ACustomer().WithInvoice(5, 10_000m, null, netDays: 90).WithInvoice(35, 10_000m, null, netDays: 90)), 9);
    }

    [Fact]
    public void PayingAnInvoiceNotYetDueOnTime_DoesNotRaiseAnEarlyPayersDays()
    {
        // Dropping open items outright would break the first law here: the on-time payment (0 days) would be a new
        // observation above this customer's -8. Counted at max(0, own average) = 0 while open, it changes nothing.
        var open = ACustomer().WithMonthlyInvoices(12, 10_000m, daysLate: -8).WithInvoice(30, 10_000m, null);
        var paid = ACustomer().WithMonthlyInvoices(12, 10_000m, daysLate: -8).WithInvoice(30, 10_000m, 0);

        Assert.True(DaysMeasure(paid) <= DaysMeasure(open), "paid " + DaysMeasure(paid) + " vs open " + DaysMeasure(open));
        Assert.True(DaysMeasure(open) < 0, "open " + DaysMeasure(open));
    }

    [Fact]
    public void PayingALatePayersInvoiceNotYetDueOnTime_LowersItsDays()
    {
        var open = LatePayer().WithInvoice(30, 10_000m, null);
        var paid = LatePayer().WithInvoice(30, 10_000m, 0);

        Assert.True(DaysMeasure(paid) < DaysMeasure(open), "paid " + DaysMeasure(paid) + " vs open " + DaysMeasure(open));
    }

    [Fact]
    public void PayingAnInvoiceNotYetDueEarly_LowersTheDaysOfAnEarlyPayer()
    {
        // A customer paying 8 days early: paying its open invoice 2 days early is later than its habit, yet a payment
        // must never raise the figure. The open invoice counts at max(0, own average) = 0 days, the payment at -2.
        var open = ACustomer().WithMonthlyInvoices(12, 10_000m, daysLate: -8).WithInvoice(28, 10_000m, null);
        var paid = ACustomer().WithMonthlyInvoices(12, 10_000m, daysLate: -8).WithInvoice(28, 10_000m, -2);

        Assert.True(DaysMeasure(paid) < DaysMeasure(open), "paid " + DaysMeasure(paid) + " vs open " + DaysMeasure(open));
    }

    // Session 32: a customer who pays early shows a known outcome before the due date, so an invoice still open as its
    // due date comes near says this one will not be paid early. It counts later by its days close to due (10 − days left).

    [Fact]
    public void AnOpenInvoiceCloseToItsDueDate_CountsLaterThanOneJustIssued_ByItsDaysCloseToDue()
    {
        static double WithOpenInvoice(int daysAgo) => DaysMeasure(ACustomer().WithMonthlyInvoices(12, 10_000m, daysLate: -8).WithInvoice(daysAgo, 10_000m, null));
        var justIssued = WithOpenInvoice(2);

        // Ten days or more before its due date an open invoice counts at max(0, own average) = 0, as until session 31.
        Assert.Equal(justIssued, WithOpenInvoice(20), 9);
        Assert.True(justIssued < 0, "just issued " + justIssued);

        // Then one more day a day: 4 days close to due 6 days before the due date, 8 two days before.
        var dueInSixDays = WithOpenInvoice(24) - justIssued;
        var dueInTwoDays = WithOpenInvoice(28) - justIssued;
        Assert.True(dueInSixDays > 0, "6 days before due " + dueInSixDays);
        Assert.Equal(2 * dueInSixDays, dueInTwoDays, 9);
    }

    [Fact]
    public void OpenInvoicesOfACustomerWithNothingKnown_CloseToTheirDueDate_ReadLaterThanTheSegmentsUsual()
    {
        var prior = EvidenceSettings.Default.PriorDaysVsDue;

        // Two invoices due in 1 and 4 days: 9 + 6 days close to due on top of the prior, shrunk with k = 1.
        Assert.Equal(prior + (15.0 / 3), DaysMeasure(ACustomer().WithInvoice(29, 10_000m, null).WithInvoice(26, 10_000m, null)), 9);
    }

    [Fact]
    public void PayingAnOpenInvoiceCloseToItsDueDate_BeforeItsDueDate_LowersTheDays()
    {
        // Due tomorrow: open it counts 0 + 9 days close to due; paid today, one day early, at -1.
        var open = ACustomer().WithMonthlyInvoices(12, 10_000m, daysLate: -8).WithInvoice(29, 10_000m, null);
        var paidOnTime = ACustomer().WithMonthlyInvoices(12, 10_000m, daysLate: -8).WithInvoice(29, 10_000m, -1);

        Assert.True(DaysMeasure(paidOnTime) < DaysMeasure(open), "paid " + DaysMeasure(paidOnTime) + " vs open " + DaysMeasure(open));
    }
}
