namespace CreditOS.Cli.Ledger;

/// <summary>
/// The columns of an accounts-receivable history and the names other systems' exports give them. A header matches
/// when it equals one of a column's names after lower-casing and dropping everything but letters and digits
/// (<c>customer_id</c>, <c>customerID</c> and <c>Customer ID</c> are one name), so an export from an ERP or a public
/// sample is read as it is, without a conversion step: IBM's (<c>customerID,invoiceNumber,InvoiceDate,DueDate,
/// InvoiceAmount,Disputed,SettledDate</c>), the payment-date-prediction one (<c>cust_number,invoice_id,posting_date,
/// due_in_date,total_open_amount,clear_date</c>), Business Central's customer ledger entries (<c>Customer No.,
/// Document No.,Posting Date,Due Date,Amount,Closed at Date</c>), Finance and Operations' customer transactions
/// (<c>AccountNum,Invoice,TransDate,DueDate,AmountCur,Closed</c>), SAP's line items by their field names
/// (<c>KUNNR,BELNR,BLDAT,NETDT,DMBTR,AUGDT</c>), Xero's and Zoho's invoice lists. When a file has several of a
/// column's names, the first in the list wins.
/// A file without a settlement date may give the days the invoice took to settle, or the days it was paid late; a file
/// without a due date may give the payment terms in days (<see cref="Alternatives"/>).
/// </summary>
public static class ArHistoryColumns
{
    public const string CustomerId = "customer_id";
    public const string InvoiceId = "invoice_id";
    public const string InvoiceDate = "invoice_date";
    public const string DueDate = "due_date";
    public const string Amount = "amount";
    public const string SettledDate = "settled_date";
    public const string Disputed = "disputed";

    /// <summary>Days from the invoice date to its settlement (IBM's <c>DaysToSettle</c>): the settlement date when a file has none.</summary>
    public const string DaysToSettle = "days_to_settle";

    /// <summary>Days paid after the due date: the settlement date when a file has neither it nor the days to settle.</summary>
    public const string DaysLate = "days_late";

    /// <summary>Payment terms in days (<c>30</c>, <c>Net 30</c>): the due date when a file has none.</summary>
    public const string TermsDays = "terms_days";

    /// <summary>The invoice's currency: only told, because amounts in several currencies are read as they are.</summary>
    public const string Currency = "currency";

    /// <summary>What a ledger row is (invoice, payment, credit memo): a ledger that writes payments as rows of their own.</summary>
    public const string DocumentType = "document_type";

    /// <summary>The invoice a payment row settles (Business Central's <c>Applies-to Doc. No.</c>); without it, the payment row's own invoice number.</summary>
    public const string AppliesTo = "applies_to";

    /// <summary>The amount of one payment when each row is a payment of its invoice (partial payments on several rows).</summary>
    public const string PaymentAmount = "payment_amount";

