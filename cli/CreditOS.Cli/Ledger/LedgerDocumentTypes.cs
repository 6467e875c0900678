namespace CreditOS.Cli.Ledger;

/// <summary>What one row of a ledger with a document type column is.</summary>
public enum LedgerRowKind
{
    /// <summary>An invoice (or a type this reader does not know: read as before, an invoice when positive).</summary>
    Invoice,

    /// <summary>A customer's payment: it settles the invoice it names.</summary>
    Payment,

    /// <summary>A credit memo: not an invoice a customer pays late or on time.</summary>
    CreditMemo,

    /// <summary>A row that is neither (refund, reminder, finance charge, journal, discount): left out and counted.</summary>
    Other,

    /// <summary>A type this reader does not know: read as an invoice when positive, as a credit memo when negative, and said.</summary>
    Unknown,
}

/// <summary>
/// Document types as ERPs and accounting packages write them (Business Central's <c>Invoice</c> / <c>Payment</c> /
/// <c>Credit Memo</c>, SAP's document types <c>RV</c>, <c>DR</c>, <c>DZ</c>, <c>DG</c>, short codes such as
/// <c>INV</c>, <c>PMT</c>, <c>CM</c>, German and French words). Matched after lower-casing and dropping all but
/// letters and digits, as headers are.
/// </summary>
public static class LedgerDocumentTypes
{
    private static readonly HashSet<string> Invoices = new(StringComparer.Ordinal)
    {
        "invoice", "inv", "in", "rv", "dr", "ri", "salesinvoice", "arinvoice", "customerinvoice", "bill", "debitmemo", "debitnote",
        "rechnung", "re", "ausgangsrechnung", "facture", "factura", "fattura", "factuur", "faktura",
    };

    private static readonly HashSet<string> Payments = new(StringComparer.Ordinal)
    {
        "payment", "pmt", "pay", "pymt", "receipt", "cashreceipt", "customerpayment", "paymentreceived", "dz", "zp", "zahlung",
        "zahlungseingang", "paiement", "reglement", "règlement", "encaissement", "pago", "cobro", "betaling",
    };

    private static readonly HashSet<string> CreditMemos = new(StringComparer.Ordinal)
    {
        "creditmemo", "creditnote", "credit", "cm", "cn", "crmemo", "dg", "gutschrift", "avoir", "notadecredito", "notadecrédito", "abono", "creditnota",
    };

    private static readonly HashSet<string> Others = new(StringComparer.Ordinal)
    {
        "refund", "reminder", "financechargememo", "financecharge", "interest", "journal", "adjustment", "writeoff", "discount",
        "paymentdiscount", "openingbalance", "balance", "mahnung", "zinsen", "ausbuchung", "skonto",
    };

    /// <summary>The kind of a row whose document type reads <paramref name="text"/>.</summary>
    public static LedgerRowKind Classify(string text)
    {
        var name = ArHistoryColumns.Normalize(text);
        return Invoices.Contains(name) ? LedgerRowKind.Invoice
            : Payments.Contains(name) ? LedgerRowKind.Payment
            : CreditMemos.Contains(name) ? LedgerRowKind.CreditMemo
            : Others.Contains(name) ? LedgerRowKind.Other
            : LedgerRowKind.Unknown;
    }
}
