namespace CreditOS.Cli.Ledger;

/// <summary>
/// The columns of an accounts-receivable history and the names other systems' exports give them. A header matches
/// when it equals one of a column's names after lower-casing and dropping everything but letters and digits
/// (<c>customer_id</c>, <c>customerID</c> and <c>Customer ID</c> are one name), so an export from an ERP or a public
/// sample (IBM's: <c>customerID,invoiceNumber,InvoiceDate,DueDate,InvoiceAmount,Disputed,SettledDate</c>) is read as
/// it is, without a conversion step. When a file has several of a column's names, the first in the list wins.
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

    /// <summary>Each column with the normalized names it is known by, the canonical one first.</summary>
    public static readonly IReadOnlyList<(string Column, string[] Names)> Known =
    [
        (CustomerId, ["customerid", "customernumber", "customerno", "customer", "custid", "accountnumber", "accountid", "account", "debtor", "debtorid", "clientid", "client", "customercode", "customername", "partner", "partnerid", "buyer"]),
        (InvoiceId, ["invoiceid", "invoicenumber", "invoiceno", "invoice", "documentnumber", "documentno", "docnumber", "reference", "documentid", "invoiceref", "invoicereference", "billnumber", "billno", "invno", "invoicenum"]),
        (InvoiceDate, ["invoicedate", "documentdate", "issuedate", "billingdate", "invoicedon", "invdate", "billdate", "postingdate", "invoicecreateddate", "invoicecreationdate"]),
        (DueDate, ["duedate", "netduedate", "paymentduedate", "dueon", "invoiceduedate", "netdue", "due", "paymentdue", "netduedt"]),
        (Amount, ["amount", "invoiceamount", "originalamount", "grossamount", "totalamount", "invoicetotal", "total", "invoicevalue", "value", "amountinlocalcurrency", "amountlc", "amountindocumentcurrency", "amountdc", "documentamount", "invoiceamt", "amt"]),
        (SettledDate, ["settleddate", "settledon", "paiddate", "datepaid", "paidon", "paymentdate", "clearingdate", "cleareddate", "settlementdate", "receiptdate", "paymentreceiveddate", "actualpaymentdate", "lastpaymentdate", "closeddate", "closedate", "datesettled", "datecleared"]),
        (Disputed, ["disputed", "indispute", "dispute", "isdisputed", "disputeflag", "disputeindicator", "disputedflag"]),
    ];

    /// <summary>Columns a file may leave out: without <c>disputed</c> no invoice is taken as disputed.</summary>
    public static bool IsOptional(string column) => column == Disputed;

    /// <summary>A header as it is matched: lower case, letters and digits only.</summary>
    public static string Normalize(string header) =>
        new([.. header.TrimStart('\uFEFF').ToLowerInvariant().Where(char.IsLetterOrDigit)]);

    /// <summary>Each column's index in <paramref name="header"/>; a required column not found is named in <paramref name="missing"/>.</summary>
    public static Dictionary<string, int> Locate(IReadOnlyList<string> header, out List<string> missing)
    {
        var normalized = header.Select(Normalize).ToList();
        var located = new Dictionary<string, int>(StringComparer.Ordinal);
        missing = [];
        foreach (var (column, names) in Known)
        {
            var index = names.Select(name => normalized.IndexOf(name)).FirstOrDefault(i => i >= 0, -1);
            if (index >= 0)
            {
                located[column] = index;
            }
            else if (!IsOptional(column))
            {
                missing.Add(column);
            }
        }

        return located;
    }

    /// <summary>The names a required column is known by, for the message when it is missing.</summary>
    public static string NamesOf(string column) =>
        string.Join(" / ", Known.Single(k => k.Column == column).Names);
}