    /// <summary>Each column with the normalized names it is known by, the canonical one first.</summary>
    public static readonly IReadOnlyList<(string Column, string[] Names)> Known =
    [
        (CustomerId, ["customerid", "customernumber", "customerno", "customer", "custid", "custnumber", "custno", "accountnumber", "accountnum", "accountid", "account", "customeraccount", "custaccount", "debtor", "debtorid", "debtorno", "clientid", "client", "customercode", "customerref", "customername", "contactname", "contact", "partner", "partnerid", "buyer", "soldto", "soldtoparty", "payer", "kunnr", "kunde", "kundennummer", "kundennr", "debitornr", "debitorennummer", "debitor", "numéroclient", "clientno"]),
        (InvoiceId, ["invoiceid", "invoicenumber", "invoiceno", "invoice", "documentnumber", "documentno", "docnumber", "docno", "docid", "reference", "documentid", "invoiceref", "invoicereference", "billnumber", "billno", "invno", "invoicenum", "num", "voucher", "belnr", "vbeln", "rechnung", "rechnungsnummer", "rechnungsnr", "belegnummer", "belegnr", "facture", "numérofacture", "nfacture"]),
        (InvoiceDate, ["invoicedate", "documentdate", "issuedate", "billingdate", "invoicedon", "invdate", "billdate", "postingdate", "invoicecreateddate", "invoicecreationdate", "transdate", "transactiondate", "documentcreatedate", "documentcreatedate1", "baselinecreatedate", "baselinedate", "bldat", "budat", "rechnungsdatum", "belegdatum", "buchungsdatum", "datefacture", "date", "datum"]),
        (DueDate, ["duedate", "netduedate", "paymentduedate", "dueon", "invoiceduedate", "netdue", "due", "paymentdue", "netduedt", "dueindate", "duedt", "netdt", "faedt", "fällig", "fälligam", "fälligkeit", "fälligkeitsdatum", "faellig", "faelligkeit", "échéance", "dateéchéance"]),
        (Amount, ["amount", "invoiceamount", "originalamount", "grossamount", "totalamount", "invoicetotal", "total", "invoicevalue", "value", "amountinlocalcurrency", "amountlc", "amountindocumentcurrency", "amountdc", "documentamount", "invoiceamt", "amt", "amountcur", "amountmst", "gross", "dmbtr", "wrbtr", "totalopenamount", "betrag", "rechnungsbetrag", "bruttobetrag", "montant", "montantttc"]),
        (SettledDate, ["settleddate", "settledon", "paiddate", "datepaid", "paidon", "paymentdate", "clearingdate", "cleareddate", "settlementdate", "receiptdate", "paymentreceiveddate", "actualpaymentdate", "lastpaymentdate", "closeddate", "closedate", "datesettled", "datecleared", "cleardate", "closedatdate", "closedon", "closed", "fullypaidondate", "fullypaiddate", "datefullypaid", "paidat", "augdt", "bezahlt", "bezahltam", "zahlungsdatum", "ausgleichsdatum", "ausgeglichenam", "datepaiement", "réglé", "régléle"]),
        (Disputed, ["disputed", "indispute", "dispute", "isdisputed", "disputeflag", "disputeindicator", "disputedflag"]),
        (DaysToSettle, ["daystosettle", "daystopay", "daystopayment", "settlementdays", "daysuntilpayment", "numberofdaysuntilpayment", "daysuntilpaid", "daystillpayment", "daystillpaid"]),
        (DaysLate, ["dayslate", "latedays", "dayspaidlate", "daysbeyondterms", "paymentdelaydays", "delaydays"]),
        (TermsDays, ["termsdays", "paymenttermsdays", "paymentterms", "terms", "creditdays", "creditperiod", "netdays"]),
        (Currency, ["currency", "invoicecurrency", "currencycode", "documentcurrency", "curr", "cur", "waers"]),
        (DocumentType, ["documenttype", "doctype", "transactiontype", "transtype", "entrytype", "type", "documentclass", "recordtype", "itemtype", "blart", "belegart", "typedocument", "tipodocumento"]),
        (AppliesTo, ["appliestodocno", "appliestodocumentno", "appliestodocumentnumber", "appliesto", "appliedto", "appliedtoinvoice", "appliestoinvoice", "appliestoid", "settlesinvoice", "paidinvoice", "rebzg"]),
        (PaymentAmount, ["paymentamount", "amountpaid", "paidamount", "receiptamount", "appliedamount", "paymentamt", "zahlbetrag", "montantpaye"]),
    ];

    /// <summary>
    /// When no header bears one of a required column's names, a header whose name holds one of these parts (and none
    /// of the excluded ones) is taken for it, and the reader says so: <c>converted_usd</c> is an amount,
    /// <c>payment_clear_dt</c> a settlement date. Exclusions keep a date out of the amount and a name out of a date.
    /// A <c>Vendor_Name</c> or <c>Supplier</c> column is the counterparty of a payables ledger (who was paid, late or on
    /// time): it is read as the customer only when nothing else is, and said like every resemblance.
    /// </summary>
    private static readonly IReadOnlyList<(string Column, string[][] AllOf, string[] Excluded)> Resemblances =
    [
        (CustomerId, [["customer"], ["cust"], ["client"], ["debtor"], ["buyer"], ["vendor"], ["supplier"]], ["date", "term", "amount", "type", "group", "class", "currency", "country"]),
        (InvoiceId, [["invoice", "id"], ["invoice", "no"], ["invoice", "num"], ["doc", "id"], ["doc", "no"], ["doc", "num"], ["bill", "no"], ["bill", "num"]], ["date", "amount", "type"]),
        (InvoiceDate, [["invoice", "date"], ["posting", "date"], ["document", "date"], ["doc", "date"], ["issue", "date"], ["bill", "date"], ["create", "date"], ["invoice", "dt"]], ["due", "clear", "paid", "settle", "payment", "close"]),
        (DueDate, [["due"]], ["amount", "days", "term"]),
        (Amount, [["amount"], ["amt"], ["usd"], ["eur"], ["gbp"], ["total"]], ["date", "day", "term", "count", "id"]),
        (SettledDate, [["clear", "date"], ["paid", "date"], ["settle", "date"], ["payment", "date"], ["close", "date"], ["clear", "dt"], ["paid", "dt"], ["paid", "on"]], ["due", "invoice", "posting", "document"]),
    ];

