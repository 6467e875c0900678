using CreditOS.CreditEngine.History;
using CsCheck;

namespace CreditOS.CreditEngine.Tests.Builders;

/// <summary>CsCheck generators for random but valid customer histories as of <see cref="HistoryBuilder.AsOf"/>.</summary>
internal static class HistoryGen
{
    public static readonly DateTime AsOf = HistoryBuilder.AsOf;

    private static readonly Gen<InvoiceRecord> Invoice =
        Gen.Select(Gen.Int[0, 720], Gen.Int[0, 50_000], Gen.Int[0, 180], Gen.Int[-40, 150], Gen.Int[0, 9], Gen.Int[0, 19])
            .Select((daysAgo, amount, netDays, settleOffset, unpaidRoll, disputeRoll) =>
            {
                var invoiceDate = AsOf.AddDays(-daysAgo);
                var due = invoiceDate.AddDays(netDays);
                var settled = due.AddDays(settleOffset);
                return new InvoiceRecord(
                    string.Empty,
                    invoiceDate,
                    due,
                    amount,
                    unpaidRoll == 0 ? null : settled < invoiceDate ? invoiceDate : settled,
                    disputeRoll == 0);
            });

    private static readonly Gen<BureauReport?> Bureau =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 100], Gen.Int[1, 5], Gen.Int[0, 120], Gen.Int[0, 1], Gen.Int[0, 1], Gen.Int[10, 400])
            .Select((present, solvency, rating, dbt, judgments, liens, daysAgo) => present == 0
                ? null
                : new BureauReport(AsOf.AddDays(-daysAgo), solvency, (BureauRating)rating, null, dbt, judgments, 0, liens));

    public static readonly Gen<CustomerHistory> History =
        Gen.Select(Invoice.List[0, 40], Bureau, Gen.Int[0, 4])
            .Select((invoices, bureau, brokenPromises) => new CustomerHistory
            {
                CustomerId = "PROP",
                Currency = "USD",
                Invoices = invoices.Select((invoice, index) => invoice with { Id = "I" + index }).ToList(),
                BureauReports = bureau is null ? [] : [bureau],
                Promises = Enumerable.Range(0, brokenPromises)
                    .Select(i => new PromiseToPay("PTP" + i, AsOf.AddDays(-100), AsOf.AddDays(-90), 10m, PromiseStatus.Broken, AsOf.AddDays(-90)))
                    .ToList(),
            });
    /// <summary>A history and the same history with one invoice paid 1–200 days later (unchanged when it has none): "paying later never lowers risk".</summary>
    public static readonly Gen<(CustomerHistory Before, CustomerHistory After)> PaidLater =
        Gen.Select(History, Gen.Int[0, 1_000], Gen.Int[1, 200]).Select((history, pick, delay) =>
            (history, ChangeOne(history, pick, invoice => invoice with { SettledDate = invoice.SettledDate?.AddDays(delay) })));

    /// <summary>A history and the same history with one invoice left unpaid (unchanged when it has none).</summary>
    public static readonly Gen<(CustomerHistory Before, CustomerHistory After)> LeftUnpaid =
        Gen.Select(History, Gen.Int[0, 1_000]).Select((history, pick) => (history, ChangeOne(history, pick, invoice => invoice with { SettledDate = null })));

    /// <summary>
    /// A history and the same history with a payment of 1–100% of one invoice open at <see cref="AsOf"/>, made up to 720
    /// days before it but not before the invoice (unchanged when nothing is open): "a payment never raises risk".
    /// </summary>
    public static readonly Gen<(CustomerHistory Before, CustomerHistory After)> WithAPayment =
        Gen.Select(History, Gen.Int[0, 1_000], Gen.Int[1, 100], Gen.Int[0, 720]).Select((history, pick, percent, daysAgo) =>
        {
            var open = history.Invoices.Where(i => i.Amount > 0 && i.InvoiceDate <= AsOf && (i.SettledDate is null || i.SettledDate > AsOf)).ToList();
            if (open.Count == 0)
            {
                return (history, history);
            }

            var invoice = open[pick % open.Count];
            var paidOn = AsOf.AddDays(-daysAgo) < invoice.InvoiceDate ? invoice.InvoiceDate : AsOf.AddDays(-daysAgo);
            var amount = Math.Max(0.01m, decimal.Round(invoice.Amount * percent / 100m, 2));
            var payment = new PaymentRecord("PAY", paidOn, amount, [new PaymentAllocation(invoice.Id, amount)]);
            return (history, history with { Payments = [.. history.Payments, payment] });
        });

    private static CustomerHistory ChangeOne(CustomerHistory history, int pick, Func<InvoiceRecord, InvoiceRecord> change)
    {
        if (history.Invoices.Count == 0)
        {
            return history;
        }

        var index = pick % history.Invoices.Count;
        return history with { Invoices = history.Invoices.Select((x, i) => i == index ? change(x) : x).ToList() };
    }
}
