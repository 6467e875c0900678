using System.Globalization;
using CreditOS.CreditEngine.Backtesting;

namespace CreditOS.Cli.Ledger;

/// <summary>One payment of an invoice, as a ledger row wrote it: whose, which invoice, when and how much.</summary>
internal sealed record LedgerPayment(string Customer, string InvoiceId, DateTime Date, decimal Amount, int Line);

/// <summary>
/// Settles invoices from payment rows (a ledger whose payments are rows of their own, or one row per payment of an
/// invoice): an invoice is settled on the day its payments, taken in date order, reach its amount (partial payments:
/// when the last one lands); an invoice on several instalments is filled earliest due date first. A payment short of
/// the amount by up to 3% (a cash discount, bank charges) settles it, and is said. An invoice the file settles itself
/// (a settlement date on its row) keeps that date. Payments that name no invoice of the file are counted.
/// </summary>
internal sealed class LedgerPayments
{
    /// <summary>What a payment may fall short of the invoice and still settle it: cash discounts run to 2–3%.</summary>
    private const decimal ShortfallAllowed = 0.03m;

    private readonly List<LedgerPayment> _payments = [];

    public int Count => _payments.Count;

    public void Add(LedgerPayment payment) => _payments.Add(payment);

    /// <summary>The invoices with the settlement dates their payments give, and what was found, for the command to say.</summary>
    public Settlement Settle(IReadOnlyList<BacktestInvoice> invoices, Func<string, string> customerKey, InvoiceCredits credits)
    {
        var byInvoice = _payments
            .GroupBy(p => Key(p.Customer, p.InvoiceId), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.Date).ThenBy(p => p.Line).ToList(), StringComparer.Ordinal);
        var settled = invoices.ToArray();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var byPayments = 0;
        var partly = new List<int>();
        var unpaid = new List<int>();
        var shortPaid = new List<int>();
        var multiple = 0;

        // Instalments carry "#2", "#3" after the invoice number (OpenItems): their payments name the invoice itself.
        var groups = Enumerable.Range(0, settled.Length)
            .GroupBy(i => Key(customerKey(settled[i].CustomerId), BaseId(settled[i].InvoiceId)), StringComparer.Ordinal);
        foreach (var group in groups)
        {
            if (!byInvoice.TryGetValue(group.Key, out var payments))
            {
                foreach (var i in group.Where(i => settled[i].SettledDate is null))
                {
                    unpaid.Add(settled[i].LineNumber);
                }

                continue;
            }

            used.Add(group.Key);
            multiple += payments.Count > 1 ? 1 : 0;
            // A credit note naming the invoice pays part of it without a date: the payments settle what it leaves.
            decimal paid = credits.For(customerKey(settled[group.First()].CustomerId), BaseId(settled[group.First()].InvoiceId));
            decimal owed = 0;
            var next = 0;
            DateTime? lastPayment = null;
            foreach (var i in group.OrderBy(i => settled[i].DueDate))
            {
                var invoice = settled[i];
                owed += invoice.Amount;
                while (paid < owed - Allowance(invoice.Amount) && next < payments.Count)
                {
                    paid += payments[next].Amount;
                    lastPayment = payments[next].Date;
                    next++;
                }

                if (invoice.SettledDate is not null)
                {
                    continue;
                }

                if (paid >= owed - Allowance(invoice.Amount) && lastPayment is { } on)
                {
                    settled[i] = invoice with { SettledDate = on };
                    byPayments++;
                    if (paid < owed - 0.005m)
                    {
                        shortPaid.Add(invoice.LineNumber);
                    }
                }
                else
                {
                    (paid > owed - invoice.Amount ? partly : unpaid).Add(invoice.LineNumber);
                }
            }
        }

        var unmatched = _payments.Where(p => !used.Contains(Key(p.Customer, p.InvoiceId))).Select(p => p.Line).ToList();
        var notes = new List<string>
        {
            _payments.Count.ToString(CultureInfo.InvariantCulture) + " payment(s) read; " + byPayments.ToString(CultureInfo.InvariantCulture)
                + " invoice(s) settled by them on the day the last payment needed landed (" + multiple.ToString(CultureInfo.InvariantCulture) + " paid in several payments)",
        };
        Note(notes, shortPaid, "invoice(s) settled by payments short of their amount by at most 3% (a cash discount or bank charges)");
        Note(notes, partly, "invoice(s) paid in part only: open (unpaid past due counts as late)");
        Note(notes, unpaid, "invoice(s) with no payment and no settlement date: open");
        Note(notes, unmatched, "payment(s) naming no invoice of the file (on account, or for invoices before the export) left out");
        return new Settlement(settled, notes);
    }

    private static decimal Allowance(decimal amount) => Math.Max(0.005m, amount * ShortfallAllowed);

    /// <summary>One invoice of one customer, as payments and credit notes name it.</summary>
    internal static string Key(string customer, string invoice) => customer + "\u0001" + invoice.Trim();

    /// <summary>The invoice an instalment belongs to (<see cref="OpenItems"/> numbers them "INV-1#2").</summary>
    internal static string BaseId(string invoiceId)
    {
        var hash = invoiceId.LastIndexOf('#');
        return hash > 0 && invoiceId[(hash + 1)..].All(char.IsAsciiDigit) && invoiceId.Length > hash + 1 ? invoiceId[..hash] : invoiceId;
    }

    private static void Note(List<string> notes, List<int> lines, string what)
    {
        if (lines.Count > 0)
        {
            notes.Add(lines.Count.ToString(CultureInfo.InvariantCulture) + " " + what + " (line" + (lines.Count > 1 ? "s " : " ")
                + string.Join(", ", lines.Order().Take(5)) + (lines.Count > 5 ? ", …" : string.Empty) + ")");
        }
    }

    internal sealed record Settlement(IReadOnlyList<BacktestInvoice> Invoices, IReadOnlyList<string> Notes);
}