    /// <summary>A required column that a file may replace by another: the first of the alternatives the file has is used.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Alternatives = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [SettledDate] = [DaysToSettle, DaysLate, DocumentType],
        [DueDate] = [TermsDays],
    };

    /// <summary>
    /// Columns a file may leave out: without <c>disputed</c> no invoice is taken as disputed; without an invoice number
    /// each row is an invoice of its own (a list of invoices exported without their numbers, as public samples are).
    /// </summary>
    public static bool IsOptional(string column) =>
        column is InvoiceId or Disputed or DaysToSettle or DaysLate or TermsDays or Currency or DocumentType or AppliesTo or PaymentAmount;

    /// <summary>A header as it is matched: lower case, letters and digits only.</summary>
    public static string Normalize(string header) =>
        new([.. header.TrimStart('\uFEFF').ToLowerInvariant().Where(char.IsLetterOrDigit)]);

    /// <summary>
    /// Each column's index in <paramref name="header"/>; a required column found neither under its names nor through an
    /// alternative is named in <paramref name="missing"/>. A header is taken by one column only (the earlier in
    /// <see cref="Known"/>), so a file's <c>Date</c> is not also its due date.
    /// </summary>
    public static Dictionary<string, int> Locate(IReadOnlyList<string> header, out List<string> missing) =>
        Locate(header, out missing, out _);

    /// <summary>
    /// As <see cref="Locate(IReadOnlyList{string}, out List{string})"/>; <paramref name="resembled"/> names each required
    /// column taken from a header that only resembles its names, for the reader to say.
    /// </summary>
    public static Dictionary<string, int> Locate(IReadOnlyList<string> header, out List<string> missing, out List<string> resembled)
    {
        ArgumentNullException.ThrowIfNull(header);
        var normalized = header.Select(Normalize).ToList();
        var located = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (column, names) in Known)
        {
            var index = names
                .Select(name => normalized.IndexOf(name))
                .FirstOrDefault(i => i >= 0 && !located.ContainsValue(i), -1);
            if (index >= 0)
            {
                located[column] = index;
            }
        }

        resembled = [];
        foreach (var (column, allOf, excluded) in Resemblances)
        {
            if (located.ContainsKey(column) || (Alternatives.TryGetValue(column, out var stand) && stand.Any(located.ContainsKey)))
            {
                continue;
            }

            var index = Enumerable.Range(0, normalized.Count).FirstOrDefault(
                i => !located.ContainsValue(i) && allOf.Any(parts => parts.All(normalized[i].Contains)) && !excluded.Any(normalized[i].Contains),
                -1);
            if (index >= 0)
            {
                located[column] = index;
                resembled.Add(column + " read from '" + header[index].Trim().TrimStart('\uFEFF') + "'");
            }
        }

        missing = [.. Known
            .Select(k => k.Column)
            .Where(c => !IsOptional(c) && !located.ContainsKey(c)
                && !(Alternatives.TryGetValue(c, out var alternatives) && alternatives.Any(located.ContainsKey)))];
        return located;
    }

    /// <summary>The names a required column is known by, and what may stand for it, for the message when it is missing.</summary>
    public static string NamesOf(string column) =>
        string.Join(" / ", Known.Single(k => k.Column == column).Names)
        + (Alternatives.TryGetValue(column, out var alternatives)
            ? ", or it may be given as " + string.Join(" or ", alternatives.Select(a => a + " (" + string.Join(" / ", Known.Single(k => k.Column == a).Names) + ")"))
            : string.Empty);
}
