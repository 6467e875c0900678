using CreditOS.CreditEngine.Scoring;
using CreditOS.CreditEngine.Tests.Builders;
using static CreditOS.CreditEngine.Tests.Builders.HistoryBuilder;

namespace CreditOS.CreditEngine.Tests.Scoring;

/// <summary>
/// Open invoices not yet due carry no outcome: they must neither read as early payments (which hid a late payer's
/// habit behind its newest invoices) nor be dropped (which would let an on-time payment raise a habitually early
/// payer's average). They count at the segment's usual days relative to due, never below the due date.
/// </summary>
public class NotYetDueEvidenceTests
{
    private static double DaysMeasure(HistoryBuilder builder) =>
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
    public void OpenInvoicesNotYetDue_CountAtThePriorsDays_NotAtTheCustomersOwn()
    {
        var alone = DaysMeasure(LatePayer());
        var withOpen = DaysMeasure(LatePayer().WithInvoice(5, 10_000m, null).WithInvoice(12, 10_000m, null));

        // The prior (3 days late) sits below this customer's 20 days: unknown outcomes pull toward it, a little.
        Assert.True(withOpen < alone, "with open " + withOpen + " vs alone " + alone);
        Assert.True(withOpen > 10, "with open " + withOpen);
    }

    [Fact]
    public void PayingAnInvoiceNotYetDueEarly_LowersTheDaysOfAnEarlyPayer()
    {
        // A customer paying 8 days early: paying its open invoice 2 days early is later than its habit, yet a payment
        // must never raise the figure. The open invoice counted at max(0, prior) = 3 days, the payment at -2.
        var open = ACustomer().WithMonthlyInvoices(12, 10_000m, daysLate: -8).WithInvoice(28, 10_000m, null);
        var paid = ACustomer().WithMonthlyInvoices(12, 10_000m, daysLate: -8).WithInvoice(28, 10_000m, -2);

        Assert.True(DaysMeasure(paid) < DaysMeasure(open), "paid " + DaysMeasure(paid) + " vs open " + DaysMeasure(open));
    }
}
