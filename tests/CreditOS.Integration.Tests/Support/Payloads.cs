using System.Globalization;
using Amqp;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Tests.Support;

/// <summary>Example payloads in each source format, and inbound messages built from them.</summary>
public static class Payloads
{
    public static string SapPaymentAdvice(string document, string customer, decimal amount, string currency = "EUR", string invoice = "90000001") =>
        $$$"""{"PaymentAdvice":{"CompanyCode":"1000","FiscalYear":"2026","DocumentNumber":"{{{document}}}","Customer":"{{{customer}}}","Amount":"{{{Number(amount)}}}","Currency":"{{{currency}}}","ValueDate":"2026-11-20","Items":[{"InvoiceReference":"{{{invoice}}}","Amount":"{{{Number(amount)}}}"}]}}""";

    public static string FinanceJournalLine(string lineNumber, string customer, decimal amount, string currency = "EUR") =>
        $$"""{"dataAreaId":"usmf","JournalBatchNumber":"CPJ-0042","LineNumber":{{lineNumber}},"AccountDisplayValue":"{{customer}}","CreditAmount":{{Number(amount)}},"CurrencyCode":"{{currency}}","TransactionDate":"2026-11-21T00:00:00Z","MarkedInvoice":"INV-1,INV-2"}""";

    public static string LegacyPaymentCsv(string paymentId, string customer, decimal amount, string currency = "EUR") =>
        $"payment_id;customer_no;amount;currency;payment_date;invoices\n{paymentId};{customer};{Number(amount)};{currency};2026-11-22;L-1|L-2";

    public static string SapOpenItem(string document, string customer, decimal amount, decimal open, string currency = "EUR") =>
        $$$"""{"OpenItem":{"CompanyCode":"1000","FiscalYear":"2026","DocumentNumber":"{{{document}}}","Customer":"{{{customer}}}","InvoiceReference":"INV-{{{document}}}","DocumentDate":"2026-10-01","NetDueDate":"2026-10-31","Amount":"{{{Number(amount)}}}","OpenAmount":"{{{Number(open)}}}","Currency":"{{{currency}}}","ClearingDate":null,"Disputed":""}}""";

    public static string LegacyReceivableCsv(string invoiceId, string customer, decimal amount, decimal open) =>
        $"invoice_id;customer_no;invoice_number;invoice_date;due_date;amount;open_amount;currency;settled_on;disputed\n{invoiceId};{customer};R-{invoiceId};2026-09-01;2026-10-01;{Number(amount)};{Number(open)};EUR;;yes";

    public static string BureauReport(string reportId, string customer, bool lien = true) =>
        $$"""{"bureau":"Creditreform","reportId":"{{reportId}}","customerNumber":"{{customer}}","solvencyScore":72,"rating":"B","recommendedCredit":75000,"daysBeyondTerms":4,"judgment":false,"lien":{{(lien ? "true" : "false")}},"reportDate":"2026-11-19"}""";

    public static string WebShopOrder(string orderNumber, string customer, decimal unitPrice, decimal quantity = 1, string currency = "EUR") =>
        $$"""{"orderNumber":"{{orderNumber}}","customerNumber":"{{customer}}","currency":"{{currency}}","lines":[{"sku":"SKU-1","quantity":{{Number(quantity)}},"unitPrice":{{Number(unitPrice)}}}]}""";

    public static string EdiOrder(string orderNumber, string customer, decimal unitPrice, decimal quantity = 1) =>
        $"UNH+1+ORDERS:D:96A:UN'BGM+220+{orderNumber}+9'NAD+BY+{customer}::91'CUX+2:EUR:9'LIN+1++SKU-7:SA'QTY+21:{Number(quantity)}'PRI+AAA:{Number(unitPrice)}'UNT+8+1'";

    public static string PartnerOrder(string reference, string customer, decimal unitPrice, decimal quantity = 1) =>
        $"""<PartnerOrder partnerId="P-7" reference="{reference}"><Customer number="{customer}"/><Currency>EUR</Currency><Line sku="SKU-9" quantity="{Number(quantity)}" unitPrice="{Number(unitPrice)}"/></PartnerOrder>""";

    public static InboundMessage Inbound(string subject, string body, string? messageId = null, string? replyTo = null) =>
        new(LocalBroker.TextMessage(messageId ?? Guid.NewGuid().ToString("N"), subject, body, replyTo), DateTimeOffset.UtcNow);

    /// <summary>A message as a broker that numbers its messages hands it over: with its sequence number in the scope given (Service Bus: namespace/queue).</summary>
    public static InboundMessage Sequenced(string subject, string body, long sequenceNumber, string scope = "127.0.0.1/" + LocalBroker.ReceivablesQueue, string? messageId = null) =>
        new(LocalBroker.TextMessage(messageId ?? Guid.NewGuid().ToString("N"), subject, body, null), DateTimeOffset.UtcNow) { Sequence = new MessageSequence(scope, sequenceNumber) };

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
