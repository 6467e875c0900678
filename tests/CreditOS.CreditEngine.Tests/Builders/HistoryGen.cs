using CreditOS.CreditEngine.History;
using CsCheck;

namespace CreditOS.CreditEngine.Tests.Builders;

/// <summary>CsCheck generators for random but valid customer histories as of <see cref="HistoryBuilder.AsOf"/>.</summary>
internal static class HistoryGen
{
    public static readonly DateTime AsOf = HistoryBuilder.AsOf;

    private static readonly Gen<InvoiceRecord> Invoice =
        Gen.Select(Gen.Int[0, 720], Gen.Int[0, 50_000], Gen.Int[0, 90], Gen.Int[-40, 150], Gen.Int[0, 9], Gen.Int[0, 19])
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
}
