using System.Globalization;
using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Tests.Support;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// What a faulty-stream test sends and, from the messages alone, what they must leave (<see cref="ExpectedLedger"/>): each
/// valid SAP payment advice is booked as it is made, each message meant for the dead-letter queue with its reason, each
/// invoice with its amount and customer. One home for the SAP advice the stream tests write (<see cref="Advice"/>).
/// </summary>
internal sealed class StreamBook
{
    public Dictionary<string, (decimal Amount, string Invoice)> Payments { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> DeadLetters { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, decimal> InvoiceAmounts { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> InvoiceCustomers { get; } = new(StringComparer.Ordinal);

    public static string Erp(string document) => "1000-2026-" + document;

    public static string Number(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    public static ServiceBusMessage Message(string id, string body) => LocalServiceBusForWorker.TextMessage(id, "sap.payment-advice", body);

    /// <summary>An SAP payment advice with the amount as written (raw JSON: a number, a string or another type) and one invoice, or none.</summary>
    public static string Advice(string document, string customer, string amount, string currency, string? invoice)
    {
        var value = decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out _) ? $"\"{amount}\"" : amount;
        var items = invoice is null ? string.Empty : "{\"InvoiceReference\":\"" + invoice + "\"}";
        return "{\"PaymentAdvice\":{\"CompanyCode\":\"1000\",\"FiscalYear\":\"2026\",\"DocumentNumber\":\"" + document + "\",\"Customer\":\"" + customer
            + "\",\"Amount\":" + value + ",\"Currency\":\"" + currency + "\",\"ValueDate\":\"2026-11-20\",\"Items\":[" + items + "]}}";
    }

    public void Invoice(string erpId, string customer, decimal amount)
    {
        InvoiceAmounts[erpId] = amount;
        InvoiceCustomers[erpId] = customer;
    }

    /// <summary>A valid payment (booked: applied once with this amount, to this invoice or none).</summary>
    public ServiceBusMessage Valid(string id, string document, string customer, decimal amount, string? invoice, string currency = "EUR")
    {
        Payments[Erp(document)] = (amount, invoice ?? string.Empty);
        return Message(id, Advice(document, customer, Number(amount), currency, invoice));
    }

    /// <summary>
    /// <paramref name="count"/> valid payments of <paramref name="amount"/> each on one invoice: message ids
    /// <paramref name="idPrefix"/> and document numbers <paramref name="documentPrefix"/> followed by the number (8 digits).
    /// </summary>
    public IEnumerable<ServiceBusMessage> Bulk(int count, string idPrefix, string documentPrefix, string customer, decimal amount, string invoice) =>
        Enumerable.Range(1, count).Select(index => index.ToString("D8", CultureInfo.InvariantCulture))
            .Select(number => Valid(idPrefix + number, documentPrefix + number, customer, amount, invoice)).ToList();

    /// <summary>A message meant for the dead-letter queue with <paramref name="reason"/>.</summary>
    public ServiceBusMessage Refused(string id, string reason, string body, string subject = "sap.payment-advice")
    {
        DeadLetters[id] = reason;
        return LocalServiceBusForWorker.TextMessage(id, subject, body);
    }

    public ExpectedLedger Expected(IReadOnlyDictionary<string, decimal> unappliedCash) =>
        new(DeadLetters, Payments, InvoiceAmounts, InvoiceCustomers, new Dictionary<string, decimal>()) { UnappliedCash = unappliedCash };
}
