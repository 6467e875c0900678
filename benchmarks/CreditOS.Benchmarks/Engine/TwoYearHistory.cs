using CreditOS.CreditEngine.History;

namespace CreditOS.Benchmarks.Engine;

/// <summary>A customer with two years of history: 500 invoices, each settled by one of 500 payments, some late, a bureau report.</summary>
internal static class TwoYearHistory
{
    public static readonly DateTime AsOf = new(2026, 6, 30);

    public static CustomerHistory Create(int invoiceCount = 500)
    {
        var invoices = new List<InvoiceRecord>(invoiceCount);
        var payments = new List<PaymentRecord>(invoiceCount);
        for (var i = 0; i < invoiceCount; i++)
        {
            var invoiceDate = AsOf.AddDays(-730 + (i * 730 / invoiceCount));
            var due = invoiceDate.AddDays(30);
            var daysLate = (i % 7) switch { 0 => 12, 1 => 35, _ => -2 };
            var settled = due.AddDays(daysLate);
            var amount = 1_000m + (i % 13 * 250m);
            var id = "INV-" + i;
            if (settled <= AsOf)
            {
                invoices.Add(new InvoiceRecord(id, invoiceDate, due, amount, settled, i % 41 == 0));
                payments.Add(new PaymentRecord("PAY-" + i, settled, amount, [new PaymentAllocation(id, amount)]));
            }
            else
            {
                invoices.Add(new InvoiceRecord(id, invoiceDate, due, amount, null, false));
                payments.Add(new PaymentRecord("PAY-" + i, AsOf, amount / 2, [new PaymentAllocation(id, amount / 2)]));
            }
        }

        return new CustomerHistory
        {
            CustomerId = "BENCH",
            Currency = "USD",
            Segment = new CustomerSegment("Manufacturing", "Regular"),
            Invoices = invoices,
            Payments = payments,
            BureauReports = [new BureauReport(AsOf.AddDays(-40), 72, BureauRating.B, 250_000m, 8, 0, 0, 0)],
        };
    }
}
