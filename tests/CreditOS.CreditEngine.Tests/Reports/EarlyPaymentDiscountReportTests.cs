using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Reports;

namespace CreditOS.CreditEngine.Tests.Reports;

/// <summary>Early-payment discounts in the payment report: taken and missed, month by month, with the policy's terms as the fallback.</summary>
public class EarlyPaymentDiscountReportTests
{
    private static readonly DateTime AsOf = new(2026, 6, 15, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void ADiscountTaken_CountsInTheMonthTheInvoiceWasSettled_WithItsAmount()
    {
        var report = Build([Invoice("A", new(2026, 3, 1), 1_000m, paid: new(2026, 3, 9), percent: 2m, discountDate: new(2026, 3, 10), taken: 20m)]);

        var march = report.Months.Single(m => m.Label == "2026-03");
        Assert.Equal(20m, march.DiscountsTaken);
        Assert.Equal(0, march.DiscountsMissed);
        Assert.Equal(20m, report.DiscountsTaken);
    }

    [Fact]
    public void AnInvoiceOfferingADiscount_SettledAfterItsDiscountDate_MissedIt_ByThePercentOfItsAmount()
    {
        var report = Build(
        [
            Invoice("A", new(2026, 3, 1), 1_000m, paid: new(2026, 4, 2), percent: 2m, discountDate: new(2026, 3, 10)),
            Invoice("B", new(2026, 3, 5), 2_500m, paid: new(2026, 4, 20), percent: 1.5m, discountDate: new(2026, 3, 15)),
            Invoice("C", new(2026, 3, 5), 9_000m, paid: new(2026, 4, 20)), // no offer, no policy terms: nothing missed
        ]);

        var april = report.Months.Single(m => m.Label == "2026-04");
        Assert.Equal(2, april.DiscountsMissed);
        Assert.Equal(20m + 37.50m, april.DiscountsMissedAmount);
        Assert.Equal(2, report.DiscountsMissed);
        Assert.Equal(57.50m, report.DiscountsMissedAmount);
    }

    [Fact]
    public void AnInvoiceStatingNoDiscount_UsesThePolicysTerms_FromItsInvoiceDate()
    {
        var report = Build(
            [
                Invoice("Early", new(2026, 2, 1), 1_000m, paid: new(2026, 2, 10)),  // within 10 days: not missed
                Invoice("Late", new(2026, 2, 1), 1_000m, paid: new(2026, 2, 12)),   // day 11: missed 2% = 20
            ],
            defaultPercent: 2m,
            defaultDays: 10);

        var february = report.Months.Single(m => m.Label == "2026-02");
        Assert.Equal(1, february.DiscountsMissed);
        Assert.Equal(20m, february.DiscountsMissedAmount);
    }

    [Fact]
    public void AnInvoiceStatingAZeroDiscount_OffersNone_EvenWhenThePolicyHasTerms()
    {
        var report = Build([Invoice("A", new(2026, 2, 1), 1_000m, paid: new(2026, 3, 20), percent: 0m, discountDate: new(2026, 2, 11))], defaultPercent: 2m, defaultDays: 10);

        Assert.Equal(0, report.DiscountsMissed);
    }

    [Fact]
    public void AnOpenInvoice_HasNeitherTakenNorMissedADiscount_Yet()
    {
        var report = Build([Invoice("A", new(2026, 5, 1), 1_000m, paid: null, percent: 2m, discountDate: new(2026, 5, 10))]);

        Assert.Equal(0, report.DiscountsMissed);
        Assert.Equal(0m, report.DiscountsTaken);
    }

    private static PaymentHistoryReport Build(IReadOnlyList<InvoiceRecord> invoices, decimal defaultPercent = 0m, int defaultDays = 0) =>
        PaymentHistoryReportBuilder.Build(new PaymentHistoryInput
        {
            CustomerName = "Contoso",
            Currency = "USD",
            AsOf = AsOf,
            Invoices = invoices,
            DefaultDiscountPercent = defaultPercent,
            DefaultDiscountDays = defaultDays,
        });

    private static InvoiceRecord Invoice(string id, DateTime issued, decimal amount, DateTime? paid, decimal? percent = null, DateTime? discountDate = null, decimal taken = 0m) =>
        new(id, issued, issued.AddDays(30), amount, paid, DiscountPercent: percent, DiscountDate: discountDate, DiscountTaken: taken);
}
